import { test, expect, openApp, deployNginx, runInConsole } from './fixtures'

test('the console runs kubectl get pods, get nodes, and shows a NotFound error', async ({ page }) => {
  await openApp(page)
  await deployNginx(page)

  const pods = await runInConsole(page, 'kubectl get pods')
  await expect(pods.locator('.console-stdout')).toHaveText(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\n/)
  await expect(pods).toContainText('nginx-deployment-')

  const nodes = await runInConsole(page, 'k get nodes')
  await expect(nodes.locator('.console-stdout')).toHaveText(/^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION\n/)
  for (const n of ['control-plane', 'node-1', 'node-2', 'node-3']) await expect(nodes).toContainText(n)

  const missing = await runInConsole(page, 'kubectl get pod does-not-exist')
  await expect(missing.locator('.console-stderr')).toHaveText('Error from server (NotFound): pods "does-not-exist" not found')

  // History: the up arrow brings back the previous line.
  const input = page.getByLabel('kubectl command')
  await input.press('ArrowUp')
  await expect(input).toHaveValue('kubectl get pod does-not-exist')
  await input.press('ArrowUp')
  await expect(input).toHaveValue('k get nodes')
  await input.press('ArrowDown')
  await expect(input).toHaveValue('kubectl get pod does-not-exist')
})

test('kubectl apply -f with a docs URL reads the bundled example; a missing one is a 404', async ({ page }) => {
  await openApp(page)
  const applied = await runInConsole(page, 'kubectl apply -f https://k8s.io/examples/service/networking/run-my-nginx.yaml')
  await expect(applied.locator('.console-stdout')).toHaveText('deployment.apps/my-nginx created')
  const missing = await runInConsole(page, 'kubectl apply -f https://k8s.io/examples/no/such.yaml')
  await expect(missing.locator('.console-stderr')).toHaveText('error: unable to read URL "https://k8s.io/examples/no/such.yaml", server reported 404 Not Found, status code=404')
})
