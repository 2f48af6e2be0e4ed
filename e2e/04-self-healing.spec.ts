import { test, expect, openApp, deployNginx, podChips, setSpeed, runInConsole, pasteIntoEditor, applyEditor, NGINX_DEPLOYMENT } from './fixtures'

const podName = async (chip: import('@playwright/test').Locator) =>
  (await chip.getAttribute('aria-label'))!.replace(/^Pod (\S+): .*$/, '$1')

test('a deleted pod is replaced, and changing replicas in the editor scales up and down', async ({ page }) => {
  await openApp(page)
  await deployNginx(page)
  await setSpeed(page, '10')
  await expect(podChips(page, undefined, 'Running')).toHaveCount(3, { timeout: 30_000 })

  const victim = await podName(podChips(page, undefined, 'Running').first())
  const out = await runInConsole(page, `kubectl delete pod ${victim}`)
  await expect(out).toContainText(`pod "${victim}" deleted`)
  await expect(page.getByRole('button', { name: new RegExp(`^Pod ${victim}:`) })).toHaveCount(0, { timeout: 60_000 })
  await expect(podChips(page, undefined, 'Running')).toHaveCount(3, { timeout: 30_000 })

  await pasteIntoEditor(page, NGINX_DEPLOYMENT.replace('replicas: 3', 'replicas: 5'))
  await applyEditor(page)
  await expect(page.getByRole('status').filter({ hasText: 'deployment.apps/nginx-deployment configured' })).toBeVisible()
  await expect(podChips(page, undefined, 'Running')).toHaveCount(5, { timeout: 30_000 })

  await pasteIntoEditor(page, NGINX_DEPLOYMENT.replace('replicas: 3', 'replicas: 1'))
  await applyEditor(page)
  await expect(page.getByRole('status').filter({ hasText: 'deployment.apps/nginx-deployment configured' })).toBeVisible()
  await expect(podChips(page)).toHaveCount(1, { timeout: 60_000 })
  await expect(podChips(page, undefined, 'Running')).toHaveCount(1)
})
