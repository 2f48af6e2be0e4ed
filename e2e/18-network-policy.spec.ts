import { test, expect, openApp, deployNginx, podChips, setSpeed, ownerBox, loadExample, applyEditor } from './fixtures'

test('a default-deny NetworkPolicy selects every pod and its dropped requests are explained', async ({ page }) => {
  await openApp(page)
  await deployNginx(page)
  await setSpeed(page, '10')
  await expect(podChips(page, undefined, 'Running')).toHaveCount(3, { timeout: 30_000 })
  await loadExample(page, 'Service for the nginx pods', 'name: nginx-service')
  await applyEditor(page)
  await expect(page.getByRole('status').filter({ hasText: 'service/nginx-service created' })).toBeVisible()

  await ownerBox(page, 'Service', 'nginx-service').getByRole('button', { name: 'Traffic…' }).click()
  await page.getByRole('region', { name: 'Send traffic' }).getByRole('button', { name: 'Start traffic' }).click()
  const panel = page.getByRole('region', { name: 'Traffic', exact: true })
  await expect(panel.getByLabel(/^\d+ answered$/)).not.toHaveAccessibleName('0 answered')

  await loadExample(page, 'NetworkPolicy "default-deny-ingress"', 'default-deny-ingress')
  await applyEditor(page)
  await expect(page.getByRole('status').filter({ hasText: 'networkpolicy.networking.k8s.io/default-deny-ingress created' })).toBeVisible()
  const policy = ownerBox(page, 'NetworkPolicy', 'default-deny-ingress')
  await expect(policy).toContainText('ingress: deny all')
  // kube: an empty podSelector selects every pod in the namespace.
  await expect(policy.getByRole('list', { name: 'Pods selected by NetworkPolicy default-deny-ingress' }).getByRole('listitem')).toHaveCount(3)
  await expect(panel).toContainText('timed out — denied by NetworkPolicy default/default-deny-ingress', { timeout: 20_000 })
  await page.screenshot({ path: 'test-results/network-policy.png' })
})
