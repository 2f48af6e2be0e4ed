// ConfigMaps and Secrets through the runner (Kubernetes v1.35): the API server's validation and
// stringData conversion, the root-ca-cert-publisher, kubectl's generators, tables and describers,
// and how the kubelet hands the data to containers — env once at container start, volumes
// refreshed at the kubelet's pod sync, subPath mounts never.
import { describe, expect, it } from 'vitest'
import type { ConfigMap, Event, Pod, Secret } from 'kubernetes-types/core/v1'
import { rows, run } from './run'

const apply = (yaml: string) => `kubectl apply -f - <<EOF\n${yaml.trim()}\nEOF`
const events = (r: ReturnType<typeof run>, name: string, reason: string) => r.cluster.api.list<Event>('Event', { namespace: 'default' })
  .filter((e) => e.involvedObject.name === name && e.reason === reason).map((e) => e.message)

describe('the root-ca-cert-publisher', () => {
  it('puts kube-root-ca.crt in every namespace, a new one included, and puts it back when deleted (kube: rootcacertpublisher syncNamespace)', () => {
    const r = run('kubectl get cm -A\nkubectl create namespace team\nkubectl delete cm kube-root-ca.crt -n team')
    expect(rows(r.stdout.split('namespace/team')[0]).map((c) => c.slice(0, 3))).toEqual([
      ['default', 'kube-root-ca.crt', '1'], ['kube-node-lease', 'kube-root-ca.crt', '1'],
      ['kube-public', 'kube-root-ca.crt', '1'], ['kube-system', 'kube-root-ca.crt', '1'],
    ])
    const cm = r.cluster.api.get<ConfigMap>('ConfigMap', 'team', 'kube-root-ca.crt')
    expect(cm.data!['ca.crt']).toMatch(/^-----BEGIN CERTIFICATE-----\n/)
    expect(cm.metadata!.annotations!['kubernetes.io/description']).toMatch(/^Contains a CA bundle that can be used to verify the kube-apiserver/)
    expect(r.cluster.api.writes().filter((w) => w.kind === 'ConfigMap' && w.namespace === 'team').map((w) => [w.actor, w.verb]))
      .toEqual([['root-ca-cert-publisher', 'create'], ['kubectl', 'delete'], ['root-ca-cert-publisher', 'create']])
  })
})

describe('kubectl create configmap / secret generic, get and describe', () => {
  it('creates from literals and prints kubectl\'s tables (kube: printConfigMap NAME DATA AGE, printSecret NAME TYPE DATA AGE)', () => {
    const r = run([
      'kubectl create configmap game --from-literal=lives=3 --from-literal=colors=red,blue',
      "kubectl create secret generic creds --from-literal=username=admin --from-literal=password='s3cr=t!'",
      'kubectl get cm', 'kubectl get secrets',
    ].join('\n'))
    expect(r.stderr).toBe('')
    expect(r.stdout).toBe([
      'configmap/game created', 'secret/creds created',
      'NAME               DATA   AGE', 'game               2      0s', 'kube-root-ca.crt   1      0s',
      'NAME    TYPE     DATA   AGE', 'creds   Opaque   2      0s', '',
    ].join('\n'))
    // A literal keeps everything after the first `=`; a comma belongs to the value (a string array flag).
    expect(r.cluster.api.get<ConfigMap>('ConfigMap', 'default', 'game').data).toEqual({ lives: '3', colors: 'red,blue' })
    expect(r.cluster.api.get<Secret>('Secret', 'default', 'creds').data).toEqual({ username: 'YWRtaW4=', password: 'czNjcj10IQ==' })
  })

  it('prints the object with --dry-run=client -o yaml and creates nothing', () => {
    const r = run('kubectl create secret generic y --from-literal=k=v --dry-run=client -o yaml\nkubectl create configmap x --from-literal=k=v --dry-run=client')
    expect(r.stdout).toBe('apiVersion: v1\ndata:\n  k: dg==\nkind: Secret\nmetadata:\n  name: "y"\nconfigmap/x created (dry run)\n')
    expect(r.cluster.api.find('ConfigMap', 'default', 'x')).toBeUndefined()
  })

  it('refuses a literal whose key is not a config key, as kubectl does before sending anything', () => {
    const r = run("kubectl create configmap cm1 --from-literal='bad key=1'\nkubectl create configmap cm2 --from-literal=novalue")
    expect(r.stderr).toBe(`error: "bad key" is not a valid key name for a ConfigMap: a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key_name', regex used for validation is '[-._a-zA-Z0-9]+')\n`
      + 'error: invalid literal source novalue, expected key=value\n')
  })

  it('describes a ConfigMap with its values and a Secret with only the size of each (kube: ConfigMapDescriber, SecretDescriber)', () => {
    const r = run([
      'kubectl create configmap game --from-literal=lives=3',
      "kubectl create secret generic creds --from-literal=username=admin --from-literal=password='39528$vdg7Jb'",
      'kubectl describe cm game', 'kubectl describe secret creds',
    ].join('\n'))
    expect(r.stdout.split('secret/creds created\n')[1]).toBe([
      'Name:         game', 'Namespace:    default', 'Labels:       <none>', 'Annotations:  <none>', '',
      'Data', '====', 'lives:', '----', '3', '', '', 'BinaryData', '====', '', 'Events:  <none>',
      'Name:         creds', 'Namespace:    default', 'Labels:       <none>', 'Annotations:  <none>', '',
      'Type:  Opaque', '', 'Data', '====', 'password:  12 bytes', 'username:  5 bytes', '',
    ].join('\n'))
  })
})

