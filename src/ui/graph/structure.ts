/**
 * The shape of the graph, apart from live status: which boxes exist, where they sit and what links
 * them. Built from a compact string key so the graph re-lays itself out only when the structure
 * changes (an object appears, disappears, or a pod moves node), never on a status update.
 */
import type { KubeObject } from '../../cluster/apiserver/types'
import type { Ingress } from 'kubernetes-types/networking/v1'
import type { Mirror } from '../state/mirror'
import { nameKey } from '../state/mirror'
import {
  claimVolume, hpaTarget, ingressBackends, networkKey, plural, serviceLinks, volumeMounts, type NetBoxType, type NetLinkKind,
} from './structure-network'

export interface Box {
  id: string
  type: 'deployment' | 'replicaset' | 'statefulset' | 'daemonset' | 'job' | 'cronjob' | 'service' | 'k8sNode' | 'unscheduled' | 'addNode' | NetBoxType
  uid: string
  label: string
  x: number
  y: number
  /** Node regions sit in a grid; rows are placed under each other by their measured height. */
  row?: number
  /** A region in a one-column node grid may widen with its pods. */
  canGrow?: boolean
}

export interface Link {
  id: string
  source: string
  target: string
  label: string
  kind: 'owns' | 'runs' | NetLinkKind
  /** A Service's link: `namespace/name` and the node, so requests through it can be animated. */
  service?: string
  node?: string
}

// The picture reads left to right: what points at workloads and Services (Ingresses, autoscalers,
// network policies) → owners of owners (Deployments, CronJobs), Services and claims → the direct
// owners of pods (ReplicaSets, Jobs, StatefulSets, DaemonSets) and volumes → nodes with their pods.
// Links then run rightwards into the node column and never cross a node region.
const BOX_W = 220
const COL_GAP = 70
export const X_FRONT = -(BOX_W + COL_GAP)
const X_OWNERS = 0
const X_RS = BOX_W + COL_GAP
export const X_NODES = 2 * (BOX_W + COL_GAP)
/** Vertical pitch of the owner and ReplicaSet rows (a box is at most ~95 px tall). */
const ROW_PITCH = 115
export const REGION_W = 250
export const REGION_GAP = 24
export const ROW_NODES = 0
/** The "Add node" button sits just above the node column. */
const ADD_NODE_Y = -46

/** Kinds drawn as boxes, in the order their rows are laid out. */
const TOP_OWNERS = ['Deployment', 'CronJob'] as const
const POD_OWNERS = ['ReplicaSet', 'Job', 'StatefulSet', 'DaemonSet'] as const
const BOX_TYPE: Record<string, Box['type']> = {
  Deployment: 'deployment', CronJob: 'cronjob', ReplicaSet: 'replicaset', Job: 'job', StatefulSet: 'statefulset', DaemonSet: 'daemonset',
}

/** Columns of the node grid: one column for a small cluster (no link crosses a region), then near-square. */
export const nodeColumns = (n: number): number => (n <= 5 ? 1 : Math.ceil(Math.sqrt(n)))

const isControlPlane = (o: KubeObject | undefined): boolean =>
  Object.hasOwn(o?.metadata?.labels ?? {}, 'node-role.kubernetes.io/control-plane')

const controllerOf = (o: KubeObject | undefined): string | undefined =>
  o?.metadata?.ownerReferences?.find((r) => r.controller)?.uid

const nameOf = (o: KubeObject | undefined): string => o?.metadata?.name ?? ''

/** A string that changes exactly when the graph's structure does. */
export function structureKey(s: Mirror): string {
  const parts: string[] = []
  for (const kind of [...TOP_OWNERS, ...POD_OWNERS, 'Service', 'Node']) {
    parts.push(kind)
    for (const uid of s.ids[kind] ?? []) parts.push(`${uid}:${controllerOf(s.objects.get(uid)) ?? ''}`)
  }
  parts.push('Pods')
  for (const [node, pods] of Object.entries(s.podsByNode)) {
    const owners = new Map<string, number>()
    for (const uid of pods) {
      const owner = controllerOf(s.objects.get(uid))
      if (owner) owners.set(owner, (owners.get(owner) ?? 0) + 1)
    }
    for (const [owner, n] of owners) parts.push(`${owner}>${node}=${n}`)
  }
  parts.push('Net', networkKey(s))
  return parts.join('|')
}

export const regionId = (nodeName: string): string => (nodeName ? `node:${nodeName}` : 'unscheduled')

