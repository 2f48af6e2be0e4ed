/**
 * Shared test setup: every spec runs with a guard that fails the test on a console error, an
 * uncaught page error, or any request to a host other than 127.0.0.1.
 */
import { test as base, expect, type Page, type Locator } from '@playwright/test'

/** The Deployment from the Kubernetes docs (controllers/nginx-deployment.yaml), kept here verbatim. */
export const NGINX_DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx-deployment
  labels:
    app.kubernetes.io/name: nginx
spec:
  replicas: 3
  selector:
    matchLabels:
      app.kubernetes.io/name: nginx
  template:
    metadata:
      labels:
        app.kubernetes.io/name: nginx
    spec:
      containers:
      - name: nginx
        image: nginx:1.14.2
        ports:
        - containerPort: 80
`

export interface Guard {
  consoleErrors: string[]
  consoleWarnings: string[]
  foreignRequests: string[]
}

export const test = base.extend<{ guard: Guard }>({
  guard: [
    async ({ page, context }, use) => {
      const guard: Guard = { consoleErrors: [], consoleWarnings: [], foreignRequests: [] }
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: 'http://127.0.0.1:4173' })
      page.on('console', (m) => {
        if (m.type() === 'error') guard.consoleErrors.push(m.text())
        if (m.type() === 'warning') guard.consoleWarnings.push(m.text())
      })
      page.on('pageerror', (e) => guard.consoleErrors.push(`pageerror: ${e.message}`))
      context.on('request', (r) => {
        const url = new URL(r.url())
        if (!['data:', 'blob:'].includes(url.protocol) && url.hostname !== '127.0.0.1') guard.foreignRequests.push(r.url())
      })
      await use(guard)
      expect(guard.foreignRequests, 'requests to hosts other than 127.0.0.1').toEqual([])
      expect(guard.consoleErrors, 'console errors').toEqual([])
    },
    { auto: true },
  ],
})
export { expect }

/** Opens the app and waits until the cluster's nodes are drawn. */
export async function openApp(page: Page): Promise<void> {
  await page.goto('/')
  await expect(nodeRegion(page, 'node-3')).toBeVisible()
}

export const nodeRegion = (page: Page, name: string): Locator => page.getByRole('group', { name: `Node ${name}`, exact: true })

/** Pod chips whose accessible name is `Pod <name>: <status>`. */
export const podChips = (scope: Page | Locator, prefix = 'nginx-deployment-', status?: string): Locator =>
  scope.getByRole('button', { name: new RegExp(`^Pod ${prefix}\\S*: ${status ?? '\\S+'}$`) })

export async function setSpeed(page: Page, speed: '0.5' | '1' | '2' | '5' | '10' | '100'): Promise<void> {
  await page.getByLabel('Speed').selectOption(speed)
  await expect(page.getByLabel('Cluster time')).toContainText(`${speed}×`)
}

export const editorBox = (page: Page): Locator => page.getByRole('textbox', { name: /YAML manifest editor/ })

/** Replaces the editor's text the way a person pastes: select all, then paste from the clipboard. */
export async function pasteIntoEditor(page: Page, text: string): Promise<void> {
  await page.getByRole('tab', { name: 'YAML' }).click()
  const box = editorBox(page)
  await expect(box).toBeAttached()
  await box.focus()
  await page.evaluate((t) => navigator.clipboard.writeText(t), text)
  await page.keyboard.press('ControlOrMeta+A')
  await page.keyboard.press('ControlOrMeta+V')
  await expect.poll(() => editorText(page)).toBe(text)
}

/** Reads Monaco's model (the DOM shows spaces as nbsp split over spans). */
export function editorText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const m = (window as unknown as { monaco?: { editor: { getModels(): { getValue(): string }[] } } }).monaco
    return m?.editor.getModels()[0]?.getValue() ?? ''
  })
}

export async function applyEditor(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Apply', exact: true }).click()
}

/** Runs one line in the console tab and returns the output block it produced. */
export async function runInConsole(page: Page, line: string): Promise<Locator> {
  await page.getByRole('tab', { name: 'Console' }).click()
  const input = page.getByLabel('kubectl command')
  await expect(input).toBeEnabled()
  await input.fill(line)
  await input.press('Enter')
  const entry = page.getByRole('log', { name: 'Console output' }).locator('.console-entry').last()
  await expect(entry).toContainText(line)
  await expect(input).toBeEnabled()
  return entry
}

export async function deployNginx(page: Page): Promise<void> {
  await pasteIntoEditor(page, NGINX_DEPLOYMENT)
  await applyEditor(page)
  await expect(page.getByRole('status').filter({ hasText: 'deployment.apps/nginx-deployment created' })).toBeVisible()
}

/** Picks a docs manifest from the editor's "Examples…" menu and waits until the editor shows it. */
export async function loadExample(page: Page, label: string, contains: string): Promise<void> {
  await page.getByRole('tab', { name: 'YAML' }).click()
  await expect(editorBox(page)).toBeAttached()
  await page.getByLabel('Load an example').selectOption({ label })
  await expect.poll(() => editorText(page)).toContain(contains)
}

/** A React Flow box (Deployment, ReplicaSet, StatefulSet, Job, …) by its kind and name. */
export const ownerBox = (page: Page, kind: string, name: string | RegExp): Locator =>
  page.getByRole('group', { name: typeof name === 'string' ? `${kind} ${name}` : new RegExp(`^${kind} ${name.source}$`), exact: true })
