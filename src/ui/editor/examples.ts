/**
 * Manifests from the Kubernetes docs, served unchanged from public/examples, that the learner can
 * load into the editor with one click. Fetched only when asked for, so they cost nothing at startup.
 */
import { useUi } from '../state/uiStore'

export interface Example {
  label: string
  path: string
}

export const EXAMPLES: Example[] = [
  { label: 'nginx Deployment (3 replicas)', path: '/examples/controllers/nginx-deployment.yaml' },
  { label: 'Service for the nginx pods', path: '/examples/service/nginx-service.yaml' },
  { label: 'A single nginx Pod', path: '/examples/pods/simple-pod.yaml' },
  { label: 'ReplicaSet "frontend"', path: '/examples/controllers/frontend.yaml' },
  { label: 'StatefulSet "web" with its headless Service', path: '/examples/application/web/web.yaml' },
  { label: 'DaemonSet "fluentd-elasticsearch"', path: '/examples/controllers/daemonset.yaml' },
  { label: 'Job "pi" (runs to completion)', path: '/examples/controllers/job.yaml' },
  { label: 'CronJob "hello" (every minute)', path: '/examples/application/job/cronjob.yaml' },
  // Services and networking (kubernetes.io/docs/concepts/services-networking/)
  { label: 'Service "my-service" (selector app.kubernetes.io/name=MyApp)', path: '/examples/service/simple-service.yaml' },
  { label: 'LoadBalancer example Deployment (5 replicas)', path: '/examples/service/load-balancer-example.yaml' },
  { label: 'Deployment "backend" (3 replicas)', path: '/examples/service/access/backend-deployment.yaml' },
  { label: 'Service "hello" for the backend', path: '/examples/service/access/backend-service.yaml' },
  { label: 'Deployment "my-nginx" (2 replicas)', path: '/examples/service/networking/run-my-nginx.yaml' },
  { label: 'Service "my-nginx"', path: '/examples/service/networking/nginx-svc.yaml' },
  { label: 'Secure nginx app (Service + Deployment)', path: '/examples/service/networking/nginx-secure-app.yaml' },
  { label: 'Ingress "minimal-ingress"', path: '/examples/service/networking/minimal-ingress.yaml' },
  { label: 'Ingress "simple-fanout-example"', path: '/examples/service/networking/simple-fanout-example.yaml' },
  { label: 'NetworkPolicy "default-deny-ingress"', path: '/examples/service/networking/network-policy-default-deny-ingress.yaml' },
  { label: 'NetworkPolicy "test-network-policy"', path: '/examples/service/networking/networkpolicy.yaml' },
  // Autoscaling (kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale-walkthrough/)
  { label: 'php-apache Deployment and Service', path: '/examples/application/php-apache.yaml' },
  { label: 'HorizontalPodAutoscaler "php-apache" (50% CPU)', path: '/examples/application/hpa/php-apache.yaml' },
  // Storage (kubernetes.io/docs/tasks/configure-pod-container/configure-persistent-volume-storage/)
  { label: 'PersistentVolume "task-pv-volume" (hostPath)', path: '/examples/pods/storage/pv-volume.yaml' },
  { label: 'PersistentVolumeClaim "task-pv-claim"', path: '/examples/pods/storage/pv-claim.yaml' },
  { label: 'Pod "task-pv-pod" using the claim', path: '/examples/pods/storage/pv-pod.yaml' },
  { label: 'Pod "redis" with an emptyDir volume', path: '/examples/pods/storage/redis.yaml' },
]

/** Puts an example in the editor and shows the YAML tab; rejects with a readable message. */
export async function loadExample(path: string): Promise<void> {
  const res = await fetch(path)
  if (!res.ok) throw new Error(`Could not load ${path} (${res.status})`)
  const text = await res.text()
  const ui = useUi.getState()
  ui.editorChanged(text)
  ui.showTab('yaml')
}
