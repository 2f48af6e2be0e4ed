import { test, expect, openApp, loadExample, applyEditor, podChips, setSpeed, ownerBox } from './fixtures'

test('the docs Job "pi" runs its pod to Completed and the Job to Complete 1/1', async ({ page }) => {
  await openApp(page)
  await loadExample(page, 'Job "pi" (runs to completion)', 'kind: Job')
  await applyEditor(page)
  await expect(page.getByRole('status').filter({ hasText: 'job.batch/pi created' })).toBeVisible()
  const job = ownerBox(page, 'Job', 'pi')
  await expect(job).toBeVisible()
  await setSpeed(page, '100')
  // kube: kubectl get jobs prints STATUS Complete and COMPLETIONS 1/1; the pod's STATUS is Completed.
  await expect(job).toContainText('Complete 1/1', { timeout: 30_000 })
  const pod = podChips(page, 'pi-', 'Completed')
  await expect(pod).toHaveCount(1)
  await expect(pod).toContainText('Completed')
  await expect(page.getByLabel(/^Job pi has 1 pod on node node-\d$/)).toBeAttached()
  await setSpeed(page, '1')
  await page.screenshot({ path: 'test-results/job.png' })
})
