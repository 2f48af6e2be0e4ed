import { test, expect, openApp, loadExample, applyEditor, podChips, setSpeed, ownerBox } from './fixtures'

test('the docs StatefulSet "web" starts web-0, then web-1, each with its own Bound claim', async ({ page }) => {
  await openApp(page)
  await loadExample(page, 'StatefulSet "web" with its headless Service', 'kind: StatefulSet')
  await setSpeed(page, '5')

  // kube: OrderedReady pod management creates web-1 only once web-0 is Running and Ready.
  const web1SawWeb0 = page.evaluate(
    () =>
      new Promise<string>((resolve, reject) => {
        const observer = new MutationObserver(() => {
          if (!document.querySelector('[aria-label^="Pod web-1:"]')) return
          observer.disconnect()
          resolve(document.querySelector('[aria-label^="Pod web-0:"]')?.getAttribute('aria-label') ?? 'absent')
        })
        observer.observe(document.body, { subtree: true, childList: true, attributes: true })
        setTimeout(() => reject(new Error('web-1 did not appear within 60 s')), 60_000)
      }),
  )
  await applyEditor(page)
  await expect(page.getByRole('status').filter({ hasText: 'statefulset.apps/web created' })).toBeVisible()
  await expect(podChips(page, 'web-0')).toHaveCount(1)
  expect(await web1SawWeb0).toBe('Pod web-0: Running')

  await expect(podChips(page, 'web-', 'Running')).toHaveCount(2, { timeout: 30_000 })
  // The ordinal is the visible name of the chip.
  await expect(podChips(page, 'web-0')).toContainText('web-0')
  await expect(podChips(page, 'web-1')).toContainText('web-1')
  // kube: a claim per pod from volumeClaimTemplates, named <template>-<pod>.
  await expect(page.getByLabel('PersistentVolumeClaim www-web-0: Bound')).toBeVisible()
  await expect(page.getByLabel('PersistentVolumeClaim www-web-1: Bound')).toBeVisible()
  const sts = ownerBox(page, 'StatefulSet', 'web')
  await expect(sts).toContainText('2/2 ready')
  await expect(page.getByLabel(/^StatefulSet web has 1 pod on node/)).toHaveCount(2)
  await page.screenshot({ path: 'test-results/statefulset.png' })
})
