// Step 4 of the walking skeleton: a deleted pod is replaced at once; changing `replicas` and applying
// again scales the Deployment up and down.
import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Pod } from 'kubernetes-types/core/v1'
import { NGINX, rows, run } from './run'

const manifest = readFileSync(resolve(__dirname, '../../../public/examples', NGINX), 'utf8')
const withReplicas = (n: number) => manifest.replace('replicas: 3', `replicas: ${n}`)
const applyHeredoc = (text: string) => `kubectl apply -f - <<EOF\n${text}EOF`

describe('healing and scaling', () => {
  it('a deleted pod is replaced by the ReplicaSet at once', () => {
    const r = run(`kubectl apply -f ${NGINX}\nsleep 10`)
    const victim = rows(r.more('kubectl get pods').stdout)[0][0]
    const out = r.more(`kubectl delete pod ${victim}`)
    expect(out.stdout).toBe(`pod "${victim}" deleted from default namespace\n`)
    const names = r.cluster.api.list<Pod>('Pod', { namespace: 'default' }).map((p) => p.metadata!.name)
    expect(names).not.toContain(victim)
    expect(names).toHaveLength(3)
    expect(rows(r.more('sleep 10\nkubectl get pods').stdout).map((c) => c[2])).toEqual(['Running', 'Running', 'Running'])
  })

  it('the replacement is created in the same instant the pod starts terminating', () => {
    const r = run(`kubectl apply -f ${NGINX}\nsleep 10`)
    const { cluster } = r
    const victim = cluster.api.list<Pod>('Pod', { namespace: 'default' })[0]
    const at = cluster.clock.now()
    cluster.api.delete('Pod', 'default', victim.metadata!.name!, { actor: 'kubectl' })
    cluster.clock.advance(100) // the controllers' sync window
    const fresh = cluster.api.list<Pod>('Pod', { namespace: 'default' }).filter((p) => !p.metadata!.deletionTimestamp)
    expect(fresh).toHaveLength(3)
    const created = fresh.map((p) => Date.parse(p.metadata!.creationTimestamp!)).sort().at(-1)!
    expect(created - Math.floor(at / 1000) * 1000).toBeLessThan(1000)
  })

  it('applying a manifest with more replicas scales up; fewer scales down', () => {
    const r = run(`kubectl apply -f ${NGINX}\nsleep 10`)
    const up = r.more(`${applyHeredoc(withReplicas(5))}\nsleep 10\nkubectl get deploy nginx-deployment`)
    expect(up.stdout).toMatch(/^deployment\.apps\/nginx-deployment configured\n/)
    expect(up.stdout).toMatch(/nginx-deployment\s+5\/5\s+5\s+5/)
    const down = r.more(`${applyHeredoc(withReplicas(1))}\nsleep 40\nkubectl get deploy nginx-deployment\nkubectl get pods`)
    expect(down.stdout).toMatch(/nginx-deployment\s+1\/1\s+1\s+1/)
    expect(rows(down.stdout.split('\n').slice(3).join('\n'))).toHaveLength(1)
    const same = r.more(applyHeredoc(withReplicas(1)))
    expect(same.stdout).toBe('deployment.apps/nginx-deployment unchanged\n')
  })

  it('kubectl scale changes replicas too', () => {
    const r = run(`kubectl apply -f ${NGINX}\nkubectl scale deployment/nginx-deployment --replicas=4\nsleep 10\nkubectl get rs`)
    expect(r.stdout).toContain('deployment.apps/nginx-deployment scaled\n')
    expect(r.stdout).toMatch(/nginx-deployment-\w+\s+4\s+4\s+4/)
  })
})
