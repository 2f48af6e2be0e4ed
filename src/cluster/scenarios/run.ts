/**
 * Scenario tests drive a fresh default cluster through the headless runner's script language, as a
 * docs author or a learner would, and read what kubectl prints.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { createCluster, type Cluster } from '../cluster'
import { runScript } from '../kubectl/script'
import { KubeConfig } from '../kubectl/kubeconfig'

const EXAMPLES = resolve(__dirname, '../../../public/examples')

export interface Run {
  cluster: Cluster
  stdout: string
  stderr: string
  failed: number
  /** Runs more lines against the same cluster. */
  more(script: string): { stdout: string; stderr: string; failed: number }
}

export function run(script: string, seed = 1): Run {
  const cluster = createCluster({ seed })
  // One kubeconfig for the whole run, so `kubectl config set-context` holds across more().
  const kubeconfig = new KubeConfig()
  const exec = (text: string) => {
    const read = (p: string) => readFileSync(resolve(EXAMPLES, p), 'utf8')
    const r = runScript(cluster, text, { readFile: read, readExample: read, kubeconfig })
    const pick = (s: 'stdout' | 'stderr') => r.output.filter((c) => c.stream === s).map((c) => c.text).join('')
    return { stdout: pick('stdout'), stderr: pick('stderr'), failed: r.failed }
  }
  return { cluster, ...exec(script), more: exec }
}

/** The rows of a kubectl table (header dropped), split on runs of two or more spaces. */
export function rows(table: string): string[][] {
  return table.trim().split('\n').slice(1).map((l) => l.trim().split(/\s{2,}/))
}

export const NGINX = 'controllers/nginx-deployment.yaml'
