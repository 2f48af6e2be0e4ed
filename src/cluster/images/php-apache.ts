/**
 * `registry.k8s.io/hpa-example`, the HorizontalPodAutoscaler walkthrough's php-apache server: Apache
 * with PHP 5 whose index.php burns CPU (a loop of a million square roots) and answers `OK!`. Its
 * cost per request is calibrated so that the walkthrough's one busybox load generator
 * (`while sleep 0.01; do wget -q -O- http://php-apache; done`) asks for about 0.7 CPU in all: one
 * replica limited to 500m shows 250% of its 200m request, and seven replicas settle near 50%.
 */
import type { ProgramContext } from './program'
import { server, type Program } from './program'

// Calibrated against the load generator's measured request rate (metrics helper; see hpa.test.ts).
export const PHP_APACHE_CPU_MS_PER_REQUEST = 7.5

function startup(ctx: ProgramContext): string[] {
  const d = new Date(ctx.now())
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()]
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()]
  const p = (n: number, w = 2) => String(n).padStart(w, '0')
  const t = `${day} ${month} ${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}.${p(d.getUTCMilliseconds(), 3)}000 ${d.getUTCFullYear()}`
  const fqdn = `AH00558: apache2: Could not reliably determine the server's fully qualified domain name, using ${ctx.podIP}. Set the 'ServerName' directive globally to suppress this message`
  return [
    fqdn,
    fqdn,
    `[${t}] [mpm_prefork:notice] [pid 1] AH00163: Apache/2.4.10 (Debian) PHP/5.6.14 configured -- resuming normal operations`,
    `[${t}] [core:notice] [pid 1] AH00094: Command line: 'apache2 -D FOREGROUND'`,
  ]
}

export function phpApache(): Program {
  return server(startup, [100, 1000], {
    ports: [80], name: 'apache2',
    http: (req) => (req.path === '/' || req.path === '/index.php' ? 200 : 404),
    body: (_req, status) => (status === 200 ? 'OK!' : ''),
    cpuMsPerRequest: PHP_APACHE_CPU_MS_PER_REQUEST,
  })
}
