import type { Page } from '@playwright/test'
import { test, expect, openApp, setSpeed } from './fixtures'

/** The terminal's whole buffer (wrapped rows joined), through the page's test hook. */
function terminalText(page: Page): Promise<string> {
  return page.evaluate(() => (window as unknown as { terrariumTerminal?: { text(): string } }).terrariumTerminal?.text() ?? '')
}

const lastLine = async (page: Page) => (await terminalText(page)).split('\n').at(-1)!.trimEnd()

async function openTerminal(page: Page): Promise<void> {
  await page.getByRole('tab', { name: 'Terminal' }).click()
  const box = page.getByLabel('kubectl terminal')
  await expect(box.locator('.xterm')).toBeVisible()
  await box.click()
  await expect.poll(() => lastLine(page)).toBe('$')
}

/** Types lines as a person does, Enter after each. */
async function typeLines(page: Page, ...lines: string[]): Promise<void> {
  for (const line of lines) {
    await page.keyboard.type(line)
    await page.keyboard.press('Enter')
  }
}

test('a heredoc applies a manifest; cat > FILE writes one that kubectl apply -f reads; examples are listed', async ({ page }) => {
  await openApp(page)
  await openTerminal(page)
  await typeLines(page, 'kubectl apply -f - <<EOF')
  await expect.poll(() => lastLine(page)).toBe('>')
  await typeLines(page, 'apiVersion: v1', 'kind: Namespace', 'metadata:', '  name: team-a', 'EOF')
  await expect.poll(() => terminalText(page)).toContain('> EOF\nnamespace/team-a created')

  await typeLines(page, "cat > cm.yaml <<'EOF'", 'apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: settings', 'data:', '  mode: fast', 'EOF')
  await typeLines(page, 'ls')
  await expect.poll(() => terminalText(page)).toMatch(/\$ ls\ncm\.yaml\s+examples\n/)
  await typeLines(page, 'kubectl apply -f cm.yaml')
  await expect.poll(() => terminalText(page)).toContain('configmap/settings created')
  await typeLines(page, 'ls examples/controllers')
  await expect.poll(() => terminalText(page)).toContain('nginx-deployment.yaml')
  await typeLines(page, 'kubectl apply -f examples/pods/simple-pod.yaml')
  await expect.poll(() => terminalText(page)).toContain('pod/nginx created')

  // The files survive a reload.
  await page.reload()
  await page.getByRole('tab', { name: 'Terminal' }).click()
  await page.getByLabel('kubectl terminal').click()
  await expect.poll(() => lastLine(page)).toBe('$')
  await typeLines(page, 'cat cm.yaml')
  await expect.poll(() => terminalText(page)).toContain('  mode: fast')
})

test('kubectl exec -it enters the container\'s shell; kubectl logs -f follows until Ctrl+C', async ({ page }) => {
  await openApp(page)
  await setSpeed(page, '10')
  await openTerminal(page)
  await typeLines(page, 'kubectl run web --image=nginx', `kubectl run ticker --image=busybox -- sh -c 'i=0; while true; do echo tick $i; i=$((i+1)); sleep 1; done'`)
  await expect.poll(async () => {
    await typeLines(page, 'kubectl get pods')
    return (await terminalText(page)).match(/(web|ticker)\s+1\/1\s+Running/g)?.length ?? 0
  }, { timeout: 30_000 }).toBeGreaterThanOrEqual(2)

  await typeLines(page, 'kubectl exec -it web -- sh')
  await expect.poll(() => lastLine(page)).toBe('root@web:/#')
  await typeLines(page, 'hostname')
  await expect.poll(() => terminalText(page)).toMatch(/root@web:\/# hostname\nweb\nroot@web:\/# ?$/)
  await typeLines(page, 'exit')
  await expect.poll(() => lastLine(page)).toBe('$')

  await typeLines(page, 'kubectl logs -f ticker --tail=1')
  const ticks = async () => (await terminalText(page)).split('\n$ kubectl logs -f ticker --tail=1\n')[1]?.match(/^tick \d+$/gm)?.length ?? 0
  await expect.poll(ticks, { timeout: 20_000 }).toBeGreaterThan(3)
  await page.keyboard.press('Control+C')
  await expect.poll(() => terminalText(page)).toMatch(/\^C\n\$ ?$/)
})

test('kubectl rollout status streams the rollout as it happens and returns to the prompt when it is done', async ({ page }) => {
  await openApp(page)
  await setSpeed(page, '10')
  await openTerminal(page)
  await typeLines(page, 'kubectl create deployment web --image=nginx:1.14.2 --replicas=3')
  await expect.poll(async () => {
    await typeLines(page, 'kubectl get deploy web')
    return /web\s+3\/3/.test(await terminalText(page))
  }, { timeout: 30_000 }).toBe(true)
  await typeLines(page, 'kubectl set image deployment/web nginx=nginx:1.16.1', 'kubectl rollout status deployment/web')
  const after = async () => (await terminalText(page)).split('\n$ kubectl rollout status deployment/web\n')[1] ?? ''
  // kubectl's progress lines arrive while the cluster's clock runs, then the verdict and a new prompt.
  await expect.poll(after, { timeout: 30_000 }).toMatch(/Waiting for deployment "web" rollout to finish: /)
  await expect.poll(after, { timeout: 30_000 }).toMatch(/deployment "web" successfully rolled out\n\$ ?$/)
})
