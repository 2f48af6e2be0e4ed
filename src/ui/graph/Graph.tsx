/**
 * The cluster as a picture: owners above, nodes below with their pods inside. The React Flow node
 * list changes only when the structure does; each box subscribes to its own object for status.
 */
import { useMemo, useState } from 'react'
import { Background, ControlButton, Controls, MarkerType, ReactFlow, type Edge, type Node } from '@xyflow/react'
// oxlint-disable-next-line import/no-unassigned-import
import '@xyflow/react/dist/style.css'
import { useCluster } from '../state/clusterStore'
import { useUi } from '../state/uiStore'
import { selectStructure, type Box, type Link } from './structure'
import { nodeTypes } from './nodeTypes'
import { useTopFit } from './useTopFit'
import { useRowTops } from './useRowTops'
import { EmptyHint } from './EmptyHint'
import { LEGEND_H, Legend } from './Legend'
import { FitIcon } from '../app/icons'
import { TrafficEdge } from './TrafficEdge'
import { TrafficPanel } from './TrafficPanel'

const EDGE_COLOR: Record<Link['kind'], string> = {
  owns: '#6366f1', runs: '#94a3b8', routes: '#0d9488', routesNotReady: '#f59e0b',
  ingress: '#7c3aed', scales: '#ea580c', binds: '#9333ea', mounts: '#a855f7',
}
/** Dashes say "not (yet) carrying" in shape, not colour alone: not-ready endpoints, autoscaling, mounts. */
const EDGE_DASH: Partial<Record<Link['kind'], string>> = { routesNotReady: '6 4', scales: '4 3', mounts: '2 3' }

/** Defined once at module level, as nodeTypes. */
const edgeTypes = { traffic: TrafficEdge }

export function Graph() {
  const { boxes, links } = useCluster(selectStructure)
  const rowTops = useRowTops()
  const rowKey = rowTops.join(',')
  const [cache] = useState(() => new FlowObjects())
  const { nodes, edges } = useMemo(() => cache.build(boxes, links, rowKey.split(',').map(Number)), [cache, boxes, links, rowKey])
  const select = useUi((s) => s.select)
  const { refit, onMoveStart, onMoveEnd, userMoved } = useTopFit(LEGEND_H)

  return (
    <div className="graph" aria-label="Cluster graph">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
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
        <TrafficPanel />
      </ReactFlow>
    </div>
  )
}

function makeEdge(l: Link): Edge {
  const routes = l.kind === 'routes' || l.kind === 'routesNotReady'
  return {
    id: l.id,
    source: l.source,
    target: l.target,
    ariaLabel: l.label,
    focusable: false,
    ...(routes && { type: 'traffic', data: { service: l.service, node: l.node } }),
    style: { stroke: EDGE_COLOR[l.kind], strokeWidth: l.kind === 'routes' ? 2 : 1.5, strokeDasharray: EDGE_DASH[l.kind] },
    markerEnd: { type: MarkerType.ArrowClosed, color: EDGE_COLOR[l.kind] },
  }
}

/**
 * React Flow re-renders every node and edge whose object is new. This hands back last time's object
 * for each box that did not move and each link whose label is unchanged, so a new pod re-renders
 * its own region, not the whole graph.
 */
class FlowObjects {
  private nodes = new Map<string, Node>()
  private edges = new Map<string, Edge>()

  build(boxes: Box[], links: Link[], tops: number[]): { nodes: Node[]; edges: Edge[] } {
    const nodes = new Map<string, Node>()
    const flowNodes = boxes.map((b) => {
      const y = b.row === undefined ? b.y : (tops[b.row] ?? tops[tops.length - 1])
      const old = this.nodes.get(b.id)
      const d = old?.data as { uid?: string; row?: number; canGrow?: boolean } | undefined
      const same = old && old.type === b.type && old.position.x === b.x && old.position.y === y && old.ariaLabel === b.label &&
        d?.uid === b.uid && d?.row === b.row && d?.canGrow === b.canGrow
      const node: Node = same ? old : {
        id: b.id,
        type: b.type,
        position: { x: b.x, y },
        data: { uid: b.uid, row: b.row, canGrow: b.canGrow },
        ariaLabel: b.label,
        ariaRole: 'group',
        draggable: false,
        selectable: false,
      }
      nodes.set(b.id, node)
      return node
    })
    const edges = new Map<string, Edge>()
    const flowEdges = links.map((l) => {
      const old = this.edges.get(l.id)
      // A traffic link's data says which Service's requests it animates; that can change under the same label.
      const same = old && old.ariaLabel === l.label && old.source === l.source && old.target === l.target &&
        (old.data as { service?: string } | undefined)?.service === l.service
      const edge = same ? old : makeEdge(l)
      edges.set(l.id, edge)
      return edge
    })
    this.nodes = nodes
    this.edges = edges
    return { nodes: flowNodes, edges: flowEdges }
  }
}
