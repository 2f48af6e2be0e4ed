/**
 * The sample apps of the Kubernetes tutorials (gcr.io/google-samples): hello-app answers with its
 * version and the pod's hostname (the "Exposing an External IP Address" tutorial curls it through a
 * LoadBalancer), hello-go-gke is the backend of "Connect a Frontend to a Backend Using Services".
 */
import { nginxTime } from './logs'
import { server, type Program, type ProgramContext } from './program'

/** hello-app: a Go server on 8080 (`PORT` overrides it) printing `Hello, world!`, its version and hostname. */
export function helloApp(tag: string): Program {
  let hostname = ''
  const version = tag === '1.0' ? '1.0.0' : '2.0.0'
  return withContext(
    (ctx) => {
      hostname = ctx.hostname
      return [`${nginxTime(ctx.now())} Server listening on port ${ctx.env.PORT || '8080'}`]
    },
    (ctx) => server(() => [], [50, 200], {
      ports: [Number(ctx.env.PORT) || 8080], name: 'hello-app', sigtermExitCode: 2,
      http: () => 200,
      body: () => `Hello, world!\nVersion: ${version}\nHostname: ${hostname}\n`,
    }),
  )
}

/** hello-go-gke: the tutorial's backend, `{"message":"Hello"}` on port 80. */
export function helloGoGke(): Program {
  return server(() => [], [50, 200], {
    ports: [80], name: 'hello', sigtermExitCode: 2,
    http: () => 200,
    body: () => '{"message":"Hello"}\n',
  })
}

/** A server whose ports depend on the container's environment, known only when it starts. */
function withContext(lines: (ctx: ProgramContext) => string[], make: (ctx: ProgramContext) => Program): Program {
  let inner: Program | undefined
  const fallback = make({ now: () => 0, env: {}, hostname: '', podIP: '' })
  const current = () => inner ?? fallback
  return {
    *steps(ctx) {
      inner = make(ctx)
      for (const line of lines(ctx)) yield { kind: 'log', line }
    },
    stopAfterSigterm: (random) => current().stopAfterSigterm(random),
    sigtermExitCode: fallback.sigtermExitCode,
    name: fallback.name,
    listens: (port) => current().listens?.(port) ?? false,
    http: (req) => current().http?.(req),
    body: (req, status) => current().body?.(req, status) ?? '',
  }
}
