/**
 * A scheduling decision in plain lines, for the UI's "why is this pod here / Pending?" view.
 * `kubectl describe pod` shows only what real kubectl shows (the events); this shows the rest of
 * what the scheduler knew: which plugin rejected each node and why, and how the nodes it compared
 * scored, plugin by plugin (normalised score × weight).
 */
import type { SchedulingDecision } from './types'

export function explainScheduling(d: SchedulingDecision): string[] {
  const lines: string[] = []
  lines.push(d.node
    ? `${d.pod} → ${d.node} (attempt ${d.attempt})`
    : `${d.pod} stays Pending (attempt ${d.attempt}): ${d.message}`)
  lines.push(`${d.evaluatedNodes} node(s) evaluated, ${d.feasibleNodes} feasible`)
  if (d.nominatedNode) {
    lines.push(`preemption: nominated to ${d.nominatedNode}, evicting ${d.victims?.length ? d.victims.join(', ') : 'no pod'}`)
  }
  for (const f of d.filtered) lines.push(`${f.node}: rejected by ${f.plugin}: ${f.reason}`)
  if (d.filteredCount > d.filtered.length) lines.push(`… and ${d.filteredCount - d.filtered.length} more node(s) rejected`)
  if (d.node && d.scores.length === 0 && d.feasibleNodes === 1) lines.push(`${d.node}: the only feasible node, not scored`)
  for (const s of d.scores) {
    const parts = Object.entries(s.byPlugin).map(([plugin, score]) => `${plugin} ${round(score)}`)
    const mark = s.node === d.node ? ' (chosen)' : ''
    lines.push(`${s.node}: score ${round(s.total)}${mark}${parts.length ? ` = ${parts.join(' + ')}` : ''}`)
  }
  return lines
}

const round = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(1))
