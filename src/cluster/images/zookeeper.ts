/**
 * registry.k8s.io/kubernetes-zookeeper:1.0-3.4.10, the image of the docs' ZooKeeper tutorial. It
 * ships two scripts (kubernetes-retired/contrib statefulsets/zookeeper): `start-zookeeper --flags…`
 * writes the server's id (the pod's ordinal + 1) and configuration, then execs the ZooKeeper 3.4.10
 * JVM serving clients, followers and elections; `zookeeper-ready PORT` sends `ruok` to the local
 * server and exits 0 when it answers `imok`.
 */
import type { Container } from 'kubernetes-types/core/v1'
import { server, type Program, type ProgramContext } from './program'

// kube (start-zookeeper): the defaults of the flags the tutorial passes.
const DEFAULTS = { client_port: '2181', server_port: '2888', election_port: '3888', data_dir: '/var/lib/zookeeper/data', conf_dir: '/opt/zookeeper/conf', servers: '1' }

type Flags = typeof DEFAULTS & Record<string, string>

/** `start-zookeeper --servers=3 --client_port=2181 …` as one word list (`--name=value` or `--name value`). */
function parseFlags(args: string[]): Flags {
  const flags: Record<string, string> = { ...DEFAULTS }
  for (let i = 0; i < args.length; i++) {
    const m = /^--([\w-]+)(?:=(.*))?$/.exec(args[i])
    if (!m) continue
    flags[m[1]] = m[2] ?? args[++i] ?? ''
  }
  return flags as Flags
}

/** log4j's `%d{ISO8601}` in UTC: `2016-12-06 19:34:16,236`. */
function log4jTime(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace('.', ',').replace('Z', '')
}

/** The ZooKeeper server a `start-zookeeper` command line starts. */
export function zookeeperServer(args: string[]): Program {
  const f = parseFlags(args)
  const ports = [f.client_port, f.server_port, f.election_port].map(Number)
  const lines = (ctx: ProgramContext): string[] => {
    // kube: the id is the ordinal of the StatefulSet pod's hostname, plus one.
    const ordinal = Number(/-(\d+)$/.exec(ctx.hostname)?.[1] ?? 0)
    const id = ordinal + 1
    ctx.fs?.set(`${f.data_dir}/myid`, `${id}\n`)
    const t = log4jTime(ctx.now())
    const cfg = `${f.conf_dir}/zoo.cfg`
    return [
      'ZooKeeper JMX enabled by default',
      `Using config: ${cfg}`,
      `${t} [myid:] - INFO  [main:QuorumPeerConfig@103] - Reading configuration from: ${cfg}`,
      `${t} [myid:] - INFO  [main:DatadirCleanupManager@78] - autopurge.snapRetainCount set to ${f.snap_retain_count ?? 3}`,
      `${t} [myid:] - INFO  [main:DatadirCleanupManager@79] - autopurge.purgeInterval set to ${f.purge_interval ?? 0}`,
      `${t} [myid:${id}] - INFO  [main:QuorumPeerMain@127] - Starting quorum peer`,
      `${t} [myid:${id}] - INFO  [main:NIOServerCnxnFactory@89] - binding to port 0.0.0.0/0.0.0.0:${f.client_port}`,
      `${t} [myid:${id}] - INFO  [main:QuorumPeer@1019] - tickTime set to ${f.tick_time ?? 2000}`,
      `${t} [myid:${id}] - INFO  [ListenerThread:QuorumCnxManager$Listener@534] - My election bind port: 0.0.0.0/0.0.0.0:${f.election_port}`,
      `${t} [myid:${id}] - INFO  [QuorumPeer[myid=${id}]/0.0.0.0:${f.client_port}:QuorumPeer@774] - LOOKING`,
    ]
  }
  // A JVM: the scripts exec java, which exits of SIGTERM within a second or so (143).
  return server(lines, [200, 1200], { ports, name: 'java', plainTcp: true, sigtermExitCode: 143 })
}

/** The image's process: `start-zookeeper …` itself or through `sh -c`; undefined for anything else. */
export function zookeeperCommand(argv: string[]): Program | undefined {
  const words = simpleCommand(argv)
  return words?.[0] === 'start-zookeeper' ? zookeeperServer(words.slice(1)) : undefined
}

/** The image's default process (no command given): a single server with the default flags. */
export function zookeeperEntrypoint(container: Container): Program {
  const argv = [...(container.command ?? []), ...(container.args ?? [])]
  return zookeeperCommand(argv) ?? zookeeperServer([])
}

/**
 * `zookeeper-ready PORT` run beside the server (an exec probe): `ruok` answered `imok` while the
 * JVM runs. Outside this image the script does not exist: the shell's `not found`, exit 127.
 */
export function zookeeperReady(argv: string[]): Program | undefined {
  const words = simpleCommand(argv)
  if (words?.[0] !== 'zookeeper-ready') return undefined
  return {
    *steps(ctx) {
      if (ctx.main?.name !== 'java') {
        yield { kind: 'log', line: 'sh: zookeeper-ready: not found', stream: 'stderr' }
        yield { kind: 'exit', code: 127 }
        return
      }
      yield { kind: 'exit', code: ctx.main.alive() ? 0 : 1 }
    },
    stopAfterSigterm: () => 0,
  }
}

/** The words of argv, or of `sh -c "SCRIPT"` when SCRIPT is one plain command (no quoting, no operators). */
function simpleCommand(argv: string[]): string[] | undefined {
  const bin = argv[0]?.slice(argv[0].lastIndexOf('/') + 1)
  if (bin !== 'sh' && bin !== 'bash') return argv
  const c = argv.indexOf('-c')
  const script = c >= 0 ? argv[c + 1] : undefined
  if (script === undefined || /[;&|$`'"<>()\\]/.test(script)) return undefined
  const words = script.trim().split(/\s+/)
  return words[0] === 'exec' ? words.slice(1) : words
}
