/**
 * The small images the Kubernetes docs use to demonstrate probes and resource limits: agnhost and
 * the older `liveness` server (an HTTP /healthz that turns bad after 10 s), goproxy (a TCP
 * listener), and polinux/stress (takes the memory it is told to).
 */
import type { Container } from 'kubernetes-types/core/v1'
import { server, type Program, type Step } from './program'

/** Go binaries die of SIGTERM (no handler): the runtime reports 128 + 15. */
const GO_SIGTERM_EXIT = 143

/**
 * agnhost's `liveness` (and k8s.gcr.io/liveness's `/server`): /healthz answers 200 while the
 * process is 10 s old or younger, 500 after (test/images/agnhost/liveness/server.go).
 */
export function livenessServer(): Program {
  return server(() => [], [0, 50], {
    ports: [8080],
    name: 'agnhost',
    sigtermExitCode: GO_SIGTERM_EXIT,
    http: (req) => (req.path === '/healthz' ? (req.uptimeMs > 10_000 ? 500 : 200) : 404),
  })
}

/** agnhost: the subcommand is its first argument; the ones the docs use are served here. */
export function agnhost(container: Container): Program {
  const argv = [...(container.command ?? []), ...(container.args ?? [])].filter((a) => !a.endsWith('agnhost'))
  if (argv[0] === 'liveness') return livenessServer()
  // netexec, serve-hostname and the rest: an HTTP server on 8080 (agnhost's default --http-port).
  return server(() => [], [0, 50], { ports: [8080], name: 'agnhost', sigtermExitCode: GO_SIGTERM_EXIT })
}

/** registry.k8s.io/goproxy: an HTTP proxy listening on 8080. */
export function goproxy(): Program {
  return server(() => [], [0, 50], { ports: [8080], name: 'goproxy', sigtermExitCode: GO_SIGTERM_EXIT })
}

/** stress's sizes: a bare number is bytes; K, M, G are powers of 1024 (stress's atoll_b). */
function stressBytes(text: string | undefined): number {
  const m = /^(\d+)([bBkKmMgG]?)$/.exec(text ?? '')
  if (!m) return 256 * 1024 * 1024
  const unit = { '': 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[m[2].toLowerCase() as '' | 'b' | 'k' | 'm' | 'g']
  return Number(m[1]) * unit
}

/** `stress --vm N --vm-bytes B --vm-hang S [--cpu N] [--timeout T]`: its workers take N × B of memory. */
export function stress(container: Container): Program {
  const argv = [...(container.command ?? []), ...(container.args ?? [])]
  const flag = (name: string) => {
    const i = argv.indexOf(name)
    return i >= 0 ? argv[i + 1] : undefined
  }
  const vm = Number(flag('--vm') ?? flag('-m') ?? 0)
  const cpu = Number(flag('--cpu') ?? flag('-c') ?? 0)
  const io = Number(flag('--io') ?? flag('-i') ?? 0)
  const hdd = Number(flag('--hdd') ?? flag('-d') ?? 0)
  const bytes = vm * stressBytes(flag('--vm-bytes'))
  const timeout = Number.parseInt(flag('--timeout') ?? flag('-t') ?? '', 10)
  return {
    *steps(): Generator<Step> {
      yield { kind: 'log', line: `stress: info: [1] dispatching hogs: ${cpu} cpu, ${io} io, ${vm} vm, ${hdd} hdd` }
      // Touching the pages takes a moment; the cgroup's OOM killer acts as soon as they pass the limit.
      yield { kind: 'sleep', ms: 150 }
      if (bytes) yield { kind: 'memory', bytes }
      if (!Number.isFinite(timeout)) return
      yield { kind: 'sleep', ms: Math.max(0, timeout * 1000 - 150) }
      yield { kind: 'log', line: `stress: info: [1] successful run completed in ${timeout}s` }
      yield { kind: 'exit', code: 0 }
    },
    stopAfterSigterm: () => 0,
    sigtermExitCode: GO_SIGTERM_EXIT,
    name: 'stress',
  }
}
