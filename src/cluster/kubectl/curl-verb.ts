/**
 * The runner's `curl`: curl on the learner's own machine, outside the cluster. Only what a laptop
 * can reach answers — node ports on the nodes' addresses, LoadBalancer IPs, the ingress address —
 * as in the docs' tutorials (`curl http://<EXTERNAL-IP>:8080`); cluster DNS names do not resolve.
 */
import { curl } from '../images/net-applets'
import type { ProgramContext } from '../images/program'
import type { KubectlHost } from './host'

export interface CurlResult { code: number; stdout: string; stderr: string }

// Steps of one request are few; the bound only stops a runaway.
const MAX_STEPS = 100_000

export function runCurlVerb(host: KubectlHost, args: string[]): CurlResult {
  const request = host.traffic?.request
  if (!request) return { code: 1, stdout: '', stderr: 'curl: this cluster has no network\n' }
  const ctx: ProgramContext = {
    now: () => host.clock.now(),
    env: {},
    hostname: 'laptop',
    podIP: '',
    http: (url, options) => request.call(host.traffic, url, options),
    image: 'curlimages/curl',
  }
  const steps = curl(args, ctx, new Map())
  let stdout = ''
  let stderr = ''
  for (let i = 0; i < MAX_STEPS; i++) {
    const r = steps.next()
    if (r.done) return { code: r.value, stdout, stderr }
    const s = r.value
    if (s.kind === 'log') {
      if (s.stream === 'stderr') stderr += s.line + '\n'
      else stdout += s.line + '\n'
    }
  }
  return { code: 1, stdout, stderr }
}
