import { test, expect, openApp, deployNginx, podChips, setSpeed, nodeRegion, ownerBox, loadExample, applyEditor } from './fixtures'
import type { Page } from '@playwright/test'

const WORKERS = ['node-1', 'node-2', 'node-3']

/** `Requests to <pod>: N answered, M failed` badges, as { pod → [answered, failed] }. */
async function requestCounts(page: Page): Promise<Record<string, [number, number]>> {
  const labels = await page.getByRole('img', { name: /^Requests to / }).evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''))
  const out: Record<string, [number, number]> = {}
  for (const l of labels) {
    const m = /^Requests to (\S+): (\d+) answered, (\d+) failed$/.exec(l)
    if (m) out[m[1]] = [Number(m[2]), Number(m[3])]
  }
  return out
}

const podNames = (scope: ReturnType<typeof nodeRegion>, status?: string) =>
  podChips(scope, undefined, status).evaluateAll((els) => els.map((e) => /^Pod (\S+):/.exec(e.getAttribute('aria-label') ?? '')![1]))

test('traffic through a Service: a killed node\'s pod fails, its endpoint goes not ready, the others and the replacement take over', async ({ page }) => {
  await openApp(page)
  await deployNginx(page)
  await setSpeed(page, '10')
  await expect(podChips(page, undefined, 'Running')).toHaveCount(3, { timeout: 30_000 })
  await loadExample(page, 'Service for the nginx pods', 'name: nginx-service')
  await applyEditor(page)
  await expect(page.getByRole('status').filter({ hasText: 'service/nginx-service created' })).toBeVisible()

  // Start 20 requests/s at the Service's DNS name from its inspector.
  await ownerBox(page, 'Service', 'nginx-service').getByRole('button', { name: 'Traffic…' }).click()
  const control = page.getByRole('region', { name: 'Send traffic' })
  await control.getByLabel(/Requests per second/).fill('20')
  await control.getByRole('button', { name: 'Start traffic' }).click()
  const panel = page.getByRole('region', { name: 'Traffic', exact: true })
  await expect(panel).toContainText('http://nginx-service.default.svc.cluster.local:8000')
  // kube-proxy balances across all three ready endpoints.
  await expect.poll(async () => Object.values(await requestCounts(page)).filter(([ok]) => ok > 0).length, { timeout: 20_000 }).toBe(3)
  await expect(page.getByRole('region', { name: 'kube-proxy rules' })).toContainText(/10\.\d+\.\d+\.\d+:8000\/TCP/)

  let victim = ''
  for (const n of WORKERS) if ((await podChips(nodeRegion(page, n)).count()) > 0) victim ||= n
  const region = nodeRegion(page, victim)
  const [lostPod] = await podNames(region)
  const others = WORKERS.filter((n) => n !== victim)
  const survivors = (await Promise.all(others.map((n) => podNames(nodeRegion(page, n))))).flat()

  const failed = async () => Number(/^(\d+) failed$/.exec((await panel.getByLabel(/^\d+ failed$/).getAttribute('aria-label')) ?? '')?.[1] ?? -1)
  expect(await failed()).toBe(0)
  await region.getByRole('button', { name: `Kill node ${victim}` }).click()
  // The machine is gone but its pod's endpoint is still ready: kube-proxy still sends it a share, which times out.
  await expect.poll(failed, { timeout: 20_000 }).toBeGreaterThan(0)
  await expect(panel).toContainText(/Last failure.*: timed out/)
  await page.screenshot({ path: 'test-results/traffic-node-killed.png' })

  // kube default: node-monitor-grace-period 50 s; then the pod is marked not ready and leaves kube-proxy's rules.
  await page.getByRole('button', { name: 'Pause' }).click()
  await page.getByRole('button', { name: 'Jump +1 min' }).click()
  await expect(region.getByLabel('Status NotReady')).toBeVisible()
  await expect(page.getByLabel(`Service nginx-service has 1 endpoint not ready on node ${victim}`)).toBeAttached()
  const before = await requestCounts(page)
  const failedBefore = await failed()
  await page.getByRole('button', { name: 'Play' }).click()
  await expect
    .poll(async () => {
      const now = await requestCounts(page)
      return survivors.every((p) => (now[p]?.[0] ?? 0) > (before[p]?.[0] ?? 0) + 20)
    }, { timeout: 20_000 })
    .toBe(true)
  // Out of kube-proxy's rules, the lost pod gets no more requests: no new failures.
  expect(await failed()).toBe(failedBefore)
  expect((await requestCounts(page))[lostPod]?.[0]).toBe(before[lostPod]?.[0])

  // kube default: 300 s not-ready toleration, then eviction; the ReplicaSet's replacement gets traffic too.
  await page.getByRole('button', { name: '+5 min' }).click()
  let replacement = ''
  await expect
    .poll(async () => {
      const running = (await Promise.all(others.map((n) => podNames(nodeRegion(page, n), 'Running')))).flat()
      replacement = running.find((p) => !survivors.includes(p)) ?? ''
      return replacement
    }, { timeout: 30_000 })
    .not.toBe('')
  await expect.poll(async () => (await requestCounts(page))[replacement]?.[0] ?? 0, { timeout: 20_000 }).toBeGreaterThan(0)
  await page.screenshot({ path: 'test-results/traffic-replacement.png' })

  await panel.getByRole('button', { name: 'Stop traffic svc-nginx-service' }).click()
  await expect(panel).toBeHidden()
})
