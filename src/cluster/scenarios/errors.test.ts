// Step 6 of the walking skeleton: bad input gets a clear error naming the line or the field, and
// leaves the cluster as it was.
import { describe, expect, it } from 'vitest'
import { NGINX, run } from './run'

const heredoc = (text: string) => `kubectl apply -f - <<EOF\n${text}\nEOF`

describe('bad input', () => {
  it('replicas: -1 is refused naming the field, as the API server words it', () => {
    const r = run(heredoc(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: -1
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx:1.27`))
    expect(r.failed).toBe(1)
    expect(r.stderr).toContain('The Deployment "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0')
    expect(r.cluster.api.list('Deployment')).toEqual([])
  })

  it('a YAML syntax error names the line', () => {
    const r = run(heredoc('apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  name: y\n'))
    expect(r.failed).toBe(1)
    expect(r.stderr).toMatch(/line 5/)
    expect(r.cluster.api.list('Pod')).toEqual([])
  })

  it('several invalid fields are all listed', () => {
    const r = run(heredoc('apiVersion: v1\nkind: Pod\nmetadata:\n  name: Bad_Name\nspec:\n  containers:\n  - name: c\n'))
    expect(r.stderr).toContain('The Pod "Bad_Name" is invalid:')
    expect(r.stderr).toContain('metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain')
    expect(r.stderr).toContain('spec.containers[0].image: Required value')
  })

  it('a wrong type is a field error, not a crash', () => {
    const r = run(heredoc('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: three\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: web, image: nginx}]}'))
    expect(r.failed).toBe(1)
    expect(r.stderr).toContain('spec.replicas')
  })

  it('an unknown kind is refused as kubectl does, while the other documents apply', () => {
    const r = run(heredoc('apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-a\n---\napiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n'))
    expect(r.stdout).toBe('namespace/team-a created\n')
    expect(r.stderr).toContain('no matches for kind "Widget" in version "example.com/v1"')
    expect(r.failed).toBe(1)
  })

  it('a missing object is NotFound in kubectl\'s words, and the script goes on', () => {
    const r = run(`kubectl get pod nope\nkubectl apply -f ${NGINX}`)
    expect(r.stderr).toBe('Error from server (NotFound): pods "nope" not found\n')
    expect(r.stdout).toBe('deployment.apps/nginx-deployment created\n')
    expect(r.failed).toBe(1)
  })

  it('a legacy manifest that current Kubernetes refuses gets an error, not a crash', () => {
    const r = run('kubectl apply -f _legacy/application/job/cronjob.yaml')
    expect(r.failed).toBe(1)
    expect(r.stderr).toContain('no matches for kind "CronJob" in version "batch/v1beta1"')
  })
})
