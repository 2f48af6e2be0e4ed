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
