import { describe, it, expect } from 'vitest'
import { Clock } from '../clock'
import { SchedulingQueue, POD_MAX_IN_UNSCHEDULABLE_PODS_MS } from './queue'
import { newPodInfo } from './podinfo'
import { makePod } from './testutil'

function setup(popFromBackoffQ = true) {
  const clock = new Clock()
  let kicks = 0
  const q = new SchedulingQueue(clock, () => kicks++, { popFromBackoffQ })
  return { clock, q, kicks: () => kicks }
}

const pod = (name: string, priority = 0) => newPodInfo(makePod(name, { priority }))
const drain = (q: SchedulingQueue) => {
  const out: string[] = []
  for (let e = q.pop(); e; e = q.pop()) out.push(e.info.name)
  return out
}

describe('SchedulingQueue', () => {
  it('pops higher priority first, then the pod that has waited longest', () => {
    const { clock, q } = setup()
    q.add(pod('old-low'))
    clock.advance(1000)
    q.add(pod('new-high', 1000))
    q.add(pod('new-low-a'))
    q.add(pod('new-low-b'))
    expect(drain(q)).toEqual(['new-high', 'old-low', 'new-low-a', 'new-low-b'])
  })

  it('backs off 1 s doubling per attempt up to 10 s (kube defaults)', () => {
    const { q } = setup()
    q.add(pod('p'))
    const e = q.get(q.pop()!.info.uid)!
    const durations = []
    for (let attempts = 1; attempts <= 6; attempts++) {
      e.attempts = attempts
      durations.push(q.backoffDuration(e))
    }
    expect(durations).toEqual([1000, 2000, 4000, 8000, 10000, 10000])
  })

  it('parks an unschedulable pod until an event may help it', () => {
    const { q } = setup()
    q.add(pod('p'))
    const e = q.pop()!
    q.failed(e, new Set(['NodeResourcesFit']), true)
    expect(q.pop()).toBeUndefined()
    expect(q.moveOnEvent(() => false)).toBe(0)
    expect(q.pop()).toBeUndefined()
    expect(q.moveOnEvent((x) => x.unschedulablePlugins.has('NodeResourcesFit'))).toBe(1)
    expect(q.pop()?.info.name).toBe('p')
  })

  it('without pop-from-backoffQ, a moved pod waits out its back-off on the one-second ticker', () => {
    const { clock, q } = setup(false)
    q.add(pod('p'))
    q.failed(q.pop()!, new Set(['X']), true)
    q.moveOnEvent(() => true)
    expect(q.pop()).toBeUndefined() // still backing off (1 s after the failure)
    clock.advance(999)
    expect(q.pop()).toBeUndefined()
    clock.advance(1)
    expect(q.pop()?.info.name).toBe('p')
  })

  it('moves pods parked for more than 5 minutes back without any event', () => {
    const { clock, q } = setup()
    q.add(pod('p'))
    q.failed(q.pop()!, new Set(['X']), true)
    clock.advance(POD_MAX_IN_UNSCHEDULABLE_PODS_MS)
    expect(q.pop()).toBeUndefined()
    clock.advance(30_000) // the next 30 s flush after the 5 minutes have passed
    expect(q.pop()?.info.name).toBe('p')
  })

  it('forgets deleted pods wherever they are', () => {
    const { q } = setup()
    const a = pod('a')
    q.add(a)
    q.add(pod('b'))
    q.delete(a.uid)
    expect(drain(q)).toEqual(['b'])
  })

  it('a failure after a cluster event seen in flight goes to back-off, not to the parking lot', () => {
    const { q } = setup()
    q.add(pod('p'))
    const e = q.pop()!
    q.moveOnEvent(() => true) // e.g. a node was added while the pod was being scheduled
    q.failed(e, new Set(['X']), true)
    expect(q.stats()).toEqual({ active: 0, backoff: 1, unschedulable: 0 })
  })
})
