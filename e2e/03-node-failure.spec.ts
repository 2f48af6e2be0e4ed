import { test, expect, openApp, deployNginx, podChips, setSpeed, nodeRegion } from './fixtures'

test('a killed node goes NotReady, its pods are replaced after the 300 s toleration, and Restore brings it back', async ({ page }) => {
  await openApp(page)
  await deployNginx(page)
  await setSpeed(page, '10')
  await expect(podChips(page, undefined, 'Running')).toHaveCount(3, { timeout: 30_000 })

  let victim = ''
  for (const node of ['node-1', 'node-2', 'node-3']) {
    if ((await podChips(nodeRegion(page, node)).count()) > 0) {
      victim = node
      break
    }
  }
  expect(victim).not.toBe('')
  const region = nodeRegion(page, victim)
  const lost = await podChips(region).count()

  await region.getByRole('button', { name: `Kill node ${victim}` }).click()
  await expect(region.getByRole('button', { name: `Restore node ${victim}` })).toBeVisible()
  await page.getByRole('button', { name: 'Pause' }).click()

  // kube default: node-monitor-grace-period 50 s before the node is marked NotReady.
  await page.getByRole('button', { name: 'Jump +1 min' }).click()
  await expect(region.getByLabel('Status NotReady')).toBeVisible()
  await expect(region.getByRole('note')).toContainText('Kubelet stopped')

  // kube default: pods tolerate not-ready/unreachable for 300 s, then are evicted and replaced.
  await page.getByRole('button', { name: '+5 min' }).click()
  await page.getByRole('button', { name: 'Play' }).click()
  const others = ['node-1', 'node-2', 'node-3'].filter((n) => n !== victim)
  await expect
    .poll(async () => {
      let running = 0
      for (const n of others) running += await podChips(nodeRegion(page, n), undefined, 'Running').count()
      return running
    }, { timeout: 30_000 })
    .toBe(3)
  await expect(podChips(region, undefined, 'Running')).toHaveCount(0)
  expect(lost).toBeGreaterThan(0)
  // kube: with the kubelet gone nobody confirms the containers stopped, so the pods stay Terminating.
  await expect(podChips(region, undefined, 'Terminating')).toHaveCount(lost)
  await expect(region.getByRole('note')).toContainText('Terminating until it returns')

  await region.getByRole('button', { name: `Restore node ${victim}` }).click()
  await expect(region.getByLabel('Status Ready')).toBeVisible({ timeout: 30_000 })
  await expect(region.getByRole('button', { name: `Kill node ${victim}` })).toBeVisible()
})
