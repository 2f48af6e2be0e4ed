/**
 * The headless runner: `npm run -s sim -- [--seed N] [--echo] FILE` runs a script of kubectl lines
 * (see src/cluster/kubectl/script.ts) against a fresh simulated cluster and prints what kubectl
 * would. FILE `-` reads the script from stdin. Exits 1 if any command failed.
 *
 * Before the script runs, the cluster boots: virtual time advances one second at a time until every
 * Node reports Ready (at most STARTUP_MAX_MS), so `kubectl get nodes` shows Ready nodes a few
 * seconds old, as on a cluster that has just come up.
 */
import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Node } from 'kubernetes-types/core/v1'
import { createCluster, type Cluster } from './cluster/cluster'
import { runScript } from './cluster/kubectl/script'
import { loadSchema } from './cluster/kubectl/explain/schema'

// The docs' examples bundled with the app, which `kubectl apply -f https://k8s.io/examples/...` reads.
const EXAMPLES = fileURLToPath(new URL('../public/examples/', import.meta.url))

const STARTUP_STEP_MS = 1_000
const STARTUP_MAX_MS = 10_000

interface Args {
  file?: string
  seed: number
  echo: boolean
}

function parseArgs(argv: string[]): Args {
  const args: Args = { seed: 1, echo: false }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if (a === '--echo') args.echo = true
    else if (a === '--seed' || a.startsWith('--seed=')) {
      const v = a.includes('=') ? a.slice(7) : argv[++i]
      if (!/^\d+$/.test(v ?? '')) fail(`error: invalid --seed "${v ?? ''}"`)
      args.seed = Number(v)
    } else if (a === '-h' || a === '--help') {
      process.stdout.write('usage: npm run -s sim -- [--seed N] [--echo] FILE|-\n')
      process.exit(0)
    } else if (!args.file) args.file = a
    else fail(`error: unexpected argument "${a}"`)
  }
  if (!args.file) fail('usage: npm run -s sim -- [--seed N] [--echo] FILE|-')
  return args
}

function fail(message: string): never {
  process.stderr.write(message + '\n')
  process.exit(2)
}

function boot(seed: number): Cluster {
  const cluster = createCluster({ seed })
  const allReady = () => {
    const nodes = cluster.api.list<Node>('Node')
    return nodes.length > 0 && nodes.every((n) => (n.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True'))
  }
  cluster.clock.settle()
  for (let t = 0; t < STARTUP_MAX_MS && !allReady(); t += STARTUP_STEP_MS) cluster.clock.advance(STARTUP_STEP_MS)
  return cluster
}

function main(): void {
  const args = parseArgs(process.argv.slice(2))
  const text = args.file === '-' ? readFileSync(0, 'utf8') : readFileSync(args.file!, 'utf8')
  const base = args.file === '-' ? process.cwd() : dirname(resolve(args.file!))
  const cluster = boot(args.seed)
  const { output, failed } = runScript(cluster, text, {
    echo: args.echo,
    readFile: (p) => readFileSync(resolve(base, p), 'utf8'),
    readExample: (p) => readFileSync(resolve(EXAMPLES, p), 'utf8'),
  })
  for (const chunk of output) (chunk.stream === 'stdout' ? process.stdout : process.stderr).write(chunk.text)
  process.exitCode = failed > 0 ? 1 : 0
}

// kubectl explain's schema loads lazily (a large generated chunk); have it before the script runs.
await loadSchema()
main()