/** Lays out the boxes and links for the current structure (see structureKey). */
export function buildStructure(s: Mirror): { boxes: Box[]; links: Link[] } {
  const boxes: Box[] = []
  const links: Link[] = []
  const get = (uid: string) => s.objects.get(uid)
  // Each direct owner of pods sits beside its own owner (a Deployment's ReplicaSets, a CronJob's Jobs).
  const childrenOf = new Map<string, string[]>()
  const lone: string[] = []
  for (const kind of POD_OWNERS) {
    for (const uid of s.ids[kind] ?? []) {
      const owner = controllerOf(get(uid))
      if (owner && get(owner) && TOP_OWNERS.includes(get(owner)?.kind as (typeof TOP_OWNERS)[number])) {
        childrenOf.set(owner, [...(childrenOf.get(owner) ?? []), uid])
      } else lone.push(uid)
    }
  }
  const label = (uid: string) => `${get(uid)?.kind ?? ''} ${nameOf(get(uid))}`
  let rowA = 0 // next free row of the left column (Deployments, CronJobs, then Services)
  let rowB = 0 // next free row of the middle column (ReplicaSets, Jobs, StatefulSets, DaemonSets)
  const placeMiddle = (uid: string) =>
    boxes.push({ id: uid, type: BOX_TYPE[get(uid)?.kind ?? ''], uid, label: label(uid), x: X_RS, y: rowB++ * ROW_PITCH })
  for (const kind of TOP_OWNERS) {
    for (const uid of s.ids[kind] ?? []) {
      const row = Math.max(rowA, rowB)
      rowA = rowB = row
      boxes.push({ id: uid, type: BOX_TYPE[kind], uid, label: label(uid), x: X_OWNERS, y: row * ROW_PITCH })
      rowA++
      for (const child of childrenOf.get(uid) ?? []) {
        placeMiddle(child)
        links.push({ id: `${uid}>${child}`, source: uid, target: child, kind: 'owns', label: `${label(uid)} owns ${label(child)}` })
      }
    }
  }
  // Services face the lone owners whose pods they usually select (a headless Service and its StatefulSet).
  rowA = Math.max(rowA, rowB)
  for (const uid of lone) placeMiddle(uid)
  const rowOf = new Map<string, number>()
  for (const uid of s.ids.Service ?? []) {
    rowOf.set(uid, rowA)
    boxes.push({ id: uid, type: 'service', uid, label: `Service ${nameOf(get(uid))}`, x: X_OWNERS, y: rowA++ * ROW_PITCH })
  }
  // A claim in the left column, its volume beside it in the middle one (an unbound volume below).
  for (const uid of s.ids.PersistentVolumeClaim ?? []) {
    rowOf.set(uid, rowA)
    boxes.push({ id: uid, type: 'pvc', uid, label: `PersistentVolumeClaim ${nameOf(get(uid))}`, x: X_OWNERS, y: rowA++ * ROW_PITCH })
  }
  const pvRow = new Map<string, number>()
  for (const uid of s.ids.PersistentVolumeClaim ?? []) {
    const pv = claimVolume(s, uid)
    if (pv && !pvRow.has(pv)) pvRow.set(pv, Math.max(rowB, rowOf.get(uid) ?? 0))
    if (pv) rowB = Math.max(rowB, (pvRow.get(pv) ?? 0) + 1)
  }
  for (const uid of s.ids.PersistentVolume ?? []) {
    const row = pvRow.get(uid) ?? rowB++
    boxes.push({ id: uid, type: 'pv', uid, label: `PersistentVolume ${nameOf(get(uid))}`, x: X_RS, y: row * ROW_PITCH })
  }
  for (const b of boxes) if (!rowOf.has(b.id) && (b.x === X_OWNERS || b.x === X_RS)) rowOf.set(b.id, Math.round(b.y / ROW_PITCH))
  placeFront(s, boxes, links, rowOf)
  boxes.push({ id: 'add-node', type: 'addNode', uid: '', label: 'Add a node', x: X_NODES, y: ADD_NODE_Y })
  // Pods without a node wait at the head of the node column: links into it never cross another box.
  const nodeCount = (s.ids.Node ?? []).length
  const cols = nodeColumns(nodeCount)
  boxes.push({ id: 'unscheduled', type: 'unscheduled', uid: '', label: 'Unscheduled pods', x: X_NODES, y: ROW_NODES, row: 0, canGrow: cols === 1 })

  // Workers first: they are where pods go; the (tainted) control plane closes the grid.
  const nodeUids = [...(s.ids.Node ?? [])].sort((a, b) => Number(isControlPlane(get(a))) - Number(isControlPlane(get(b))))
  nodeUids.forEach((uid, i) => {
    const name = nameOf(get(uid))
    const row = 1 + Math.floor(i / cols)
    boxes.push({ id: regionId(name), type: 'k8sNode', uid, label: `Node ${name}`, x: X_NODES + (i % cols) * (REGION_W + REGION_GAP), y: ROW_NODES, row, canGrow: cols === 1 })
  })

  const known = new Set(boxes.map((b) => b.id))
  for (const [node, pods] of Object.entries(s.podsByNode)) {
    const target = regionId(node)
    if (!known.has(target)) continue
    const owners = new Map<string, number>()
    for (const p of pods) {
      const owner = controllerOf(get(p))
      if (owner && known.has(owner)) owners.set(owner, (owners.get(owner) ?? 0) + 1)
    }
    const where = node ? `on node ${node}` : 'waiting to be scheduled'
    for (const [owner, n] of owners) {
      links.push({
        id: `${owner}>${target}`, source: owner, target, kind: 'runs',
        label: `${label(owner)} has ${n} pod${n === 1 ? '' : 's'} ${where}`,
      })
    }
  }
  for (const svcUid of s.ids.Service ?? []) links.push(...serviceLinks(s, svcUid, regionId, known))
  for (const uid of s.ids.PersistentVolumeClaim ?? []) {
    const pv = claimVolume(s, uid)
    if (pv && known.has(pv)) {
      links.push({ id: `${uid}>${pv}`, source: uid, target: pv, kind: 'binds', label: `${label(uid)} is bound to ${label(pv)}` })
    }
  }
  for (const [pv, byNode] of volumeMounts(s)) {
    for (const [node, pods] of byNode) {
      const target = regionId(node)
      if (!known.has(pv) || !known.has(target)) continue
      links.push({
        id: `${pv}>${target}`, source: pv, target, kind: 'mounts',
        label: `${label(pv)} is mounted by ${plural(pods.length, 'pod')} on node ${node}`,
      })
    }
  }
  return { boxes, links }
}

