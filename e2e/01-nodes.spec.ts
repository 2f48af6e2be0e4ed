import { test, expect, openApp, nodeRegion } from './fixtures'

test('the page opens showing the four nodes of the cluster, all Ready', async ({ page }) => {
  await openApp(page)
  await expect(page.getByRole('heading', { name: 'Terrarium' })).toBeVisible()
  for (const name of ['control-plane', 'node-1', 'node-2', 'node-3']) {
    const region = nodeRegion(page, name)
    await expect(region).toBeVisible()
    await expect(region.getByLabel('Status Ready')).toBeVisible()
    await expect(region.getByRole('button', { name: `Kill node ${name}` })).toBeVisible()
  }
  await expect(page.getByRole('group', { name: /^Node / })).toHaveCount(4)
  await expect(page.getByLabel('Cluster time')).toHaveText(/\d\d:\d\d:\d\d/)
})
