import { describe, expect, it } from 'vitest'
import type { MainProcess, Program, ProgramContext, Step } from './program'
import { commandProgram, lookupImage, programFor } from './catalog'

const IMAGE = 'registry.k8s.io/kubernetes-zookeeper:1.0-3.4.10'
// The docs' StatefulSet runs it as `sh -c "start-zookeeper --servers=3 …"`.
const START = ['sh', '-c', 'start-zookeeper --servers=3 --data_dir=/var/lib/zookeeper/data --client_port=2181 --election_port=3888 --server_port=2888']

function steps(program: Program, ctx: Partial<ProgramContext> = {}): Step[] {
  const iter = program.steps({ now: () => Date.UTC(2026, 0, 1, 9), env: {}, hostname: 'zk-2', podIP: '10.244.1.2', ...ctx })
  const out: Step[] = []
  for (let i = 0; i < 50; i++) {
    const r = iter.next()
    if (r.done) break
    out.push(r.value)
  }
  return out
}

const main = (name: string, alive = true): MainProcess => ({ name, alive: () => alive, signal: () => {} })

describe('registry.k8s.io/kubernetes-zookeeper', () => {
  const image = lookupImage(IMAGE)
  if (!image.found) throw new Error('the tutorial image must exist')

  it('start-zookeeper runs a ZooKeeper server on the client, server and election ports, id = ordinal + 1', () => {
    const fs = new Map<string, string>()
    const server = programFor({ name: 'kubernetes-zookeeper', image: IMAGE, command: START }, image)
    const out = steps(server, { fs })
    expect(out.some((s) => s.kind === 'exit')).toBe(false)
    expect(out.map((s) => (s.kind === 'log' ? s.line : ''))).toContain(
      '2026-01-01 09:00:00,000 [myid:3] - INFO  [main:NIOServerCnxnFactory@89] - binding to port 0.0.0.0/0.0.0.0:2181')
    expect([2181, 2888, 3888].map((p) => server.listens?.(p))).toEqual([true, true, true])
    expect(server.name).toBe('java')
    expect(fs.get('/var/lib/zookeeper/data/myid')).toBe('3\n')
  })

  it('zookeeper-ready 2181 exits 0 beside a running server, 1 once it died', () => {
    const probe = commandProgram(['sh', '-c', 'zookeeper-ready 2181'], true)!
    expect(steps(probe, { main: main('java') })).toEqual([{ kind: 'exit', code: 0 }])
    expect(steps(probe, { main: main('java', false) })).toEqual([{ kind: 'exit', code: 1 }])
  })

  it('other images have no such scripts: sh says not found, exit 127', () => {
    const probe = commandProgram(['sh', '-c', 'zookeeper-ready 2181'], true)!
    expect(steps(probe, { main: main('nginx') }).at(-1)).toEqual({ kind: 'exit', code: 127 })
    const busybox = lookupImage('busybox:1.28')
    if (!busybox.found) throw new Error('busybox')
    const out = steps(programFor({ name: 'c', image: 'busybox:1.28', command: START }, busybox))
    expect(out.at(-1)).toEqual({ kind: 'exit', code: 127 })
  })
})
