import { test, expect, openApp, pasteIntoEditor, applyEditor, editorText, podChips, NGINX_DEPLOYMENT } from './fixtures'

test('bad YAML and an invalid object are refused with a clear message; text and cluster stay as they were', async ({ page }) => {
  await openApp(page)

  // A duplicate key (auto-closing brackets would "fix" an unclosed one, see TOOLCHAIN.md pitfall 11).
  const dup = NGINX_DEPLOYMENT.replace('  replicas: 3\n', '  replicas: 3\n  replicas: 4\n')
  await pasteIntoEditor(page, dup)
  // The learner sees the problem flagged in the editor before pressing Apply.
  await expect(page.getByText('1 YAML problem')).toBeVisible()
  await applyEditor(page)
  const alert = page.getByRole('alert').filter({ hasText: 'Not applied' })
  await expect(alert).toBeVisible()
  await expect(alert).toContainText('line 9: duplicated mapping key')
  await expect(alert).toContainText('Line 9: Map keys must be unique') // the editor's own finding
  expect(await editorText(page)).toBe(dup)
  await expect(page.getByRole('group', { name: /^Deployment / })).toHaveCount(0)

  const invalid = NGINX_DEPLOYMENT.replace('replicas: 3', 'replicas: -1')
  await pasteIntoEditor(page, invalid)
  await applyEditor(page)
  await expect(page.getByRole('alert').filter({ hasText: 'spec.replicas: Invalid value: -1: must be greater than or equal to 0' })).toBeVisible()
  expect(await editorText(page)).toBe(invalid)
  await expect(page.getByRole('group', { name: /^Deployment / })).toHaveCount(0)
  await expect(podChips(page, '')).toHaveCount(0)
})
