import { test, expect, openApp, deployNginx, podChips, setSpeed, nodeRegion } from './fixtures'

test('cordon and drain from a node\'s own buttons: its pods move elsewhere and it shows SchedulingDisabled', async ({ page }) => {
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

  await region.getByRole('button', { name: `Cordon node ${victim}` }).click()
  // kube: kubectl get nodes shows a cordoned node as Ready,SchedulingDisabled.
  await expect(region.getByLabel('Status Ready,SchedulingDisabled')).toBeVisible()
  await expect(region.getByText('SchedulingDisabled')).toBeVisible()
  await expect(podChips(region, undefined, 'Running')).not.toHaveCount(0)

  await region.getByRole('button', { name: `Drain node ${victim}` }).click()
  const log = page.getByRole('log', { name: 'Console output' })
  await expect(log).toContainText(`kubectl drain ${victim} --ignore-daemonsets --delete-emptydir-data`)
  await expect(log).toContainText(`node/${victim} drained`)
  await expect(podChips(region)).toHaveCount(0, { timeout: 30_000 })
  const others = ['node-1', 'node-2', 'node-3'].filter((n) => n !== victim)
  await expect
    .poll(async () => {
      let running = 0
      for (const n of others) running += await podChips(nodeRegion(page, n), undefined, 'Running').count()
      return running
    }, { timeout: 30_000 })
    .toBe(3)
  await expect(region.getByLabel('Status Ready,SchedulingDisabled')).toBeVisible()
  await page.screenshot({ path: 'test-results/drain.png' })

  await region.getByRole('button', { name: `Uncordon node ${victim}` }).click()
  await expect(region.getByText('SchedulingDisabled')).toHaveCount(0)
})

test('Add node boots node-4; Remove asks first, then takes it out', async ({ page }) => {
  await openApp(page)
  await page.getByRole('button', { name: '+ Add node' }).click()
  const added = nodeRegion(page, 'node-4')
  await expect(added.getByLabel('Status Ready')).toBeVisible()
  await added.getByRole('button', { name: 'Remove node node-4' }).click()
  await expect(added.getByText('Remove node-4 from the cluster?')).toBeVisible()
  await added.getByRole('button', { name: 'Remove node node-4' }).click()
  await expect(added).toHaveCount(0)
})
