import { Panel } from '@xyflow/react'
import { useState } from 'react'
import { useCluster } from '../state/clusterStore'
import { EXAMPLES, loadExample } from '../editor/examples'

const hasWorkloads = (s: { ids: Record<string, string[]> }): boolean =>
  !!(s.ids.Deployment?.length || s.ids.ReplicaSet?.length || s.ids.Pod?.length)

const useClusterEmpty = (): boolean => useCluster((s) => !hasWorkloads(s))

/**
 * The first thing a learner reads on an empty cluster: what to do next. It sits bottom-left, where
 * the owners column (Deployments, ReplicaSets) is still empty, and goes away with the first workload.
 */
export function EmptyHint() {
  const empty = useClusterEmpty()
  const [error, setError] = useState<string>()
  if (!empty) return null
  const nginx = EXAMPLES[0]
  return (
    <Panel position="bottom-left" className="empty-hint" aria-label="Getting started">
      <h2>Your cluster is running, with nothing on it yet</h2>
      <p>
        Paste a manifest in the <strong>YAML</strong> tab and press <strong>Apply</strong> — or start with{' '}
        <button type="button" className="link-button" onClick={() => loadExample(nginx.path).catch((e: Error) => setError(e.message))}>
          the nginx Deployment from the Kubernetes docs
        </button>
        . Then watch the ReplicaSet appear and the scheduler place its pods on the nodes.
      </p>
      <p className="muted">
        In the <strong>Terminal</strong> tab, try <code>kubectl get nodes</code> or <code>kubectl describe node node-1</code>; later{' '}
        <code>kubectl scale</code> and <code>kubectl delete</code>.
      </p>
      {error && <p className="inline-error" role="alert">{error}</p>}
    </Panel>
  )
}
