// The headless runner as a user runs it: `npm run -s sim -- [--echo] [--seed N] FILE|-`.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync, copyFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = resolve(__dirname, '..')
const sim = (args: string[], input?: string) =>
  spawnSync(join(root, 'node_modules/.bin/tsx'), [join(root, 'src/cli.ts'), ...args], { input, encoding: 'utf8', cwd: root })

describe('the sim command', () => {
  const dir = mkdtempSync(join(tmpdir(), 'terrarium-sim-'))
  copyFileSync(join(root, 'public/examples/controllers/nginx-deployment.yaml'), join(dir, 'nginx.yaml'))
  writeFileSync(join(dir, 'demo.sh'), [
    '# apply a file next to the script, then a heredoc',
    'kubectl apply -f nginx.yaml',
    'kubectl apply -f - <<EOF',
    'apiVersion: v1',
    'kind: Namespace',
    'metadata:',
    '  name: team-a',
    'EOF',
    'sleep 30s',
    'kubectl get deploy',
    'kubectl get pod missing',
    'node kill node-3',
    'sleep 1m',
    'kubectl get nodes node-3',
  ].join('\n'))

  it('runs a script file relative to its folder, echoes commands, and exits 1 when a command failed', () => {
    const r = sim(['--echo', join(dir, 'demo.sh')])
    expect(r.status).toBe(1)
    expect(r.stdout).toContain('$ kubectl apply -f nginx.yaml\ndeployment.apps/nginx-deployment created\n')
    expect(r.stdout).toContain('namespace/team-a created\n')
    expect(r.stdout).toMatch(/\$ kubectl get deploy\nNAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\nnginx-deployment\s+3\/3\s+3\s+3\s+30s\n/)
    expect(r.stdout).toMatch(/node-3\s+NotReady/)
    expect(r.stderr).toBe('Error from server (NotFound): pods "missing" not found\n')
  })

  it('reads the script from standard input with -, and is deterministic for a seed', () => {
    const script = 'kubectl apply -f - <<EOF\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: nginx:1.27\nEOF\nsleep 5\nkubectl get pod web -o wide\n'
    const a = sim(['--seed', '7', '-'], script)
    const b = sim(['--seed', '7', '-'], script)
    expect(a.status).toBe(0)
    expect(a.stdout).toMatch(/^pod\/web created\nNAME\s+READY\s+STATUS/)
    expect(a.stdout).toBe(b.stdout)
  })
})
