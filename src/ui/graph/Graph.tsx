/**
 * The cluster as a picture: owners above, nodes below with their pods inside. The React Flow node
 * list changes only when the structure does; each box subscribes to its own object for status.
 */
import { useEffect, useMemo } from 'react'
import { Background, Controls, MarkerType, ReactFlow, useReactFlow, type Edge, type Node } from '@xyflow/react'
// oxlint-disable-next-line import/no-unassigned-import
import '@xyflow/react/dist/style.css'
import { useCluster } from '../state/clusterStore'
import { useUi } from '../state/uiStore'
import { selectStructure } from './structure'
import { nodeTypes } from './nodeTypes'

const EDGE_COLOR: Record<string, string> = { owns: '#6366f1', runs: '#94a3b8', selects: '#0d9488' }

export function Graph() {
  const { boxes, links } = useCluster(selectStructure)
  const { nodes, edges } = useMemo(() => {
    const flowNodes: Node[] = boxes.map((b) => ({
      id: b.id,
      type: b.type,
      position: { x: b.x, y: b.y },
      data: { uid: b.uid },
      ariaLabel: b.label,
      ariaRole: 'group',
      draggable: false,
      selectable: false,
    }))
    const flowEdges: Edge[] = links.map((l) => ({
      id: l.id,
      source: l.source,
      target: l.target,
      ariaLabel: l.label,
      focusable: false,
      animated: l.kind === 'selects',
      style: { stroke: EDGE_COLOR[l.kind], strokeWidth: 1.5, strokeDasharray: l.kind === 'selects' ? '5 4' : undefined },
      markerEnd: { type: MarkerType.ArrowClosed, color: EDGE_COLOR[l.kind] },
    }))
    return { nodes: flowNodes, edges: flowEdges }
  }, [boxes, links])
  const select = useUi((s) => s.select)

  return (
    <div className="graph" aria-label="Cluster graph">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        fitView
        fitViewOptions={{ padding: 0.12, maxZoom: 1 }}
        minZoom={0.2}
        nodesConnectable={false}
        nodesFocusable={false}
        edgesFocusable={false}
        deleteKeyCode={null}
        onNodeClick={(_, n) => {
          const uid = (n.data as { uid?: string }).uid
          if (uid) select(uid)
        }}
        proOptions={{ hideAttribution: true }}
      >
        <FitOnGrowth count={nodes.length} />
        <Background gap={24} color="#e2e8f0" />
        <Controls showInteractive={false} position="bottom-left" />
      </ReactFlow>
    </div>
  )
}

/** Re-fits the view when boxes appear or disappear, so a new Deployment is never off-screen. */
function FitOnGrowth({ count }: { count: number }) {
  const { fitView } = useReactFlow()
  useEffect(() => {
    const t = setTimeout(() => void fitView({ padding: 0.12, maxZoom: 1, duration: 200 }), 50)
    return () => clearTimeout(t)
    // oxlint-disable-next-line react/exhaustive-effect-dependencies -- re-fit whenever the box count changes
  }, [count, fitView])
  return null
}
