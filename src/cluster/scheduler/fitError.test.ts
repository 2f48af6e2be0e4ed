import { describe, it, expect } from 'vitest'
import { fitErrorMessage, postFilterMessage, preFilterFitErrorMessage, preemptionMessage, reasonHistogram } from './fitError'

describe('FailedScheduling message', () => {
  it('counts each reason over nodes and sorts as Go sort.Strings (byte order)', () => {
    const s = (...reasons: string[]) => ({ reasons })
    expect(reasonHistogram([s('Insufficient cpu'), s('Insufficient cpu', 'Insufficient memory'), s('node(s) had untolerated taint(s)')]))
      .toEqual(['1 Insufficient memory', '1 node(s) had untolerated taint(s)', '2 Insufficient cpu'])
    // "10 …" sorts before "2 …" in byte order, as kube prints it.
    const many = [...Array.from({ length: 10 }, () => s('Insufficient cpu')), s('x'), s('x')]
    expect(reasonHistogram(many)).toEqual(['10 Insufficient cpu', '2 x'])
  })

  it('matches kubectl describe for a control plane and three full nodes', () => {
    const statuses = [
      { code: 'UnschedulableAndUnresolvable' as const, reasons: ['node(s) had untolerated taint(s)'] },
      ...Array.from({ length: 3 }, () => ({ code: 'Unschedulable' as const, reasons: ['Insufficient cpu'] })),
    ]
    const pre = preemptionMessage(4, [
      { reasons: ['Preemption is not helpful for scheduling'] },
      ...Array.from({ length: 3 }, () => ({ reasons: ['No preemption victims found for incoming pod'] })),
    ])
    expect(fitErrorMessage(4, statuses, postFilterMessage(pre))).toBe(
      '0/4 nodes are available: 1 node(s) had untolerated taint(s), 3 Insufficient cpu. ' +
      'no new claims to deallocate, preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, ' +
      '3 No preemption victims found for incoming pod..',
    )
  })

  it('gives a PreFilter rejection once, with no node count (kube: Diagnosis.PreFilterMsg)', () => {
    const all = Array.from({ length: 4 }, () => ({ reasons: ['Preemption is not helpful for scheduling'] }))
    expect(preFilterFitErrorMessage(4, ['pod has unbound immediate PersistentVolumeClaims'], preemptionMessage(4, all)))
      .toMatch(/^0\/4 nodes are available: pod has unbound immediate PersistentVolumeClaims\. preemption: 0\/4 nodes are available: 4 Preemption is not helpful for scheduling\./)
  })
})
