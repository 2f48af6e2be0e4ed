import { test, expect, openApp, applyEditor, editorText, pasteIntoEditor, podChips } from './fixtures'

const GREEDY_POD = `apiVersion: v1
kind: Pod
metadata:
  name: greedy
spec:
  containers:
  - name: app
    image: nginx
    resources:
      requests:
        cpu: 100
`

test('an empty cluster says what to do first; a pod that fits nowhere says why in the inspector', async ({ page }) => {
  await openApp(page)
  const hint = page.getByRole('region', { name: 'Getting started' }).or(page.getByLabel('Getting started'))
  await expect(hint).toBeVisible()
  await expect(hint).toContainText('press Apply')

  // One click puts the docs' nginx Deployment in the editor; Apply runs it and the hint goes away.
  await hint.getByRole('button', { name: /nginx Deployment/ }).click()
  await expect(page.getByRole('tab', { name: 'YAML' })).toHaveAttribute('aria-selected', 'true')
  await expect.poll(() => editorText(page)).toContain('name: nginx-deployment')
  await applyEditor(page)
  await expect(page.getByRole('status').filter({ hasText: 'deployment.apps/nginx-deployment created' })).toBeVisible()
  await expect(hint).toHaveCount(0)

  // kube: a pod requesting more CPU than any node has stays Pending with a FailedScheduling event.
  await pasteIntoEditor(page, GREEDY_POD)
  await applyEditor(page)
  await expect(page.getByRole('status').filter({ hasText: 'pod/greedy created' })).toBeVisible()
  const chip = podChips(page.getByRole('list', { name: 'Unscheduled pods' }), 'greedy', 'Pending')
  await expect(chip).toBeVisible()
  await chip.click()
  const inspector = page.getByRole('tabpanel', { name: 'Inspector' })
  await expect(inspector.getByText('Why not')).toBeVisible()
  await expect(inspector).toContainText('Insufficient cpu')
})
