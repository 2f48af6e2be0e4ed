// ReplicationController (v1) through the runner. kube: pkg/controller/replication is the ReplicaSet
// controller behind an adapter, so an RC keeps spec.replicas pods exactly as a ReplicaSet does; its
// selector is a label map that defaults to the template's labels (SetDefaults_ReplicationController).
import { describe, expect, it } from 'vitest'
import type { Event, Pod, ReplicationController } from 'kubernetes-types/core/v1'
import { rows, run, type Run } from './run'

const RC = 'controllers/replication.yaml'
const heredoc = (text: string) => `kubectl apply -f - <<EOF\n${text.trim()}\nEOF`
const podsOf = (r: Run) => r.cluster.api.list<Pod>('Pod', { namespace: 'default' }).filter((p) => !p.metadata?.deletionTimestamp)
const rc = (r: Run, name = 'nginx') => r.cluster.api.get<ReplicationController>('ReplicationController', 'default', name)
const events = (r: Run, reason: string) => r.cluster.api.list<Event>('Event', { namespace: 'default' })
  .filter((e) => e.reason === reason && e.involvedObject.kind === 'ReplicationController').map((e) => [e.source?.component, e.message])

describe('ReplicationController', () => {
  it('creates spec.replicas pods owned by the RC, with the events of the replication controller', () => {
    const r = run(`kubectl apply -f ${RC}\nsleep 30`)
    expect(r.stdout).toBe('replicationcontroller/nginx created\n')
    const pods = podsOf(r)
    expect(pods.map((p) => p.status?.phase)).toEqual(['Running', 'Running', 'Running'])
    for (const p of pods) {
      expect(p.metadata?.ownerReferences).toEqual([{
        apiVersion: 'v1', kind: 'ReplicationController', name: 'nginx', uid: rc(r).metadata?.uid, controller: true, blockOwnerDeletion: true,
      }])
    }
    expect(events(r, 'SuccessfulCreate').sort()).toEqual(pods.map((p) => ['replication-controller', `Created pod: ${p.metadata?.name}`]).sort())
    // kube keeps metadata.generation for RCs and mirrors it in status.observedGeneration.
    expect(rc(r).metadata?.generation).toBe(1)
    expect(rc(r).status).toMatchObject({ replicas: 3, readyReplicas: 3, availableReplicas: 3, fullyLabeledReplicas: 3, observedGeneration: 1 })
    // kubectl: printReplicationController.
    expect(r.more('kubectl get rc -o wide').stdout).toBe(
      'NAME    DESIRED   CURRENT   READY   AGE   CONTAINERS   IMAGES   SELECTOR\nnginx   3         3         3       30s   nginx        nginx    app=nginx\n')
  })

  it('replaces a deleted pod and follows kubectl scale', () => {
    const r = run(`kubectl apply -f ${RC}\nsleep 30`)
    const victim = podsOf(r)[0].metadata!.name!
    r.more(`kubectl delete pod ${victim}\nsleep 40`)
    expect(podsOf(r).map((p) => p.metadata?.name)).not.toContain(victim)
    expect(podsOf(r).filter((p) => p.status?.phase === 'Running')).toHaveLength(3)
    expect(r.more('kubectl scale rc nginx --replicas=1\nsleep 40').stdout).toContain('replicationcontroller/nginx scaled\n')
    expect(podsOf(r)).toHaveLength(1)
    expect(rows(r.more('kubectl get rc nginx').stdout)[0].slice(0, 4)).toEqual(['nginx', '1', '1', '1'])
    expect(events(r, 'SuccessfulDelete')).toHaveLength(2)
  })

  it('defaults the selector and the labels to the template labels, and replicas to 1', () => {
    const r = run(heredoc(`
apiVersion: v1
kind: ReplicationController
metadata: {name: web}
spec:
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: nginx, image: nginx}]}`) + '\nsleep 30')
    expect(rc(r, 'web').spec).toMatchObject({ replicas: 1, selector: { app: 'web' } })
    expect(rc(r, 'web').metadata?.labels).toEqual({ app: 'web' })
    expect(podsOf(r)).toHaveLength(1)
  })

  it('rejects a selector that does not match the template labels (kube: ValidatePodTemplateSpecForRC)', () => {
    const r = run(heredoc(`
apiVersion: v1
kind: ReplicationController
metadata: {name: bad}
spec:
  selector: {app: other}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: nginx, image: nginx}]}`))
    expect(r.stderr).toContain('The ReplicationController "bad" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`')
    expect(r.cluster.api.find('ReplicationController', 'default', 'bad')).toBeUndefined()
  })
})
