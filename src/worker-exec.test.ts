import { describe, expect, it } from 'vitest'
import { createCluster } from './cluster/cluster'
import { runKubectl } from './cluster/kubectl/index'
import { startSession } from './worker-exec'

function cluster() {
  const c = createCluster({ seed: 1 })
  runKubectl(c, 'run web --image=nginx')
  runKubectl(c, `run box --image=busybox -- sleep 3600`)
  c.clock.advance(20_000)
  return c
}

describe('interactive sessions', () => {
  it('kubectl exec -it POD -- sh attaches to the container with the prompt style of its image', () => {
    const c = cluster()
    expect(startSession(runKubectl, c, 'kubectl exec -it web -- sh', {})).toEqual({
      session: { namespace: 'default', pod: 'web', container: 'web', shell: 'sh', style: 'bash', hostname: 'web', byRun: false, rm: false },
      result: { stdout: '', stderr: '', exitCode: 0 },
    })
    expect(startSession(runKubectl, c, 'kubectl exec -i -t box -- /bin/sh', {})?.session).toMatchObject({ pod: 'box', style: 'ash', shell: '/bin/sh' })
  })

  it('is no session without -i, or for a command that is not a shell', () => {
    const c = cluster()
    expect(startSession(runKubectl, c, 'kubectl exec web -- sh', {})).toBeUndefined()
    expect(startSession(runKubectl, c, 'kubectl exec -it web -- ls /', {})).toBeUndefined()
    expect(startSession(runKubectl, c, 'kubectl get pods', {})).toBeUndefined()
  })

  it('fails as kubectl exec fails', () => {
    const c = cluster()
    expect(startSession(runKubectl, c, 'kubectl exec -it nope -- sh', {})).toEqual({ result: { stdout: '', stderr: 'Error from server (NotFound): pods "nope" not found\n', exitCode: 1 } })
  })

  it('kubectl run -it --rm creates the pod, waits for it and attaches, saying to press enter', () => {
    const c = cluster()
    const r = startSession(runKubectl, c, 'kubectl run -it --rm tmp --image=busybox --restart=Never -- sh', {})
    expect(r?.result.stderr).toBe("If you don't see a command prompt, try pressing enter.\n")
    expect(r?.session).toEqual({ namespace: 'default', pod: 'tmp', container: 'tmp', shell: 'sh', style: 'ash', hostname: 'tmp', byRun: true, rm: true })
    expect(runKubectl(c, 'exec tmp -- sh -c hostname').stdout).toBe('tmp\n')
  })
})
