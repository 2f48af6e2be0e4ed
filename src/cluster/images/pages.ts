/**
 * What the web server images answer: nginx's default site (`Welcome to nginx!`, 615 bytes in
 * 1.2x), Apache httpd's `It works!`, and their 404 pages; and a slow-starting Spring Boot app
 * (the spring.io "Spring Boot with Docker" guide's image), which takes a few seconds of JVM start
 * before it listens — the workload a readiness probe exists for.
 */
import type { HttpRequest, ProgramContext } from './program'
import { server, type Program } from './program'
import { stableBetween } from './digest'

export const NGINX_INDEX = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`

/** The version nginx prints in its error pages (`server_tokens on`), from the tag. */
function nginxVersion(tag: string): string {
  const m = /^(\d+\.\d+(?:\.\d+)?)/.exec(tag)
  return m ? m[1] : '1.29.3'
}

export function nginxBody(tag: string): (req: HttpRequest, status: number) => string {
  const version = nginxVersion(tag)
  return (_req, status) => (status === 200 ? NGINX_INDEX
    : `<html>\n<head><title>${status} Not Found</title></head>\n<body>\n<center><h1>${status} Not Found</h1></center>\n<hr><center>nginx/${version}</center>\n</body>\n</html>\n`)
}

export const httpdBody = (_req: HttpRequest, status: number): string => (status === 200
  ? '<html><body><h1>It works!</h1></body></html>\n'
  : '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n')

/** springio/gs-spring-boot-docker: the JVM and Spring start for 2.5-4 s before Tomcat listens on 8080. */
export function springBootDemo(tag: string): Program {
  const startMs = stableBetween(`spring:${tag}`, 2500, 4000)
  const lines = (ctx: ProgramContext) => [
    ` :: Spring Boot ::                (v3.4.1)`,
    `Starting Application using Java 17 with PID 1 (/app started by root in /) on ${ctx.hostname}`,
    'Tomcat initialized with port 8080 (http)',
  ]
  const p = server(() => [], [200, 800], {
    ports: [8080], name: 'java', sigtermExitCode: 143, listenAfterMs: startMs,
    http: (req) => (req.path === '/' ? 200 : 404),
    body: (_req, status) => (status === 200 ? 'Hello Docker World' : '{"status":404,"error":"Not Found","path":"/"}'),
    cpuMsPerRequest: 2,
  })
  return {
    ...p,
    *steps(ctx) {
      for (const line of lines(ctx)) yield { kind: 'log', line }
      yield { kind: 'sleep', ms: startMs }
      yield { kind: 'log', line: `Tomcat started on port 8080 (http) with context path '/'` }
      yield { kind: 'log', line: `Started Application in ${(startMs / 1000).toFixed(3)} seconds (process running for ${(startMs / 1000 + 0.4).toFixed(3)})` }
    },
  }
}
