/**
 * The cluster the mutation golden tests share: the default nodes, the docs' nginx Deployment
 * (copied here) as `nginx.yaml`, and in-page files the tests may add to.
 */
import { createCluster } from '../../cluster'
import { runKubectl } from '../kubectl'
import type { KubectlOptions, KubectlResult, PortForward } from '../host'

export const NGINX_YAML = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx-deployment
  labels:
    app: nginx
spec:
  replicas: 3
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: nginx:1.14.2
        ports:
        - containerPort: 80
`

export function boot(options: { apply?: boolean } = {}) {
  const cluster = createCluster({ seed: 1 })
  cluster.clock.advance(5_000)
  const files: Record<string, string> = { 'nginx.yaml': NGINX_YAML }
  const forwards: PortForward[] = []
  const opts: KubectlOptions = {
    readFile: (p) => {
      if (!(p in files)) throw new Error(`no file ${p}`)
      return files[p]
    },
    portForwards: { add: (f) => forwards.push(f) },
  }
  const run = (line: string, more: KubectlOptions = {}): KubectlResult => runKubectl(cluster, line, { ...opts, ...more })
  if (options.apply !== false) {
    run('kubectl apply -f nginx.yaml')
    cluster.clock.advance(30_000)
  }
  return { cluster, run, files, forwards, opts }
}
