/** kubectl describe poddisruptionbudget / priorityclass: describePodDisruptionBudgetV1, describePriorityClass. */
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1'
import type { PriorityClass } from 'kubernetes-types/scheduling/v1'
import type { Api } from '../../apiserver/types'
import { formatLabelSelector } from '../../apiserver/labels'
import { eventsFor, writeEvents } from './common'
import { DescribeWriter } from './writer'

/** labels.FormatLabels: `k=v,k2=v2` sorted, `<none>` when empty. */
export function formatLabels(m: Record<string, string> | undefined): string {
  const keys = Object.keys(m ?? {}).sort()
  return keys.length ? keys.map((k) => `${k}=${m![k]}`).join(',') : '<none>'
}

export function describePodDisruptionBudget(api: Api, pdb: PodDisruptionBudget, now: number): string {
  const w = new DescribeWriter()
  w.line(0, `Name:\t${pdb.metadata?.name}`)
  w.line(0, `Namespace:\t${pdb.metadata?.namespace}`)
  if (pdb.spec?.minAvailable !== undefined) w.line(0, `Min available:\t${pdb.spec.minAvailable}`)
  else if (pdb.spec?.maxUnavailable !== undefined) w.line(0, `Max unavailable:\t${pdb.spec.maxUnavailable}`)
  // kube: an empty selector prints as the empty string (labels.Everything()).
  const sel = pdb.spec?.selector ? formatLabelSelector(pdb.spec.selector) : '<unset>'
  w.line(0, `Selector:\t${sel === '<none>' ? '' : sel}`)
  w.line(0, 'Status:')
  w.line(2, `Allowed disruptions:\t${pdb.status?.disruptionsAllowed ?? 0}`)
  w.line(2, `Current:\t${pdb.status?.currentHealthy ?? 0}`)
  w.line(2, `Desired:\t${pdb.status?.desiredHealthy ?? 0}`)
  w.line(2, `Total:\t${pdb.status?.expectedPods ?? 0}`)
  writeEvents(w, eventsFor(api, pdb), now)
  return w.toString()
}

export function describePriorityClass(api: Api, pc: PriorityClass, now: number): string {
  const w = new DescribeWriter()
  w.line(0, `Name:\t${pc.metadata?.name}`)
  w.line(0, `Value:\t${pc.value}`)
  w.line(0, `GlobalDefault:\t${pc.globalDefault ?? false}`)
  w.line(0, `PreemptionPolicy:\t${pc.preemptionPolicy ?? 'PreemptLowerPriority'}`)
  w.line(0, `Description:\t${pc.description ?? ''}`)
  w.line(0, `Annotations:\t${formatLabels(pc.metadata?.annotations)}`)
  writeEvents(w, eventsFor(api, pc), now)
  return w.toString()
}
