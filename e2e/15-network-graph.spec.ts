import { test, expect, openApp, deployNginx, podChips, setSpeed, pasteIntoEditor, applyEditor, ownerBox, loadExample } from './fixtures'

/** An Ingress in the docs' style (concepts/services-networking/ingress), sending every path to the nginx Service. */
const INGRESS = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: nginx-ingress
spec:
  rules:
  - http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service:
            name: nginx-service
            port:
              number: 8000
`

test('a Service links to the nodes its EndpointSlices name, an Ingress to its Service, a claim to its volume', async ({ page }) => {
  await openApp(page)
  await deployNginx(page)
  await setSpeed(page, '10')
  await expect(podChips(page, undefined, 'Running')).toHaveCount(3, { timeout: 30_000 })

  await loadExample(page, 'Service for the nginx pods', 'name: nginx-service')
  await applyEditor(page)
  await expect(page.getByRole('status').filter({ hasText: 'service/nginx-service created' })).toBeVisible()
  const svc = ownerBox(page, 'Service', 'nginx-service')
  await expect(svc).toBeVisible()
  // kube: the EndpointSlice controller lists the 3 ready pods; the graph links the Service to their nodes.
  await expect
    .poll(() => page.getByLabel(/^Service nginx-service routes to \d ready endpoints? on node node-\d$/).count())
    .toBeGreaterThan(0)
  const labels = await page.getByLabel(/^Service nginx-service routes to/).evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')!))
  const total = labels.reduce((n, l) => n + Number(/routes to (\d)/.exec(l)![1]), 0)
  expect(total).toBe(3)

  await pasteIntoEditor(page, INGRESS)
  await applyEditor(page)
  await expect(page.getByRole('status').filter({ hasText: 'ingress.networking.k8s.io/nginx-ingress created' })).toBeVisible()
  await expect(ownerBox(page, 'Ingress', 'nginx-ingress')).toBeVisible()
  await expect(page.getByLabel('Ingress nginx-ingress sends */ to Service nginx-service')).toBeAttached()

  // The inspector of a Service lists its endpoints (from the EndpointSlices) and offers traffic.
  await svc.getByRole('button', { name: 'Traffic…' }).click()
  const endpoints = page.getByRole('table', { name: 'Endpoints of Service nginx-service' })
  await expect(endpoints.getByRole('row')).toHaveCount(4)
  await expect(endpoints).toContainText('ready')
  await expect(page.getByRole('region', { name: 'Send traffic' }).getByLabel('URL')).toHaveValue('http://nginx-service.default.svc.cluster.local:8000')
  await page.screenshot({ path: 'test-results/network-graph.png' })

  for (const [label, text] of [
    ['PersistentVolume "task-pv-volume" (hostPath)', 'kind: PersistentVolume'],
    ['PersistentVolumeClaim "task-pv-claim"', 'kind: PersistentVolumeClaim'],
    ['Pod "task-pv-pod" using the claim', 'name: task-pv-pod'],
  ]) {
    await loadExample(page, label, text)
    await applyEditor(page)
    await expect(page.getByRole('status').filter({ hasText: 'created' })).toBeVisible()
  }
  await expect(ownerBox(page, 'PersistentVolumeClaim', 'task-pv-claim')).toContainText('Bound', { timeout: 20_000 })
  await expect(page.getByLabel('PersistentVolumeClaim task-pv-claim is bound to PersistentVolume task-pv-volume')).toBeAttached()
  await expect(page.getByLabel(/^PersistentVolume task-pv-volume is mounted by 1 pod on node node-\d$/)).toBeAttached({ timeout: 20_000 })
  await page.getByRole('button', { name: 'Fit the cluster to the view' }).click()
  await page.screenshot({ path: 'test-results/network-storage-graph.png' })
})
