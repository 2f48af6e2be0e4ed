import type { Page } from '@playwright/test'
import { test, expect, openApp, deployNginx, podChips, setSpeed, runInConsole, editorText, pasteIntoEditor, applyEditor } from './fixtures'

const lastLine = async (page: Page) => (await terminalText(page)).split('\n').at(-1)!.trimEnd()

/** Opens the Terminal tab and puts the keyboard in it, as a person clicks into a terminal. */
async function openTerminal(page: Page, { atPrompt = true } = {}): Promise<void> {
  await page.getByRole('tab', { name: 'Terminal' }).click()
  const box = page.getByLabel('kubectl terminal')
  await expect(box.locator('.xterm')).toBeVisible()
  await box.click()
  if (atPrompt) await expect.poll(() => lastLine(page)).toBe('$')
}

/** The terminal's whole buffer (wrapped rows joined), through the page's test hook. */
function terminalText(page: Page): Promise<string> {
  return page.evaluate(() => (window as unknown as { terrariumTerminal?: { text(): string } }).terrariumTerminal?.text() ?? '')
}


test('the terminal completes with Tab, recalls history with Up and Ctrl+R', async ({ page }) => {
  await openApp(page)
  await deployNginx(page)
  await setSpeed(page, '10')
  await expect(podChips(page, undefined, 'Running')).toHaveCount(3, { timeout: 30_000 })
  await openTerminal(page)

  await page.keyboard.type('kubectl get po')
  await page.keyboard.press('Tab')
  await expect.poll(() => lastLine(page)).toBe('$ kubectl get pods')
  // Three pods of one ReplicaSet: the first Tab inserts their common prefix, the second lists them.
  await page.keyboard.type('ngi')
  await page.keyboard.press('Tab')
  await expect.poll(() => lastLine(page)).toMatch(/^\$ kubectl get pods nginx-deployment-[a-z0-9]+-$/)
  await page.keyboard.press('Tab')
  await expect.poll(async () => (await terminalText(page)).match(/nginx-deployment-[a-z0-9]+-[a-z0-9]{5}/g)?.length ?? 0).toBe(3)
  await page.keyboard.press('Control+U')
  await expect.poll(() => lastLine(page)).toBe('$')

  await page.keyboard.type('kubectl get pods')
  await page.keyboard.press('Enter')
  await expect.poll(() => terminalText(page)).toMatch(/NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\nnginx-deployment-/)
  await page.keyboard.type('k get nodes')
  await page.keyboard.press('Enter')
  await expect.poll(() => terminalText(page)).toMatch(/NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION\ncontrol-plane\s+Ready/)
  await page.keyboard.type('kubectl get pod does-not-exist')
  await page.keyboard.press('Enter')
  await expect.poll(() => terminalText(page)).toContain('Error from server (NotFound): pods "does-not-exist" not found')

  await page.keyboard.press('ArrowUp')
  await expect.poll(() => lastLine(page)).toBe('$ kubectl get pod does-not-exist')
  await page.keyboard.press('ArrowUp')
  await expect.poll(() => lastLine(page)).toBe('$ k get nodes')
  await page.keyboard.press('Control+U')
  await page.keyboard.press('Control+R')
  await page.keyboard.type('pods')
  await expect.poll(() => lastLine(page)).toBe("(reverse-i-search)`pods': kubectl get pods")
  await page.keyboard.press('Enter')
  await expect.poll(async () => (await terminalText(page)).match(/NAME\s+READY\s+STATUS/g)?.length ?? 0).toBe(2)
  await expect.poll(() => lastLine(page)).toBe('$')
  await page.getByRole('complementary').screenshot({ path: 'test-results/terminal.png' })
})

test('kubectl get pods -w streams new lines as the deployment scales and stops on Ctrl+C', async ({ page }) => {
  await openApp(page)
  await deployNginx(page)
  await setSpeed(page, '10')
  await expect(podChips(page, undefined, 'Running')).toHaveCount(3, { timeout: 30_000 })
  await openTerminal(page)
  await page.keyboard.type('kubectl get pods -w')
  await page.keyboard.press('Enter')
  await expect.poll(() => terminalText(page)).toMatch(/NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\n(nginx-deployment-\S+\s+1\/1\s+Running.*\n?){3}$/)
  const before = (await terminalText(page)).split('\n').length

  await runInConsole(page, 'kubectl scale deployment nginx-deployment --replicas=5')
  await openTerminal(page, { atPrompt: false })
  // New pods appear as kubectl prints them: Pending, ContainerCreating, then Running.
  await expect.poll(async () => (await terminalText(page)).split('\n').length, { timeout: 30_000 }).toBeGreaterThan(before + 4)
  await expect.poll(() => terminalText(page)).toMatch(/nginx-deployment-\S+\s+0\/1\s+(Pending|ContainerCreating)/)
  await page.getByRole('complementary').screenshot({ path: 'test-results/terminal-watch.png' })

  await page.keyboard.press('Control+C')
  await expect.poll(() => terminalText(page)).toMatch(/\^C\n\$ ?$/)
  await page.keyboard.type('kubectl get deploy')
  await page.keyboard.press('Enter')
  await expect.poll(() => terminalText(page)).toMatch(/nginx-deployment\s+5\/5\s+5\s+5/)
})

test('kubectl edit opens the object in the YAML editor; Apply saves it and the deployment scales', async ({ page }) => {
  await openApp(page)
  await deployNginx(page)
  await setSpeed(page, '10')
  await expect(podChips(page, undefined, 'Running')).toHaveCount(3, { timeout: 30_000 })
  await openTerminal(page)

  await page.keyboard.type('kubectl edit deployment nginx-deployment')
  await page.keyboard.press('Enter')
  await expect(page.getByRole('note', { name: 'kubectl edit' })).toContainText('Editing deployment/nginx-deployment — Apply saves it, as kubectl edit does')
  await expect.poll(() => editorText(page)).toContain("# Please edit the object below. Lines beginning with a '#' will be ignored,")
  const yaml = await editorText(page)
  // Unchanged: kubectl says so and writes nothing.
  await applyEditor(page)
  await expect(page.getByRole('tab', { name: 'Terminal' })).toHaveAttribute('aria-selected', 'true')
  await expect.poll(() => terminalText(page)).toContain('Edit cancelled, no changes made.')

  await page.getByLabel('kubectl terminal').click()
  await page.keyboard.press('ArrowUp')
  await page.keyboard.press('Enter')
  await expect(page.getByRole('note', { name: 'kubectl edit' })).toBeVisible()
  const edited = yaml.replace(/^(spec:\n(?:.*\n)*?  replicas: )3$/m, '$15')
  expect(edited).not.toBe(yaml)
  await pasteIntoEditor(page, edited)
  await applyEditor(page)
  await expect(page.getByRole('tab', { name: 'Terminal' })).toHaveAttribute('aria-selected', 'true')
  await expect.poll(() => terminalText(page)).toContain('deployment.apps/nginx-deployment edited')
  await expect(page.getByRole('note', { name: 'kubectl edit' })).toHaveCount(0)
  await expect(podChips(page)).toHaveCount(5, { timeout: 30_000 })
})
