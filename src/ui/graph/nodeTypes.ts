import type { NodeTypes } from '@xyflow/react'
import { DeploymentBox } from './DeploymentBox'
import { ReplicaSetBox } from './ReplicaSetBox'
import { ServiceBox } from './ServiceBox'
import { NodeRegion } from './NodeRegion'
import { UnscheduledRegion } from './UnscheduledRegion'

/** Defined once at module level: React Flow re-mounts every node if this object changes. */
export const nodeTypes: NodeTypes = {
  deployment: DeploymentBox,
  replicaset: ReplicaSetBox,
  service: ServiceBox,
  k8sNode: NodeRegion,
  unscheduled: UnscheduledRegion,
}
