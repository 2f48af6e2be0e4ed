/**
 * The cluster as a picture: owners above, nodes below with their pods inside. The React Flow node
 * list changes only when the structure does; each box subscribes to its own object for status.
 */
import { useMemo } from 'react'
import { Background, ControlButton, Controls, MarkerType, ReactFlow, type Edge, type Node } from '@xyflow/react'
// oxlint-disable-next-line import/no-unassigned-import
import '@xyflow/react/dist/style.css'
import { useCluster } from '../state/clusterStore'
import { useUi } from '../state/uiStore'
import { selectStructure } from './structure'
import { nodeTypes } from './nodeTypes'
import { useTopFit } from './useTopFit'
import { useRowTops } from './useRowTops'
import { EmptyHint } from './EmptyHint'
import { LEGEND_H, Legend } from './Legend'
import { FitIcon } from '../app/icons'

const EDGE_COLOR: Record<string, string> = { owns: '#6366f1', runs: '#94a3b8', selects: '#0d9488' }

export function Graph() {
  const { boxes, links } = useCluster(selectStructure)
  const rowTops = useRowTops()
  const rowKey = rowTops.join(',')
  const { nodes, edges } = useMemo(() => {
    const tops = rowKey.split(',').map(Number)
    const flowNodes: Node[] = boxes.map((b) => ({
      id: b.id,
      type: b.type,
      position: { x: b.x, y: b.row === undefined ? b.y : (tops[b.row] ?? tops[tops.length - 1]) },
      data: { uid: b.uid, row: b.row, canGrow: b.canGrow },
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
  }, [boxes, links, rowKey])
  const select = useUi((s) => s.select)
  const { refit, onMoveStart, onMoveEnd, userMoved } = useTopFit(LEGEND_H)

  return (
    <div className="graph" aria-label="Cluster graph">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        minZoom={0.2}
        maxZoom={2.5}
        onMoveStart={onMoveStart}
        onMoveEnd={onMoveEnd}
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
        <Background gap={24} color="#e2e8f0" />
        <Controls showInteractive={false} showFitView={false} position="bottom-left" onZoomIn={userMoved} onZoomOut={userMoved}>
          <ControlButton onClick={refit} title="Fit the cluster to the view" aria-label="Fit the cluster to the view">
            <FitIcon />
          </ControlButton>
        </Controls>
        <EmptyHint />
        <Legend />
      </ReactFlow>
    </div>
  )
}
