import type { NodeProps, Node } from '@xyflow/react'

/** `canGrow`: the region may widen with its pods (it is in the single node column). */
export type BoxProps = NodeProps<Node<{ uid: string; row?: number; canGrow?: boolean }>>
