import { test, expect, openApp, podChips, setSpeed, ownerBox, loadExample, applyEditor } from './fixtures'

test('the docs HPA scales php-apache out under load and the new pods appear', async ({ page }) => {
  await openApp(page)
  await loadExample(page, 'php-apache Deployment and Service', 'name: php-apache')
  await applyEditor(page)
  await expect(page.getByRole('status').filter({ hasText: 'service/php-apache created' })).toBeVisible()
  await setSpeed(page, '10')
  await expect(podChips(page, 'php-apache-', 'Running')).toHaveCount(1, { timeout: 30_000 })

  await loadExample(page, 'HorizontalPodAutoscaler "php-apache" (50% CPU)', 'HorizontalPodAutoscaler')
  await applyEditor(page)
  await expect(page.getByRole('status').filter({ hasText: 'horizontalpodautoscaler.autoscaling/php-apache created' })).toBeVisible()
  const hpa = ownerBox(page, 'HorizontalPodAutoscaler', 'php-apache')
  await expect(hpa).toContainText('(min 1 / max 10)')
  await expect(page.getByLabel('HorizontalPodAutoscaler php-apache scales Deployment php-apache')).toBeAttached()

  // The docs' load generator loops `wget -q -O- http://php-apache`; here a generator at 100 requests/s.
  await ownerBox(page, 'Service', 'php-apache').getByRole('button', { name: 'Traffic…' }).click()
  const control = page.getByRole('region', { name: 'Send traffic' })
  await control.getByLabel(/Requests per second/).fill('100')
  await control.getByRole('button', { name: 'Start traffic' }).click()

  // kube default: the HPA syncs every 15 s and metrics-server scrapes every 15 s: fast-forward a minute.
  await page.getByRole('button', { name: 'Jump +1 min' }).click()
  await expect(hpa).toContainText(/cpu \d+%\/50%/, { timeout: 20_000 })
  await expect.poll(async () => Number(/replicas (\d+)/.exec((await hpa.textContent()) ?? '')?.[1] ?? 0), { timeout: 20_000 }).toBeGreaterThan(1)
  await page.getByRole('button', { name: 'Jump +1 min' }).click()
  await expect.poll(() => podChips(page, 'php-apache-', 'Running').count(), { timeout: 30_000 }).toBeGreaterThan(1)
  await page.screenshot({ path: 'test-results/hpa-scaled.png' })
})
