import type { NodeProps, Node } from '@xyflow/react'

export type BoxProps = NodeProps<Node<{ uid: string }>>
