/** Golden: `kubectl events` (v1.35) and `get events`, exact text for fixed objects. */
import { describe, expect, it } from 'vitest'
import { watchGet, type WatchChunk } from '../watch'
import { bootFixture } from './fixture'

function withBackOff() {
  const f = bootFixture()
  const db = f.cluster.api.get('Pod', 'default', 'db-0')
  const backOff = () => f.cluster.events.record(db, 'Warning', 'BackOff', 'Back-off restarting failed container c0 in pod db-0_default(x)', { component: 'kubelet', host: 'node-3' })
  backOff()
  f.cluster.clock.advance(5_000)
  backOff()
  return { ...f, backOff }
}

describe('kubectl events', () => {
  it('lists an object\'s events oldest first with Kind/name and repeat counts', () => {
    const { run } = withBackOff()
    expect(run('kubectl events --for pod/db-0').stdout).toBe([
      'LAST SEEN         TYPE      REASON    OBJECT     MESSAGE',
      '35s               Normal    Pulling   Pod/db-0   Pulling image "redis:7"',
      '33s               Normal    Pulled    Pod/db-0   Successfully pulled image "redis:7" in 1.759s (1.759s including waiting). Image size: 46133541 bytes.',
      '33s               Normal    Created   Pod/db-0   Container created',
      '33s               Normal    Started   Pod/db-0   Container started',
      '0s (x2 over 5s)   Warning   BackOff   Pod/db-0   Back-off restarting failed container c0 in pod db-0_default(x)',
      '',
    ].join('\n'))
  })

  it('filters --types case-insensitively and adds NAMESPACE with -A', () => {
    const { run } = withBackOff()
    expect(run('kubectl events --for pod/db-0 --types=warning -A').stdout).toBe([
      'NAMESPACE   LAST SEEN         TYPE      REASON    OBJECT     MESSAGE',
      'default     0s (x2 over 5s)   Warning   BackOff   Pod/db-0   Back-off restarting failed container c0 in pod db-0_default(x)',
      '',
    ].join('\n'))
  })

  it('prints kubectl\'s errors and the empty message', () => {
    const { run } = bootFixture()
    expect(run('kubectl events --types=Info').stderr).toBe('error: valid --types are Normal or Warning\n')
    expect(run('kubectl events --for db-0').stderr).toBe('error: --for must be in resource/name form\n')
    expect(run('kubectl events --for pod/a/b').stderr).toBe('error: arguments in resource/name form may not have more than one slash\n')
    expect(run('kubectl events -n kube-system')).toEqual({ stdout: '', stderr: 'No events found in kube-system namespace.\n', exitCode: 0 })
    expect(run('kubectl events -o wide').stderr).toMatch(/^error: unable to match a printer suitable for the output format "wide", allowed formats are: go-template,/)
  })

  it('prints an EventList for -o and names for -o name', () => {
    const { run } = withBackOff()
    expect(run('kubectl events --for pod/db-0 --types=Warning -o jsonpath={.kind}/{.items[*].count}').stdout).toBe('EventList/2')
    expect(run('kubectl events --for pod/db-0 --types=Warning -o name').stdout).toMatch(/^event\/db-0\.[0-9a-f]+\n$/)
  })

  it('streams -w: every existing event, then new ones, each row alone', () => {
    const { cluster, backOff } = withBackOff()
    const chunks: WatchChunk[] = []
    const w = watchGet(cluster, 'kubectl events -w --for pod/db-0 --types=Warning', {}, (c) => chunks.push(c))
    expect(w).toBeDefined()
    expect(chunks.map((c) => c.text)).toEqual([
      'LAST SEEN         TYPE      REASON    OBJECT     MESSAGE\n0s (x2 over 5s)   Warning   BackOff   Pod/db-0   Back-off restarting failed container c0 in pod db-0_default(x)\n',
    ])
    cluster.clock.advance(10_000)
    backOff()
    expect(chunks.at(-1)!.text).toBe('0s (x3 over 15s)   Warning   BackOff   Pod/db-0   Back-off restarting failed container c0 in pod db-0_default(x)\n')
    w!.stop()
  })
})

describe('kubectl get events', () => {
  // An event first seen early and repeated late: name order and time order differ.
  function repeated() {
    const f = withBackOff()
    f.cluster.events.record(f.cluster.api.get('Pod', 'default', 'db-0'), 'Normal', 'Killing', 'Stopping container c0', { component: 'kubelet', host: 'node-3' })
    f.cluster.clock.advance(5_000)
    f.backOff()
    return f
  }
  const reasons = (text: string) => text.split('\n').filter(Boolean).slice(1).map((r) => r.split(/ {3,}/)[2])

  it('lists in the server\'s order (by name), as kubectl get does not sort events', () => {
    const { run } = repeated()
    const text = run('kubectl get events --field-selector involvedObject.name=db-0').stdout
    expect(text.split('\n')[0]).toBe('LAST SEEN   TYPE      REASON    OBJECT     MESSAGE')
    expect(reasons(text)).toEqual(['Pulling', 'Pulled', 'Created', 'Started', 'BackOff', 'Killing'])
  })

  it('sorts by time with --sort-by=.lastTimestamp', () => {
    const { run } = repeated()
    expect(reasons(run('kubectl get events --field-selector involvedObject.name=db-0 --sort-by=.lastTimestamp').stdout))
      .toEqual(['Pulling', 'Pulled', 'Created', 'Started', 'Killing', 'BackOff'])
  })

  it('orders kubectl events by the last time too', () => {
    const { run } = repeated()
    expect(reasons(run('kubectl events --for pod/db-0').stdout)).toEqual(['Pulling', 'Pulled', 'Created', 'Started', 'Killing', 'BackOff'])
  })
})
