// The docs say `kubectl apply -f https://k8s.io/examples/<path>`: those URLs read the bundled copies.
import { describe, expect, it } from 'vitest'
import { docsExamplePath } from '../kubectl/example-urls'
import { run } from './run'

describe('kubectl apply -f with a docs URL', () => {
  it('applies the bundled example the k8s.io/examples URL names', () => {
    const r = run('kubectl apply -f https://k8s.io/examples/application/php-apache.yaml')
    expect(r.stdout).toBe('deployment.apps/php-apache created\nservice/php-apache created\n')
    expect(r.stderr).toBe('')
  })

  it('knows the raw GitHub form of the same URLs', () => {
    expect(docsExamplePath('https://raw.githubusercontent.com/kubernetes/website/main/content/en/examples/pods/simple-pod.yaml')).toBe('pods/simple-pod.yaml')
    expect(docsExamplePath('https://kubernetes.io/examples/service/nginx-service.yaml')).toBe('service/nginx-service.yaml')
    expect(docsExamplePath('https://k8s.io/examples/../../etc/passwd')).toBeUndefined()
  })

  it('answers a docs URL that does not exist as kubectl does a 404', () => {
    const r = run('kubectl apply -f https://k8s.io/examples/no/such.yaml')
    expect(r.stderr).toBe('error: unable to read URL "https://k8s.io/examples/no/such.yaml", server reported 404 Not Found, status code=404\n')
  })

  it('says plainly that other URLs are out of reach', () => {
    const r = run('kubectl apply -f https://example.com/app.yaml')
    expect(r.stderr).toMatch(/^error: unable to read URL "https:\/\/example.com\/app.yaml": Terrarium has no internet access/)
    expect(r.failed).toBe(1)
  })
})
