import { test, expect, openApp, deployNginx, podChips, setSpeed, nodeRegion } from './fixtures'

test('applying the docs nginx Deployment creates its ReplicaSet and 3 pods that run inside nodes', async ({ page }) => {
  await openApp(page)
  await deployNginx(page)

  await expect(page.getByRole('group', { name: 'Deployment nginx-deployment', exact: true })).toBeVisible()
  const rs = page.getByRole('group', { name: /^ReplicaSet nginx-deployment-[a-z0-9]+$/ })
  await expect(rs).toBeVisible()
  const rsName = (await rs.getAttribute('aria-label'))!.replace('ReplicaSet ', '')
  // kube: a Deployment's ReplicaSet is named <deployment>-<pod-template-hash>.
  expect(rsName).toMatch(/^nginx-deployment-[a-z0-9]{6,10}$/)
  await expect(page.getByLabel(`Deployment nginx-deployment owns ReplicaSet ${rsName}`)).toBeAttached()

  await expect(podChips(page, `${rsName}-`)).toHaveCount(3)
  await setSpeed(page, '10')
  await expect(podChips(page, `${rsName}-`, 'Running')).toHaveCount(3, { timeout: 30_000 })

  // Every Running pod sits inside a worker node region, linked from the ReplicaSet.
  let inside = 0
  for (const node of ['node-1', 'node-2', 'node-3']) {
    const n = await podChips(nodeRegion(page, node), `${rsName}-`, 'Running').count()
    inside += n
    if (n) await expect(page.getByLabel(`ReplicaSet ${rsName} has ${n} pod${n === 1 ? '' : 's'} on node ${node}`)).toBeAttached()
  }
  expect(inside).toBe(3)
  await expect(podChips(nodeRegion(page, 'control-plane'))).toHaveCount(0)

  await setSpeed(page, '1')
  // The README's screenshot: refreshed on request only, so a test run leaves the work tree clean.
  if (process.env.UPDATE_SCREENSHOT) await page.screenshot({ path: 'docs/screenshot.png' })
})
