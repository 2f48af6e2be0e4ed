import type { NodeTypes } from '@xyflow/react'
import { DeploymentBox } from './DeploymentBox'
import { ReplicaSetBox } from './ReplicaSetBox'
import { StatefulSetBox } from './StatefulSetBox'
import { DaemonSetBox } from './DaemonSetBox'
import { JobBox } from './JobBox'
import { CronJobBox } from './CronJobBox'
import { ServiceBox } from './ServiceBox'
import { NodeRegion } from './NodeRegion'
import { UnscheduledRegion } from './UnscheduledRegion'
import { AddNodeBox } from './AddNodeBox'
import { IngressBox } from './IngressBox'
import { HpaBox } from './HpaBox'
import { NetworkPolicyBox } from './NetworkPolicyBox'
import { PvBox, PvcBox } from './VolumeBoxes'

/** Defined once at module level: React Flow re-mounts every node if this object changes. */
export const nodeTypes: NodeTypes = {
  deployment: DeploymentBox,
  replicaset: ReplicaSetBox,
  statefulset: StatefulSetBox,
  daemonset: DaemonSetBox,
  job: JobBox,
  cronjob: CronJobBox,
  service: ServiceBox,
  k8sNode: NodeRegion,
  unscheduled: UnscheduledRegion,
  addNode: AddNodeBox,
  ingress: IngressBox,
  hpa: HpaBox,
  networkpolicy: NetworkPolicyBox,
  pvc: PvcBox,
  pv: PvBox,
}
