/** kubectl create configmap|secret --from-file / --from-env-file, reading the host's in-page files. */
import type { ConfigMap, Secret } from 'kubernetes-types/core/v1'
import { describe, expect, it } from 'vitest'
import { boot } from './mutation-fixture'

describe('kubectl create configmap/secret from files', () => {
  it('keys a file by its base name, or by the key given before =', () => {
    const { run, cluster, files } = boot({ apply: false })
    files['configure-pod-container/configmap/game.properties'] = 'enemies=aliens\nlives=3\n'
    expect(run('kubectl create configmap game-config --from-file=configure-pod-container/configmap/game.properties').stdout).toBe('configmap/game-config created\n')
    expect(cluster.api.get<ConfigMap>('ConfigMap', 'default', 'game-config').data).toEqual({ 'game.properties': 'enemies=aliens\nlives=3\n' })
    run('kubectl create configmap game-2 --from-file=game=configure-pod-container/configmap/game.properties --from-literal=extra=1')
    expect(cluster.api.get<ConfigMap>('ConfigMap', 'default', 'game-2').data).toEqual({ game: 'enemies=aliens\nlives=3\n', extra: '1' })
  })

  it('reads KEY=VALUE lines from an env file, skipping comments and blank lines', () => {
    const { run, cluster, files } = boot({ apply: false })
    files['game-env-file.properties'] = 'enemies=aliens\n# a comment\n\nlives=3\nallowed="true"\n'
    run('kubectl create configmap game-env --from-env-file=game-env-file.properties')
    expect(cluster.api.get<ConfigMap>('ConfigMap', 'default', 'game-env').data).toEqual({ enemies: 'aliens', lives: '3', allowed: '"true"' })
    files['user.txt'] = 'admin'
    run('kubectl create secret generic creds --from-file=username=user.txt')
    expect(cluster.api.get<Secret>('Secret', 'default', 'creds').data).toEqual({ username: 'YWRtaW4=' })
  })

  it('names a missing file as kubectl does', () => {
    const { run } = boot({ apply: false })
    expect(run('kubectl create configmap x --from-file=nope.txt').stderr).toBe('error: error reading nope.txt: no such file or directory\n')
    expect(run('kubectl create configmap x --from-env-file=nope.env').stderr).toBe('error: error reading nope.env: no such file or directory\n')
  })
})
