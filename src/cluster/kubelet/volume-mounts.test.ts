import { describe, expect, it } from 'vitest'
import { MOUNT_RETRY_MAX_MS, waitForMounts } from './volume-mounts'

describe('waitForMounts (kube: WaitForAttachAndMount with nestedpendingoperations back-off)', () => {
  it('mounts at once when nothing is missing', () => {
    let mounted = 0
    waitForMounts({ mountFailure: () => undefined, warn: () => { throw new Error('no event') }, after: () => { throw new Error('no retry') } }, () => mounted++)
    expect(mounted).toBe(1)
  })

  it('retries after 0.5 s doubling up to 2m2s, one FailedMount per attempt, until the volume can be set up', () => {
    const delays: number[] = []
    const warnings: string[] = []
    let attempts = 0
    let mounted = false
    const pending: (() => void)[] = []
    waitForMounts({
      mountFailure: () => (++attempts < 12 ? { volume: 'cfg', message: 'configmap "x" not found' } : undefined),
      warn: (reason, message) => warnings.push(`${reason}: ${message}`),
      after: (ms, fn) => { delays.push(ms); pending.push(fn) },
    }, () => { mounted = true })
    while (pending.length) pending.shift()!()
    expect(mounted).toBe(true)
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 16000, 32000, 64000, 122000, MOUNT_RETRY_MAX_MS, MOUNT_RETRY_MAX_MS])
    expect(warnings[0]).toBe('FailedMount: MountVolume.SetUp failed for volume "cfg" : configmap "x" not found')
    expect(warnings).toHaveLength(11)
  })
})
