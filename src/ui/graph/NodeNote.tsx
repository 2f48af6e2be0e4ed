import { useCluster } from '../state/clusterStore'

// kube default: node-monitor-grace-period 50 s; DefaultTolerationSeconds admission adds 300 s
// not-ready/unreachable NoExecute tolerations to every pod.
const GRACE_S = 50
const TOLERATION_S = 300

/**
 * One sentence on a node that is not healthy, saying what Kubernetes is waiting for. A powered-off
 * node's pods stay Terminating: only the kubelet can confirm the containers stopped, as in a real cluster.
 */
export function NodeNote({ name, poweredOff, ready }: { name: string; poweredOff: boolean; ready: 'Ready' | 'NotReady' | 'Unknown' }) {
  const terminating = useCluster((s) => countTerminating(s.podsByNode[name], s.objects))
  let text: string | undefined
  if (poweredOff && ready === 'Ready') {
    text = `Powered off: the kubelet stopped sending heartbeats. After ${GRACE_S} s without one, the control plane marks the node NotReady.`
  } else if (poweredOff && terminating > 0) {
    text = `Kubelet stopped: ${terminating === 1 ? 'its pod stays' : `its ${terminating} pods stay`} Terminating until it returns, because only the kubelet can confirm a container has stopped. Replacements run on other nodes.`
  } else if (poweredOff) {
    text = `Kubelet stopped, node unreachable. Its pods are evicted when their ${TOLERATION_S} s toleration for that runs out; their owners then start replacements elsewhere.`
  } else if (ready !== 'Ready') {
    text = 'Powered on: waiting for the kubelet to report Ready.'
  }
  if (!text) return null
  return (
    <div className={`region-note${poweredOff ? ' is-off' : ''}`} role="note">
      {text}
    </div>
  )
}

function countTerminating(ids: string[] | undefined, objects: Map<string, unknown>): number {
  let n = 0
  for (const uid of ids ?? []) {
    const pod = objects.get(uid) as { metadata?: { deletionTimestamp?: string } } | undefined
    if (pod?.metadata?.deletionTimestamp) n++
  }
  return n
}
