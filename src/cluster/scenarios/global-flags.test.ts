// kube: global flags may come before the command (`kubectl -n NS rollout status ...`); cobra skips a
// flag's value when it looks for the subcommand.
import { describe, expect, it } from 'vitest'
import { run } from './run'

describe('global flags before a command with subcommands', () => {
  const r = run(`kubectl create namespace web
kubectl -n web create deployment app --image=nginx:1.14.2
sleep 30`)

  it.each([
    ['kubectl -n web rollout status deployment/app', 'deployment "app" successfully rolled out\n'],
    ['kubectl -n web set image deployment/app nginx=nginx:1.16.1', 'deployment.apps/app image updated\n'],
    ['kubectl -n web create service clusterip app --tcp=80:80', 'service/app created\n'],
    ['kubectl -n web auth can-i get pods', 'yes\n'],
  ])('%s', (line, stdout) => {
    const out = r.more(line)
    expect(out.stderr).toBe('')
    expect(out.stdout).toBe(stdout)
  })
})
