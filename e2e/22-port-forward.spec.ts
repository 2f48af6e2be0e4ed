import { test, expect, openApp, deployNginx, podChips, setSpeed, ownerBox, loadExample, applyEditor, runInConsole } from './fixtures'

test('kubectl port-forward opens localhost:8080, and the traffic view sends to it', async ({ page }) => {
  await openApp(page)
  await deployNginx(page)
  await setSpeed(page, '10')
  await expect(podChips(page, undefined, 'Running')).toHaveCount(3, { timeout: 30_000 })
  await loadExample(page, 'Service for the nginx pods', 'name: nginx-service')
  await applyEditor(page)

  const forwarded = await runInConsole(page, 'kubectl port-forward deploy/nginx-deployment 8080:80')
  await expect(forwarded.locator('.console-stdout')).toHaveText('Forwarding from 127.0.0.1:8080 -> 80\nForwarding from [::1]:8080 -> 80')

  await ownerBox(page, 'Service', 'nginx-service').getByRole('button', { name: 'Traffic…' }).click()
  const control = page.getByRole('region', { name: 'Send traffic' })
  await control.getByLabel('URL').fill('http://localhost:8080')
  await control.getByRole('button', { name: 'Start traffic' }).click()
  const panel = page.getByRole('region', { name: 'Traffic', exact: true })
  await expect(panel).toContainText('http://localhost:8080')
  // Every request answered, all by the one pod the forward picked.
  await expect(control).toContainText(/[1-9]\d* answered · 0 failed/, { timeout: 15_000 })
  await expect.poll(async () => page.getByRole('img', { name: /^Requests to \S+: [1-9]\d* answered/ }).count()).toBe(1)
})