/**
 * The front column: each Ingress beside the first Service it sends to, each autoscaler beside what it
 * scales, network policies after them. A box that wants a taken row moves down to the next free one.
 */
function placeFront(s: Mirror, boxes: Box[], links: Link[], rowOf: Map<string, number>): void {
  const get = (uid: string) => s.objects.get(uid)
  const label = (uid: string) => `${get(uid)?.kind ?? ''} ${nameOf(get(uid))}`
  const wants: { uid: string; type: Box['type']; row: number }[] = []
  for (const uid of s.ids.Ingress ?? []) {
    const ns = get(uid)?.metadata?.namespace
    const backends = ingressBackends(get(uid) as Ingress | undefined)
    for (const b of backends) {
      const svc = s.byName.get(nameKey('Service', ns, b.service))
      if (!svc) continue
      links.push({ id: `${uid}>${svc}`, source: uid, target: svc, kind: 'ingress', label: `${label(uid)} sends ${b.path} to Service ${b.service}` })
    }
    const first = backends.map((b) => s.byName.get(nameKey('Service', ns, b.service))).find((u) => u && rowOf.has(u))
    wants.push({ uid, type: 'ingress', row: first ? rowOf.get(first)! : Infinity })
  }
  for (const uid of s.ids.HorizontalPodAutoscaler ?? []) {
    const target = hpaTarget(s, get(uid))
    if (target && boxes.some((b) => b.id === target)) {
      links.push({ id: `${uid}>${target}`, source: uid, target, kind: 'scales', label: `${label(uid)} scales ${label(target)}` })
    }
    wants.push({ uid, type: 'hpa', row: target && rowOf.has(target) ? rowOf.get(target)! : Infinity })
  }
  for (const uid of s.ids.NetworkPolicy ?? []) wants.push({ uid, type: 'networkpolicy', row: Infinity })
  let next = 0
  for (const w of [...wants].sort((a, b) => a.row - b.row)) {
    const row = Number.isFinite(w.row) ? Math.max(next, w.row) : next
    next = row + 1
    boxes.push({ id: w.uid, type: w.type, uid: w.uid, label: label(w.uid), x: X_FRONT, y: row * ROW_PITCH })
  }
}

let cached: { key: string; value: ReturnType<typeof buildStructure> } | undefined

/** A store selector: the same structure object for as long as the structure key is unchanged. */
export function selectStructure(s: Mirror): ReturnType<typeof buildStructure> {
  const key = structureKey(s)
  if (cached?.key !== key) cached = { key, value: buildStructure(s) }
  return cached.value
}
