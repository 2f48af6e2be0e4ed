import { test, expect, openApp } from './fixtures'

const clockSeconds = async (page: import('@playwright/test').Page) => {
  const text = (await page.getByLabel('Cluster time').textContent()) ?? ''
  const [h, m, s] = text.slice(0, 8).split(':').map(Number)
  return h * 3600 + m * 60 + s
}

test('time can be paused, stepped, sped up and jumped from the header', async ({ page }) => {
  await openApp(page)
  await page.getByRole('button', { name: 'Pause' }).click()
  await expect(page.getByLabel('Cluster time')).toContainText('paused')
  const paused = await clockSeconds(page)
  await page.waitForTimeout(1500)
  expect(await clockSeconds(page)).toBe(paused)

  // Step runs the next scheduled event (kubelets heartbeat every 10 s), so time moves but stays paused.
  await page.getByRole('button', { name: 'Step' }).click()
  await expect.poll(() => clockSeconds(page)).toBeGreaterThan(paused)
  await expect(page.getByLabel('Cluster time')).toContainText('paused')

  const beforeJump = await clockSeconds(page)
  await page.getByRole('button', { name: 'Jump +1 min' }).click()
  await expect.poll(() => clockSeconds(page)).toBe(beforeJump + 60)
  await page.getByRole('button', { name: '+5 min' }).click()
  await expect.poll(() => clockSeconds(page)).toBe(beforeJump + 360)

  await page.getByLabel('Speed').selectOption('100')
  await page.getByRole('button', { name: 'Play' }).click()
  const start = await clockSeconds(page)
  await page.waitForTimeout(1000)
  // 100× for about a second of wall time: well over 30 virtual seconds.
  expect((await clockSeconds(page)) - start).toBeGreaterThan(30)
})
