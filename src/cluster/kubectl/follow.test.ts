import { describe, expect, it } from 'vitest'
import { createCluster } from '../cluster'
import { runKubectl } from './kubectl'
import { followLogs } from './follow'
import type { WatchChunk } from './watch'

function ticker() {
  const cluster = createCluster({ seed: 1 })
  runKubectl(cluster, `run ticker --image=busybox --restart=Never -- sh -c 'i=0; while [ $i -lt 5 ]; do echo tick $i; i=$((i+1)); sleep 10; done'`)
  cluster.clock.advance(25_000)
  const chunks: WatchChunk[] = []
  let ended = 0
  const start = (line: string) => followLogs(cluster, line, {}, (c) => chunks.push(c), () => ended++)
  const text = () => chunks.map((c) => c.text).join('')
  return { cluster, start, text, ended: () => ended }
}

describe('kubectl logs -f', () => {
  it('is not a follow without -f', () => {
    const { start } = ticker()
    expect(start('kubectl logs ticker')).toBeUndefined()
    expect(start('kubectl get pods -w')).toBeUndefined()
  })

  it('prints the lines so far, then each new line as the container writes it, and ends when the container exits', () => {
    const { cluster, start, text, ended } = ticker()
    const before = runKubectl(cluster, 'logs ticker').stdout
    expect(before).toMatch(/^tick 0\ntick 1\n/)
    start('kubectl logs -f ticker')
    expect(text()).toBe(before)
    cluster.clock.advance(10_000)
    expect(text().split('\n').length).toBe(before.split('\n').length + 1)
    expect(ended()).toBe(0)
    cluster.clock.advance(60_000)
    expect(text()).toBe('tick 0\ntick 1\ntick 2\ntick 3\ntick 4\n')
    expect(ended()).toBe(1)
  })

  it('keeps --tail for the lines so far and --timestamps for every line; stop() ends the stream', () => {
    const { cluster, start, text } = ticker()
    const stream = start('kubectl logs ticker --tail=1 -f --timestamps')!
    expect(text()).toMatch(/^\d{4}-\d\d-\d\dT\S+Z tick 2\n$/)
    cluster.clock.advance(10_000)
    expect(text()).toMatch(/tick 2\n\S+ tick 3\n$/)
    stream.stop()
    cluster.clock.advance(30_000)
    expect(text()).not.toContain('tick 4')
  })

  it('fails as kubectl logs fails, and ends at once', () => {
    const { start, text, ended } = ticker()
    start('kubectl logs -f missing')
    expect(text()).toBe('Error from server (NotFound): pods "missing" not found\n')
    expect(ended()).toBe(1)
  })
})
