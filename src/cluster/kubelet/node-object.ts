/**
 * The Node and Lease objects a kubelet registers and keeps fresh, shaped as a kind node's are
 * (`kubectl get node -o yaml` on kind v1.35).
 */
import type { Node, NodeCondition, NodeStatus, Taint } from 'kubernetes-types/core/v1'
import type { Lease } from 'kubernetes-types/coordination/v1'
import { DEFAULT_MAX_PODS, NODE_INFO } from './constants'

export interface NodeSpecInput {
  name: string
  /** Default "4". */
  cpu?: string
  /** Default "8Gi". */
  memory?: string
  /** Default 110. */
  pods?: number
  /** kubeadm's control-plane label and NoSchedule taint. */
  controlPlane?: boolean
  /** topology.kubernetes.io/zone */
  zone?: string
  labels?: Record<string, string>
}

export const LEASE_NAMESPACE = 'kube-node-lease'
// kube: kubeadm taints and labels its control-plane nodes.
export const CONTROL_PLANE_LABEL = 'node-role.kubernetes.io/control-plane'
export const CONTROL_PLANE_TAINT: Taint = { key: CONTROL_PLANE_LABEL, effect: 'NoSchedule' }

/** The network position of the n-th node (0-based): kind hands out 172.18.0.2, .3, … and 10.244.n.0/24. */
export function nodeAddresses(index: number): { internalIP: string; podCIDR: string; podPrefix: string } {
  const host = index + 2
  const internalIP = `172.18.${(host >> 8) & 0xff}.${host & 0xff}`
  const second = 244 + (index >> 8)
  const podPrefix = `10.${second}.${index & 0xff}`
  return { internalIP, podCIDR: `${podPrefix}.0/24`, podPrefix }
}

export function buildNode(spec: NodeSpecInput, index: number): Node {
  const { podCIDR } = nodeAddresses(index)
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': spec.name,
    'kubernetes.io/os': 'linux',
  }
  if (spec.controlPlane) {
    labels[CONTROL_PLANE_LABEL] = ''
    labels['node.kubernetes.io/exclude-from-external-load-balancers'] = ''
  }
  if (spec.zone) labels['topology.kubernetes.io/zone'] = spec.zone
  Object.assign(labels, spec.labels)
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: spec.name,
      labels,
      annotations: {
        'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///run/containerd/containerd.sock',
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec: {
      podCIDR,
      podCIDRs: [podCIDR],
      providerID: `kind://docker/kind/${spec.name}`,
      ...(spec.controlPlane ? { taints: [CONTROL_PLANE_TAINT] } : {}),
    },
  }
}

/** kube: the kubelet's node status setters (MachineInfo, NodeAddress, ReadyCondition, …). */
export function buildNodeStatus(
  spec: NodeSpecInput, index: number, ids: { bootID: string; machineID: string; systemUUID: string },
  conditions: NodeCondition[], images: NodeStatus['images'],
): NodeStatus {
  const capacity = {
    cpu: spec.cpu ?? '4',
    'ephemeral-storage': '102626232Ki',
    'hugepages-1Gi': '0',
    'hugepages-2Mi': '0',
    memory: spec.memory ?? '8Gi',
    pods: String(spec.pods ?? DEFAULT_MAX_PODS),
  }
  return {
    addresses: [
      { type: 'InternalIP', address: nodeAddresses(index).internalIP },
      { type: 'Hostname', address: spec.name },
    ],
    // kube: with no system-reserved/kube-reserved (kind's default) allocatable equals capacity.
    allocatable: { ...capacity },
    capacity,
    conditions,
    daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
    images,
    nodeInfo: {
      architecture: NODE_INFO.architecture,
      bootID: ids.bootID,
      containerRuntimeVersion: NODE_INFO.containerRuntimeVersion,
      kernelVersion: NODE_INFO.kernelVersion,
      kubeProxyVersion: '',
      kubeletVersion: NODE_INFO.kubeletVersion,
      machineID: ids.machineID,
      operatingSystem: NODE_INFO.operatingSystem,
      osImage: NODE_INFO.osImage,
      systemUUID: ids.systemUUID,
    },
  }
}

type HealthyType = 'MemoryPressure' | 'DiskPressure' | 'PIDPressure' | 'Ready'

/** kube: the reasons and messages of the kubelet's healthy node conditions. */
export const HEALTHY_CONDITIONS: { type: HealthyType; status: 'True' | 'False'; reason: string; message: string; event: string }[] = [
  { type: 'MemoryPressure', status: 'False', reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available', event: 'NodeHasSufficientMemory' },
  { type: 'DiskPressure', status: 'False', reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure', event: 'NodeHasNoDiskPressure' },
  { type: 'PIDPressure', status: 'False', reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available', event: 'NodeHasSufficientPID' },
  { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', event: 'NodeReady' },
]

/**
 * The kubelet's conditions now: heartbeat `now`, transition time kept while the status is unchanged.
 * Returns the events the kubelet records for conditions that changed (kube: recordEventFunc).
 */
export function healthyConditions(current: NodeCondition[] | undefined, now: string): { conditions: NodeCondition[]; events: string[] } {
  const events: string[] = []
  const conditions = HEALTHY_CONDITIONS.map((h) => {
    const old = current?.find((c) => c.type === h.type)
    const changed = !old || old.status !== h.status
    if (changed) events.push(h.event)
    return {
      lastHeartbeatTime: now,
      lastTransitionTime: changed ? now : old!.lastTransitionTime,
      message: h.message,
      reason: h.reason,
      status: h.status,
      type: h.type,
    }
  })
  return { conditions, events }
}

export function buildLease(nodeName: string, nodeUid: string | undefined, renewTime: string, durationSeconds: number): Lease {
  return {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: {
      name: nodeName,
      namespace: LEASE_NAMESPACE,
      ...(nodeUid ? { ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: nodeName, uid: nodeUid }] } : {}),
    },
    spec: {
      holderIdentity: nodeName,
      leaseDurationSeconds: durationSeconds,
      renewTime,
    },
  }
}
