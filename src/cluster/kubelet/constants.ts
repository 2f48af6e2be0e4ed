/**
 * The kubelet's own defaults (Kubernetes v1.35) and the simulated container runtime's durations.
 * Heartbeat timings shared with the node lifecycle controller live in ../timings.ts.
 */

// kube: kubelet MaxContainerBackOff = 300 s; the restart back-off starts at 10 s and doubles.
export const CRASH_LOOP_INITIAL_BACKOFF_MS = 10_000
export const CRASH_LOOP_MAX_BACKOFF_MS = 300_000
// kube: flowcontrol.Backoff forgets an entry not updated for 2 × max (a container that ran 10 min).
export const CRASH_LOOP_RESET_AFTER_MS = 2 * CRASH_LOOP_MAX_BACKOFF_MS
// kube: the image pull back-off, 10 s doubling to 300 s.
export const IMAGE_PULL_INITIAL_BACKOFF_MS = 10_000
export const IMAGE_PULL_MAX_BACKOFF_MS = 300_000
// kube: heartbeat loops run with wait.JitterUntil(…, 0.04, …).
export const HEARTBEAT_JITTER = 0.04
// kube: kubelet --node-status-max-images default 50.
export const NODE_STATUS_MAX_IMAGES = 50
// kube: kubelet max-pods default 110.
export const DEFAULT_MAX_PODS = 110

/** Simulated runtime durations, [min, max) milliseconds drawn from the seeded generator. */
export const SANDBOX_CREATE_MS: [number, number] = [150, 450]
export const CONTAINER_CREATE_MS: [number, number] = [20, 80]
export const CONTAINER_START_MS: [number, number] = [20, 80]
/** Registry bandwidth per pull, bytes per second. */
export const PULL_BYTES_PER_S: [number, number] = [15e6, 40e6]
export const PULL_OVERHEAD_MS: [number, number] = [150, 400]
/** Pulling an image already on the node (pull policy Always): only the manifest is fetched. */
export const PULL_PRESENT_MS: [number, number] = [300, 900]
/** Time from a failed sync to the next one (the pod worker's requeue, PLEG relist). */
export const RESYNC_MS: [number, number] = [800, 1500]
/** Lines kept per container instance for `kubectl logs`. */
export const LOG_BUFFER_LINES = 1000

/** A kind node's containerd, kernel and OS image, as `kubectl get nodes -o wide` shows them. */
export const NODE_INFO = {
  kubeletVersion: 'v1.35.0',
  containerRuntimeVersion: 'containerd://2.1.3',
  kernelVersion: '6.8.0-60-generic',
  osImage: 'Debian GNU/Linux 12 (bookworm)',
  operatingSystem: 'linux',
  architecture: 'amd64',
}

/** Images a kind node starts with (the node image preloads the control plane and CNI). */
export const PRELOADED_IMAGES = [
  'registry.k8s.io/pause:3.10',
  'registry.k8s.io/kube-proxy:v1.35.0',
  'docker.io/kindest/kindnetd:v20250512-df8de77b',
  'docker.io/kindest/local-path-provisioner:v20250214-acbabc1a',
  'registry.k8s.io/coredns/coredns:v1.12.1',
  'registry.k8s.io/etcd:3.6.5-0',
  'registry.k8s.io/kube-apiserver:v1.35.0',
  'registry.k8s.io/kube-controller-manager:v1.35.0',
  'registry.k8s.io/kube-scheduler:v1.35.0',
]