describe('the API server', () => {
  it('merges stringData into base64 data and never stores it (kube: v1 Secret conversion); type defaults to Opaque', () => {
    const r = run('kubectl apply -f secret/basicauth-secret.yaml\nkubectl get secret secret-basic-auth')
    expect(rows(r.stdout.split('\n').slice(1).join('\n'))[0].slice(0, 3)).toEqual(['secret-basic-auth', 'kubernetes.io/basic-auth', '2'])
    const s = r.cluster.api.get<Secret & { stringData?: unknown }>('Secret', 'default', 'secret-basic-auth')
    expect(s.data).toEqual({ username: 'YWRtaW4=', password: 'dDBwLVNlY3JldA==' })
    expect(s.stringData).toBeUndefined()
    r.more(apply('apiVersion: v1\nkind: Secret\nmetadata:\n  name: plain\nstringData:\n  a: b'))
    expect(r.cluster.api.get<Secret>('Secret', 'default', 'plain').type).toBe('Opaque')
  })

  it('rejects a basic-auth Secret with neither username nor password (kube: ValidateSecret)', () => {
    const r = run(apply('apiVersion: v1\nkind: Secret\nmetadata:\n  name: ba\ntype: kubernetes.io/basic-auth\ndata:\n  user: YWRtaW4='))
    expect(r.stderr).toBe('The Secret "ba" is invalid: \n* data[username]: Required value\n* data[password]: Required value\n')
  })

  it('rejects a tls Secret without tls.crt and tls.key, and data that is not base64 with the decoder\'s error', () => {
    const r = run([
      apply('apiVersion: v1\nkind: Secret\nmetadata:\n  name: t\ntype: kubernetes.io/tls\ndata:\n  tls.crt: YQ=='),
      apply('apiVersion: v1\nkind: Secret\nmetadata:\n  name: bad\ndata:\n  user: YWRtaW4'),
    ].join('\n'))
    expect(r.stderr).toBe('The Secret "t" is invalid: data[tls.key]: Required value\n'
      + 'Error from server (BadRequest): error when creating "STDIN": Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 4\n')
  })

  it('rejects a key that is not a config key (kube: IsConfigMapKey)', () => {
    const r = run(apply('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: badkey\ndata:\n  "bad key": x'))
    expect(r.stderr).toBe(`The ConfigMap "badkey" is invalid: data[bad key]: Invalid value: "bad key": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key_name', regex used for validation is '[-._a-zA-Z0-9]+')\n`)
  })

  it('refuses to change the data of an immutable ConfigMap (kube: ValidateConfigMapUpdate)', () => {
    const cm = (v: string) => apply(`apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: frozen\nimmutable: true\ndata:\n  a: "${v}"`)
    const r = run(`${cm('1')}\n${cm('2')}`)
    expect(r.stderr).toBe('The ConfigMap "frozen" is invalid: data: Forbidden: field is immutable when `immutable` is set\n')
    expect(r.cluster.api.get<ConfigMap>('ConfigMap', 'default', 'frozen').data).toEqual({ a: '1' })
  })
})

