import { test, expect, openApp, deployNginx, podChips, setSpeed, pasteIntoEditor, applyEditor, runInConsole, ownerBox, NGINX_DEPLOYMENT } from './fixtures'

test('changing the image rolls the Deployment out: pods move from the old ReplicaSet to the new one', async ({ page }) => {
  await openApp(page)
  await deployNginx(page)
  await setSpeed(page, '10')
  await expect(podChips(page, undefined, 'Running')).toHaveCount(3, { timeout: 30_000 })
  const oldRs = ownerBox(page, 'ReplicaSet', /nginx-deployment-[a-z0-9]+/)
  await expect(oldRs).toHaveCount(1)
  const oldName = (await oldRs.getAttribute('aria-label'))!.replace('ReplicaSet ', '')

  await setSpeed(page, '1')
  await pasteIntoEditor(page, NGINX_DEPLOYMENT.replace('nginx:1.14.2', 'nginx:1.16.1'))
  await applyEditor(page)
  await expect(page.getByRole('status').filter({ hasText: 'deployment.apps/nginx-deployment configured' })).toBeVisible()

  // kube: a new template makes a new ReplicaSet (a new pod-template-hash), owned by the same Deployment.
  const both = ownerBox(page, 'ReplicaSet', /nginx-deployment-[a-z0-9]+/)
  await expect(both).toHaveCount(2)
  const names = await both.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')!.replace('ReplicaSet ', '')))
  const newName = names.find((n) => n !== oldName)!
  const newRs = ownerBox(page, 'ReplicaSet', newName)
  const old = ownerBox(page, 'ReplicaSet', oldName)
  await expect(page.getByLabel(`Deployment nginx-deployment owns ReplicaSet ${newName}`)).toBeAttached()
  // kube default: maxSurge 25% (rounds up to 1 of 3), maxUnavailable 25% (rounds down to 0): the old
  // ReplicaSet keeps its 3 pods until a new one is ready.
  await expect(old).toContainText('old: 3')
  await expect(newRs).toContainText(/new: 0\/1 ready/)
  await expect(ownerBox(page, 'Deployment', 'nginx-deployment')).toContainText('rolling')
  await page.screenshot({ path: 'test-results/rollout-midway.png' })

  await setSpeed(page, '10')
  await expect(newRs).toContainText('new: 3/3 ready', { timeout: 30_000 })
  await expect(old).toContainText('old: 0')
  await expect(podChips(page, `${newName}-`, 'Running')).toHaveCount(3)
  await expect(podChips(page, `${oldName}-`)).toHaveCount(0, { timeout: 30_000 })
  await expect(ownerBox(page, 'Deployment', 'nginx-deployment')).toContainText('3/3 ready')
  await page.screenshot({ path: 'test-results/rollout.png' })

  const out = await runInConsole(page, 'kubectl rollout status deployment/nginx-deployment')
  await expect(out).toContainText('deployment "nginx-deployment" successfully rolled out')
})
