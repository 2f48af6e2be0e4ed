import { describe, expect, it } from 'vitest'
import type { Container } from 'kubernetes-types/core/v1'
import { lookupImage, programFor } from './catalog'
import { parseImageReference } from './reference'
import type { Program, Step } from './program'
import { piDigits } from './pi'

function run(program: Program, maxSteps = 50): Step[] {
  let t = Date.UTC(2026, 0, 1, 9)
  const iter = program.steps({ now: () => t, env: {}, hostname: 'pod', podIP: '10.244.1.2' })
  const out: Step[] = []
  for (let i = 0; i < maxSteps; i++) {
    const r = iter.next()
    if (r.done) break
    out.push(r.value)
    if (r.value.kind === 'sleep') t += r.value.ms
    if (r.value.kind === 'exit') break
  }
  return out
}

const found = (image: string) => {
  const l = lookupImage(image)
  if (!l.found) throw new Error(`${image} not found: ${l.message}`)
  return l
}
const logs = (steps: Step[]) => steps.flatMap((s) => (s.kind === 'log' ? [s.line] : []))
const exitCode = (steps: Step[]) => steps.find((s) => s.kind === 'exit')?.code

describe('image references', () => {
  it('a short name means docker.io/library/<name>:latest', () => {
    const p = parseImageReference('nginx')
    expect(p.ok && p.ref.normalized).toBe('docker.io/library/nginx:latest')
  })
  it('keeps the registry of a qualified name', () => {
    const p = parseImageReference('registry.k8s.io/pause:3.10')
    expect(p.ok && p.ref.normalized).toBe('registry.k8s.io/pause:3.10')
  })
  it('rejects upper-case repositories with the runtime message', () => {
    const p = parseImageReference('Nginx')
    expect(p.ok).toBe(false)
    expect(!p.ok && p.error).toBe('couldn\'t parse image name "Nginx": invalid reference format: repository name (library/Nginx) must be lowercase')
  })
})

describe('image catalog', () => {
  it('knows the nginx tags of the docs and their size', () => {
    const l = found('nginx:1.14.2')
    expect(l.sizeBytes).toBe(44_460_800)
    expect(l.imageID).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/)
    expect(found('nginx:1.16.1').found).toBe(true)
    expect(found('nginx').found).toBe(true)
  })
  it('gives the same digest to the same tag whatever happens', () => {
    expect(found('nginx:1.14.2').imageID).toBe(found('nginx:1.14.2').imageID)
    expect(found('nginx:1.14.2').imageID).not.toBe(found('nginx:1.16.1').imageID)
  })
  it('fails the nginx:1.161 typo of the Deployment docs with NotFound', () => {
    const l = lookupImage('nginx:1.161')
    expect(l.found).toBe(false)
    expect(!l.found && l.message).toBe(
      'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:1.161": failed to resolve reference "docker.io/library/nginx:1.161": docker.io/library/nginx:1.161: not found',
    )
  })
  it('fails a tag or a repository that says it does not exist', () => {
    expect(lookupImage('nginx:doesnotexist').found).toBe(false)
    const l = lookupImage('this-image-does-not-exist')
    expect(!l.found && l.message).toContain('pull access denied, repository does not exist')
  })
  it('treats an unknown image as a generic long-running server', () => {
    const l = found('registry.example.com/acme/widget:1.0')
    expect(l.entry).toBeUndefined()
    const steps = run(programFor({ name: 'widget', image: 'registry.example.com/acme/widget:1.0' }, l))
    expect(exitCode(steps)).toBeUndefined()
  })
  it('reports an unparseable name as InvalidImageName', () => {
    const l = lookupImage('Nginx:1.14.2')
    expect(!l.found && l.reason).toBe('InvalidImageName')
  })
})

