import { describe, it, expect } from 'vitest'
import type { Pod } from 'kubernetes-types/core/v1'
import type { PriorityClass } from 'kubernetes-types/scheduling/v1'
import type { KubeObject } from '../types'
import type { ServerContext } from './kind'
import { admitPodPriority, priorityClassKind, SYSTEM_PRIORITY_CLASSES } from './scheduling'
import { Clock } from '../../clock'

function context(classes: PriorityClass[]): ServerContext {
  const objs = [...SYSTEM_PRIORITY_CLASSES, ...classes] as unknown as KubeObject[]
  return {
    clock: new Clock({ seed: 1 }),
    find: (kind, _ns, name) => (kind === 'PriorityClass' ? objs.find((o) => o.metadata?.name === name) : undefined),
    list: (kind) => (kind === 'PriorityClass' ? objs : []),
    allocateClusterIP: () => '10.96.0.10',
    releaseClusterIP: () => {},
    allocateNodePort: () => 30000,
  }
}
const pod = (spec: Partial<Pod['spec']> = {}): Pod =>
  ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'nginx' }], ...spec } })
const pc = (name: string, value: number, extra: Partial<PriorityClass> = {}): PriorityClass =>
  ({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, value, preemptionPolicy: 'PreemptLowerPriority', ...extra })

describe('Priority admission', () => {
  it('gives a pod without a class priority 0 and PreemptLowerPriority when no class is the global default', () => {
    const p = pod()
    admitPodPriority(p, context([]))
    expect(p.spec).toMatchObject({ priority: 0, preemptionPolicy: 'PreemptLowerPriority' })
    expect(p.spec?.priorityClassName).toBeUndefined()
  })

  it('gives a pod without a class the globalDefault class, its name included', () => {
    const p = pod()
    admitPodPriority(p, context([pc('default-high', 500, { globalDefault: true, preemptionPolicy: 'Never' })]))
    expect(p.spec).toMatchObject({ priorityClassName: 'default-high', priority: 500, preemptionPolicy: 'Never' })
  })

  it('resolves the system classes', () => {
    const p = pod({ priorityClassName: 'system-node-critical' })
    admitPodPriority(p, context([]))
    expect(p.spec?.priority).toBe(2000001000)
  })

  it('forbids a priority that disagrees with the class', () => {
    expect(() => admitPodPriority(pod({ priority: 7 }), context([]))).toThrow(
      'pods "p" is forbidden: the integer value of priority (7) must not be provided in pod spec; priority admission controller computed 0 from the given PriorityClass name',
    )
  })
})

describe('PriorityClass', () => {
  it('allows only one global default', () => {
    const ctx = context([pc('a', 1, { globalDefault: true })])
    expect(() => priorityClassKind.prepareForCreate!(pc('b', 2, { globalDefault: true }) as unknown as KubeObject, ctx)).toThrow(
      'priorityclasses.scheduling.k8s.io "b" is forbidden: PriorityClass a is already marked as default. Only one default can exist',
    )
  })

  it('keeps value immutable', () => {
    expect(priorityClassKind.validateUpdate!(pc('a', 2) as unknown as KubeObject, pc('a', 1) as unknown as KubeObject)).toEqual([
      { field: 'value', message: 'Invalid value: 2: field is immutable' },
    ])
  })
})
