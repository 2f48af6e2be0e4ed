// Rolling updates as the Deployments concept page walks through them: `kubectl set image`, `kubectl
// rollout status` (kubectl's StatusViewer lines), history, undo, pause/resume and restart.
import { describe, expect, it } from 'vitest'
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1'
import { NGINX, rows, run } from './run'

const D = 'deployment/nginx-deployment'
const lines = (s: string) => s.trim().split('\n')

describe('kubectl set image and rollout status', () => {
  it('prints the StatusViewer lines of a RollingUpdate (maxSurge 25%, maxUnavailable 25%) until it completes', () => {
    const r = run(`kubectl apply -f ${NGINX}\nkubectl rollout status ${D}`)
    expect(lines(r.stdout).at(-1)).toBe('deployment "nginx-deployment" successfully rolled out')
    const out = r.more(`kubectl set image ${D} nginx=nginx:1.16.1\nkubectl rollout status ${D}`)
    const got = lines(out.stdout)
    expect(got[0]).toBe('deployment.apps/nginx-deployment image updated')
    // kube: rollout status prints once per watch event, so lines repeat; their order is the rollout's.
    const distinct = got.slice(1).filter((l, i, a) => l !== a[i - 1])
    expect(distinct).toEqual([
      'Waiting for deployment spec update to be observed...',
      'Waiting for deployment "nginx-deployment" rollout to finish: 0 out of 3 new replicas have been updated...',
      'Waiting for deployment "nginx-deployment" rollout to finish: 1 out of 3 new replicas have been updated...',
      'Waiting for deployment "nginx-deployment" rollout to finish: 2 out of 3 new replicas have been updated...',
      'Waiting for deployment "nginx-deployment" rollout to finish: 1 old replicas are pending termination...',
      'deployment "nginx-deployment" successfully rolled out',
    ])
    expect(out.failed).toBe(0)
    const d = r.cluster.api.get<Deployment>('Deployment', 'default', 'nginx-deployment')
    expect(d.status).toMatchObject({ replicas: 3, updatedReplicas: 3, availableReplicas: 3 })
  })

  it('setting the image it already has prints nothing (kubectl skips an empty patch)', () => {
    const r = run(`kubectl apply -f ${NGINX}\nkubectl set image ${D} nginx=nginx:1.14.2`)
    expect(r.stdout).toBe('deployment.apps/nginx-deployment created\n')
    expect(r.more(`kubectl set image ${D} nginx2=nginx:1.16.1`).stderr).toBe('error: unable to find container named "nginx2"\n')
  })

  it('--timeout ends the wait with kubectl\'s error when the rollout cannot finish (image pull fails)', () => {
    const r = run(`kubectl apply -f ${NGINX}\nkubectl rollout status ${D}\nkubectl set image ${D} nginx=nginx:1.161`)
    const out = r.more(`kubectl rollout status ${D} --timeout=30s`)
    expect(out.stderr).toBe('error: timed out waiting for the condition\n')
    expect(lines(out.stdout).at(-1)).toBe('Waiting for deployment "nginx-deployment" rollout to finish: 1 out of 3 new replicas have been updated...')
  })

  it('--watch=false prints the status once', () => {
    const r = run(`kubectl apply -f ${NGINX}`)
    expect(r.more(`kubectl rollout status ${D} --watch=false`).stdout)
      .toBe('Waiting for deployment "nginx-deployment" rollout to finish: 0 out of 3 new replicas have been updated...\n')
  })

  it('a ReplicaSet has no status viewer', () => {
    const r = run(`kubectl apply -f controllers/frontend.yaml\nkubectl rollout status rs/frontend`)
    expect(r.stderr).toBe('error: no status viewer has been implemented for ReplicaSet.apps\n')
  })
})