const WATCHER = `apiVersion: v1
kind: Pod
metadata:
  name: watcher
spec:
  containers:
  - name: c
    image: busybox
    command: ["sh", "-c", "while true; do echo \\"env=$K file=$(cat /cfg/k) sub=$(cat /sub/k)\\"; sleep 10; done"]
    env:
    - name: K
      valueFrom:
        configMapKeyRef: {name: live, key: k}
    volumeMounts:
    - {name: cfg, mountPath: /cfg}
    - {name: cfg, mountPath: /sub/k, subPath: k}
  volumes:
  - name: cfg
    configMap: {name: live}`

describe('the kubelet hands ConfigMaps to containers', () => {
  it('reads env once at container start, refreshes a mounted volume within the 1 min sync period, and never a subPath mount (kube docs: "Mounted ConfigMaps are updated automatically")', () => {
    const r = run(`kubectl create configmap live --from-literal=k=one\n${apply(WATCHER)}\nsleep 15`)
    const updated = r.more(`${apply('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: live\ndata:\n  k: two')}\nsleep 70`)
    expect(updated.stdout + updated.stderr).toBe('configmap/live configured\n')
    const lines = r.more('kubectl logs watcher').stdout.trim().split('\n')
    // Edited at 15 s; the volume is rewritten at the pod's next sync, 60 s after it was mounted.
    expect(lines).toEqual([...Array(6).fill('env=one file=one sub=one'), ...Array(3).fill('env=one file=two sub=one')])
  })

  it('a missing ConfigMap stops the container with CreateContainerConfigError', () => {
    // configure-pod.yaml also mounts game-demo as a volume, which fails first (kube: MountVolume.SetUp
    // before the containers are configured), so this pod reads the ConfigMap through env only.
    const r = run([
      'kubectl apply -f - <<EOF',
      'apiVersion: v1', 'kind: Pod', 'metadata:', '  name: configmap-demo-pod', 'spec:', '  containers:', '  - name: demo', '    image: alpine',
      '    command: ["sleep", "3600"]', '    env:', '    - name: PLAYER_INITIAL_LIVES', '      valueFrom:', '        configMapKeyRef:',
      '          name: game-demo', '          key: player_initial_lives',
      'EOF', 'sleep 20', 'kubectl get pods',
    ].join('\n'))
    expect(rows(r.stdout.split('\n').slice(1).join('\n'))[0].slice(0, 3)).toEqual(['configmap-demo-pod', '0/1', 'CreateContainerConfigError'])
    expect(events(r, 'configmap-demo-pod', 'Failed')[0]).toBe('Error: configmap "game-demo" not found')
  })

  it('a missing ConfigMap volume keeps the pod ContainerCreating with FailedMount (kube: the volume manager)', () => {
    const r = run('kubectl apply -f configmap/configure-pod.yaml\nsleep 20\nkubectl get pods')
    expect(rows(r.stdout.split('\n').slice(1).join('\n'))[0].slice(0, 3)).toEqual(['configmap-demo-pod', '0/1', 'ContainerCreating'])
    expect(events(r, 'configmap-demo-pod', 'FailedMount')[0]).toBe('MountVolume.SetUp failed for volume "config" : configmap "game-demo" not found')
  })
})

describe('the legacy docs manifest', () => {
  it('_legacy/pods/inject/pod-single-secret-env-variable.yaml has no apiVersion, so kubectl cannot decode it (as on a real cluster)', () => {
    const r = run('kubectl apply -f _legacy/pods/inject/pod-single-secret-env-variable.yaml')
    expect(r.stderr).toMatch(/^error: unable to decode "_legacy\/pods\/inject\/pod-single-secret-env-variable.yaml": Object 'apiVersion' is missing in '\{"kind":"Pod"/)
    expect(r.cluster.api.list<Pod>('Pod', { namespace: 'default' })).toEqual([])
  })
})