describe('container programs', () => {
  const c = (image: string, more: Partial<Container> = {}): Container => ({ name: 'c', image, ...more })

  it('nginx 1.14.2 serves without printing, a recent nginx prints its entrypoint lines', () => {
    expect(run(programFor(c('nginx:1.14.2'), found('nginx:1.14.2')))).toEqual([])
    const lines = logs(run(programFor(c('nginx:1.27.3'), found('nginx:1.27.3'))))
    expect(lines[0]).toBe('/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration')
    expect(lines).toContain('2026/01/01 09:00:00 [notice] 1#1: nginx/1.27.3')
  })
  it('busybox with no command exits 0 at once (sh without a terminal)', () => {
    expect(exitCode(run(programFor(c('busybox'), found('busybox'))))).toBe(0)
  })
  it('runs sh -c "echo hello; sleep 10" and exits 0 after 10 s', () => {
    const steps = run(programFor(c('busybox:1.28', { command: ['sh', '-c', 'echo hello; sleep 10'] }), found('busybox:1.28')))
    expect(steps).toEqual([{ kind: 'log', line: 'hello' }, { kind: 'sleep', ms: 10_000 }, { kind: 'exit', code: 0 }])
  })
  it('exits with the code of exit N', () => {
    expect(exitCode(run(programFor(c('busybox', { command: ['/bin/sh', '-c', 'exit 1'] }), found('busybox'))))).toBe(1)
  })
  it('runs the counter loop of the logging docs', () => {
    const script = 'i=0; while true; do echo "$i: $(date)"; i=$((i+1)); sleep 1; done'
    const lines = logs(run(programFor(c('busybox:1.28', { args: ['/bin/sh', '-c', script] }), found('busybox:1.28')), 6))
    expect(lines).toEqual(['0: Thu Jan  1 09:00:00 UTC 2026', '1: Thu Jan  1 09:00:01 UTC 2026', '2: Thu Jan  1 09:00:02 UTC 2026'])
  })
  it('a command without a shell runs as a shell builtin', () => {
    const steps = run(programFor(c('busybox', { command: ['sleep', '3600'] }), found('busybox')))
    expect(steps).toEqual([{ kind: 'sleep', ms: 3_600_000 }, { kind: 'exit', code: 0 }])
  })
  it('prints π for the Job example and exits 0', () => {
    const steps = run(programFor(c('perl:5.34.0', { command: ['perl', '-Mbignum=bpi', '-wle', 'print bpi(2000)'] }), found('perl:5.34.0')))
    const [line] = logs(steps)
    expect(line.startsWith('3.14159265358979323846264338327950288419716939937510')).toBe(true)
    expect(line.length).toBe(2001)
    expect(exitCode(steps)).toBe(0)
  })
  it('postgres without POSTGRES_PASSWORD exits 1 with the entrypoint error', () => {
    const steps = run(programFor(c('postgres'), found('postgres')))
    expect(logs(steps)[0]).toBe('Error: Database is uninitialized and superuser password is not specified.')
    expect(exitCode(steps)).toBe(1)
  })
  it('an unknown command in a script prints sh: not found and exits 127', () => {
    const steps = run(programFor(c('busybox', { command: ['sh', '-c', 'frobnicate'] }), found('busybox')))
    expect(logs(steps)).toEqual(['sh: frobnicate: not found'])
    expect(exitCode(steps)).toBe(127)
  })
  it('a shell ignores SIGTERM, a server stops quickly', () => {
    const r = { between: (a: number) => a } as never
    expect(programFor(c('busybox', { command: ['sh', '-c', 'sleep 3600'] }), found('busybox')).stopAfterSigterm(r)).toBeUndefined()
    expect(programFor(c('nginx'), found('nginx')).stopAfterSigterm(r)).toBe(100)
  })
})

describe('pi', () => {
  it('rounds the last digit', () => {
    expect(piDigits(5)).toBe('3.1416')
    expect(piDigits(10)).toBe('3.141592654')
  })
})

describe('digests', () => {
  it('look like sha256 digests, not a repeated block', () => {
    const hex = found('busybox').imageID.split(':')[1]
    expect(new Set(hex.match(/.{8}/g)).size).toBe(8)
  })
})
