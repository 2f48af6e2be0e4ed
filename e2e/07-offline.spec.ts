import { test, expect, openApp, deployNginx, podChips } from './fixtures'

test('the app makes no requests beyond 127.0.0.1 and logs no console errors', async ({ page, guard }) => {
  await openApp(page)
  await deployNginx(page) // loads Monaco and its workers
  await expect(podChips(page)).toHaveCount(3)
  for (const tab of ['Console', 'Events', 'Inspector', 'YAML']) await page.getByRole('tab', { name: tab }).click()
  await podChips(page).first().click()
  await expect(page.getByRole('tab', { name: 'Inspector' })).toHaveAttribute('aria-selected', 'true')
  await expect(page.getByLabel(/^YAML of Pod nginx-deployment-/)).toContainText('kind: Pod')
  expect(guard.foreignRequests).toEqual([])
  expect(guard.consoleErrors).toEqual([])
  if (guard.consoleWarnings.length) console.log('console warnings:', guard.consoleWarnings)
})