describe('rollout status of StatefulSets and DaemonSets', () => {
  it('prints the StatefulSet viewer\'s lines (the defaulted partition 0 makes it a partitioned roll out)', () => {
    const r = run('kubectl apply -f application/web/web.yaml\nkubectl rollout status sts/web')
    expect(lines(r.stdout).slice(2)).toEqual([
      'Waiting for 2 pods to be ready...',
      'Waiting for 1 pods to be ready...',
      'partitioned roll out complete: 2 new pods have been updated...',
    ])
  })

  it('prints the DaemonSet viewer\'s lines until every scheduled pod is available', () => {
    const r = run('kubectl apply -f controllers/daemonset.yaml\nkubectl rollout status ds/fluentd-elasticsearch -n kube-system')
    expect(lines(r.stdout).at(-1)).toBe('daemon set "fluentd-elasticsearch" successfully rolled out')
    expect(r.stdout).toContain('Waiting for daemon set "fluentd-elasticsearch" rollout to finish: 0 of 3 updated pods are available...\n')
  })
})

describe('kubectl rollout history and undo', () => {
  const updated = `kubectl apply -f ${NGINX}\nkubectl rollout status ${D}\nkubectl set image ${D} nginx=nginx:1.16.1\nkubectl rollout status ${D}`

  it('history lists one revision per ReplicaSet with its change-cause', () => {
    const r = run(`${updated}\nkubectl annotate ${D} kubernetes.io/change-cause="image updated to 1.16.1"\nsleep 1`)
    const out = r.more(`kubectl rollout history ${D}`)
    // kube: the change-cause annotation is copied from the Deployment onto its new ReplicaSet.
    expect(out.stdout).toBe('deployment.apps/nginx-deployment \nREVISION  CHANGE-CAUSE\n1         <none>\n2         image updated to 1.16.1\n\n')
    const rev = r.more(`kubectl rollout history ${D} --revision=2`).stdout
    expect(rev).toMatch(/^deployment\.apps\/nginx-deployment with revision #2\nPod Template:\n/)
    expect(rev).toContain('Image:         nginx:1.16.1')
    expect(r.more(`kubectl rollout history ${D} --revision=7`).stderr).toBe('error: unable to find the specified revision\n')
  })

  it('undo copies the previous ReplicaSet\'s template back; that ReplicaSet becomes revision 3', () => {
    const r = run(`${updated}\nkubectl rollout undo ${D}\nkubectl rollout status ${D}`)
    expect(r.stdout).toContain('deployment.apps/nginx-deployment rolled back\n')
    const d = r.cluster.api.get<Deployment>('Deployment', 'default', 'nginx-deployment')
    expect(d.spec!.template.spec!.containers[0].image).toBe('nginx:1.14.2')
    const rss = r.cluster.api.list<ReplicaSet>('ReplicaSet', { namespace: 'default' })
    expect(rss).toHaveLength(2)
    const old = rss.find((rs) => rs.spec!.template!.spec!.containers[0].image === 'nginx:1.14.2')!
    // kube: the controller moves the old revision number into revision-history.
    expect(old.metadata!.annotations).toMatchObject({ 'deployment.kubernetes.io/revision': '3', 'deployment.kubernetes.io/revision-history': '1' })
    expect(r.more(`kubectl rollout history ${D}`).stdout).toContain('REVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n')
    expect(r.more(`kubectl rollout undo ${D} --to-revision=3`).stdout).toBe('deployment.apps/nginx-deployment skipped rollback (current template already matches revision 3)\n')
    expect(r.more(`kubectl rollout undo ${D} --to-revision=9`).stderr).toBe('error: unable to find specified revision 9 in history\n')
  })

  it('undo with no previous revision fails', () => {
    const r = run(`kubectl apply -f ${NGINX}\nkubectl rollout undo ${D}`)
    expect(r.stderr).toBe('error: no rollout history found for deployment "nginx-deployment"\n')
  })
})

describe('kubectl rollout pause, resume and restart', () => {
  it('a paused Deployment takes template changes without rolling them out until resumed', () => {
    const r = run(`kubectl apply -f ${NGINX}\nkubectl rollout status ${D}\nkubectl rollout pause ${D}\nkubectl set image ${D} nginx=nginx:1.16.1\nsleep 30`)
    expect(r.stdout).toContain('deployment.apps/nginx-deployment paused\n')
    expect(r.cluster.api.list<ReplicaSet>('ReplicaSet', { namespace: 'default' })).toHaveLength(1)
    const d = r.cluster.api.get<Deployment>('Deployment', 'default', 'nginx-deployment')
    // kube: checkPausedConditions — Progressing Unknown with reason DeploymentPaused.
    expect(d.status!.conditions!.find((c) => c.type === 'Progressing')).toMatchObject({ status: 'Unknown', reason: 'DeploymentPaused' })
    expect(r.more(`kubectl rollout pause ${D}`).stderr).toBe('error: deployments.apps "nginx-deployment" is already paused\n')
    expect(r.more(`kubectl rollout restart ${D}`).stderr).toBe('error: deployments.apps "nginx-deployment" can\'t restart paused deployment (run rollout resume first)\n')
    expect(r.more(`kubectl rollout undo ${D} --to-revision=1`).stderr).toContain("error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume deployment/nginx-deployment' and try again")
    const resumed = r.more(`kubectl rollout resume ${D}\nkubectl rollout status ${D}`)
    expect(resumed.stdout).toMatch(/^deployment\.apps\/nginx-deployment resumed\n/)
    expect(lines(resumed.stdout).at(-1)).toBe('deployment "nginx-deployment" successfully rolled out')
    expect(r.cluster.api.list<ReplicaSet>('ReplicaSet', { namespace: 'default' })).toHaveLength(2)
    expect(r.more(`kubectl rollout resume ${D}`).stderr).toBe('error: deployments.apps "nginx-deployment" is not paused\n')
  })

  it('restart stamps kubectl.kubernetes.io/restartedAt on the template, which rolls every pod', () => {
    const r = run(`kubectl apply -f ${NGINX}\nkubectl rollout status ${D}`)
    const before = rows(r.more('kubectl get pods').stdout).map((c) => c[0])
    const out = r.more(`kubectl rollout restart ${D}\nkubectl rollout status ${D}\nsleep 30`)
    expect(out.stdout).toMatch(/^deployment\.apps\/nginx-deployment restarted\n/)
    const d = r.cluster.api.get<Deployment>('Deployment', 'default', 'nginx-deployment')
    expect(d.spec!.template.metadata!.annotations!['kubectl.kubernetes.io/restartedAt']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
    const after = rows(r.more('kubectl get pods').stdout).map((c) => c[0])
    expect(after).toHaveLength(3)
    expect(after.filter((n) => before.includes(n))).toEqual([])
    expect(r.more('kubectl rollout restart rs/x').stderr).toBe('Error from server (NotFound): replicasets.apps "x" not found\n')
  })
})

describe('the docs\' update and scale manifests', () => {
  it('application/deployment-update.yaml and deployment-scale.yaml update, then scale, application/deployment.yaml', () => {
    const r = run('kubectl apply -f application/deployment.yaml\nkubectl rollout status deployment/nginx-deployment')
    r.more('kubectl apply -f application/deployment-update.yaml\nkubectl rollout status deployment/nginx-deployment')
    expect(r.more('kubectl get deploy -o wide').stdout).toMatch(/nginx-deployment\s+2\/2\s+2\s+2\s+\S+\s+nginx\s+nginx:1\.16\.1/)
    r.more('kubectl apply -f application/deployment-scale.yaml\nkubectl rollout status deployment/nginx-deployment')
    expect(r.more('kubectl get deploy').stdout).toMatch(/nginx-deployment\s+4\/4\s+4\s+4/)
  })

  it('the _variants (selector app.kubernetes.io/name) update controllers/nginx-deployment.yaml; on application/deployment.yaml the selector is immutable', () => {
    const r = run(`kubectl apply -f ${NGINX}\nkubectl rollout status ${D}\nkubectl apply -f _variants/application/deployment-update.yaml\nkubectl rollout status ${D}`)
    expect(r.failed).toBe(0)
    expect(r.more('kubectl get deploy -o wide').stdout).toMatch(/nginx-deployment\s+2\/2\s+2\s+2\s+\S+\s+nginx\s+nginx:1\.16\.1/)
    r.more(`kubectl apply -f _variants/application/deployment-scale.yaml\nkubectl rollout status ${D}`)
    expect(r.more('kubectl get deploy').stdout).toMatch(/nginx-deployment\s+4\/4\s+4\s+4/)
    const other = run('kubectl apply -f application/deployment.yaml\nkubectl apply -f _variants/application/deployment-update.yaml')
    expect(other.stderr).toContain('spec.selector: Invalid value')
    expect(other.stderr).toContain('field is immutable')
  })
})
