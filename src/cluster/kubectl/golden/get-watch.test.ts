/** Golden: `kubectl get -w` as a stream (watchGet), driven by the virtual clock. */
import { describe, expect, it } from 'vitest'
import { watchGet, type WatchChunk } from '../watch'
import { bootFixture, podManifest } from './fixture'

const ACTOR = { actor: 'kubectl' }

function watch(line: string) {
  const f = bootFixture()
  const chunks: WatchChunk[] = []
  const w = watchGet(f.cluster, line, {}, (c) => chunks.push(c))
  return { ...f, chunks, w, text: () => chunks.map((c) => c.text).join('') }
}

describe('kubectl get -w', () => {
  it('is not a watch without -w, --watch or --watch-only', () => {
    const { cluster } = bootFixture()
    expect(watchGet(cluster, 'kubectl get pods', {}, () => {})).toBeUndefined()
    expect(watchGet(cluster, 'kubectl describe pods -w', {}, () => {})).toBeUndefined()
  })

  it('prints the table, then each change as one row laid out alone', () => {
    const { cluster, chunks, w } = watch('kubectl get pods -w')
    expect(chunks).toEqual([{ stream: 'stdout', text: [
      'NAME     READY   STATUS    RESTARTS   AGE',
      'db-0     1/1     Running   0          30s',
      'web-10   1/1     Running   0          30s',
      'web-2    2/2     Running   0          30s',
      '',
    ].join('\n') }])
    cluster.api.create(podManifest('api', 'node-1', ['nginx:1.14.2'], { app: 'api' }), ACTOR)
    cluster.clock.advance(10_000)
    const rows = chunks.slice(1).map((c) => c.text)
    // kube: each event is flushed through the tab writer on its own, so rows are not re-aligned.
    expect(rows[0]).toBe('api   0/1   Pending   0     0s\n')
    expect(rows.some((r) => /^api   1\/1   Running   0     \ds\n$/.test(r))).toBe(true)
    w!.stop()
    const seen = chunks.length
    cluster.api.delete('Pod', 'default', 'api', ACTOR, { gracePeriodSeconds: 0 })
    expect(chunks.length).toBe(seen)
  })

  it('prints only changes with --watch-only, with the header on the first row, and EVENT with --output-watch-events', () => {
    const { cluster, chunks } = watch('kubectl get pods --watch-only --output-watch-events -l app=db')
    expect(chunks).toEqual([])
    cluster.api.delete('Pod', 'default', 'db-0', ACTOR)
    expect(chunks[0].text).toBe('EVENT      NAME   READY   STATUS        RESTARTS   AGE\nMODIFIED   db-0   1/1     Terminating   0          30s\n')
  })

  it('reports objects leaving the selection as DELETED', () => {
    const { cluster, chunks } = watch('kubectl get pods -w --output-watch-events -o name -l tier=frontend')
    expect(chunks[0].text).toBe('pod/web-10\npod/web-2\n')
    const pod = structuredClone(cluster.api.get('Pod', 'default', 'web-2'))
    delete pod.metadata!.labels!.tier
    cluster.api.update(pod, ACTOR)
    expect(chunks.at(-1)!.text).toBe('pod/web-2\n')
  })

  it('separates YAML documents with ---, as the YAML printer does', () => {
    const { text } = watch('kubectl get pod db-0 -w -o yaml')
    expect(text().startsWith('apiVersion: v1\nkind: Pod\n')).toBe(true)
    const { cluster, chunks } = watch('kubectl get pods -w -o yaml -l app=db')
    cluster.api.delete('Pod', 'default', 'db-0', ACTOR)
    expect(chunks[1].text.startsWith('---\napiVersion: v1\n')).toBe(true)
  })

  it('refuses several kinds and prints NotFound for a missing name', () => {
    expect(watch('kubectl get pods,svc -w').chunks).toEqual([{ stream: 'stderr', text: 'error: watch is only supported on individual resources and resource collections, but 2 resources were found\n' }])
    expect(watch('kubectl get pod nope -w').chunks).toEqual([{ stream: 'stderr', text: 'Error from server (NotFound): pods "nope" not found\n' }])
  })

  it('ends at once when run as a plain command (the headless runner)', () => {
    const { run } = bootFixture()
    const r = run('kubectl get pods -l app=db -w')
    expect(r.stdout).toBe('NAME   READY   STATUS    RESTARTS   AGE\ndb-0   1/1     Running   0          30s\n')
    expect(r.stderr).toMatch(/watch ended/)
    expect(r.exitCode).toBe(0)
  })
})
