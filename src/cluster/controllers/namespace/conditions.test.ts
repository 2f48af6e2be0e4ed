import { describe, expect, it } from 'vitest'
import { nextConditions, problems } from './conditions'

describe('namespace deletion conditions', () => {
  it('name remaining content by group-resource and finalizer, as the kube deleter does', () => {
    const found = problems({
      remaining: new Map([['pods.', 2], ['persistentvolumeclaims.', 1]]),
      finalizers: new Map([['kubernetes.io/pvc-protection', 1]]),
      errors: [],
    })
    expect(found.get('NamespaceContentRemaining')).toBe('Some resources are remaining: persistentvolumeclaims. has 1 resource instances, pods. has 2 resource instances')
    expect(found.get('NamespaceFinalizersRemaining')).toBe('Some content in the namespace has finalizers remaining: kubernetes.io/pvc-protection in 1 resource instances')
    expect(found.has('NamespaceDeletionContentFailure')).toBe(false)
  })

  it('keep lastTransitionTime while a condition keeps its status', () => {
    const first = nextConditions(undefined, new Map([['NamespaceContentRemaining', 'Some resources are remaining: pods. has 2 resource instances']]), 't1')
    const second = nextConditions(first, new Map([['NamespaceContentRemaining', 'Some resources are remaining: pods. has 1 resource instances']]), 't2')
    const third = nextConditions(second, new Map(), 't3')
    const remaining = (cs: typeof first) => cs.find((c) => c.type === 'NamespaceContentRemaining')!
    expect(remaining(second)).toMatchObject({ status: 'True', lastTransitionTime: 't1', message: 'Some resources are remaining: pods. has 1 resource instances' })
    expect(remaining(third)).toMatchObject({ status: 'False', lastTransitionTime: 't3', reason: 'ContentRemoved', message: 'All content successfully removed' })
    expect(third.find((c) => c.type === 'NamespaceDeletionDiscoveryFailure')!.lastTransitionTime).toBe('t1')
  })
})
