/** kubectl get poddisruptionbudgets: printPodDisruptionBudget. */
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1'
import { since } from '../../duration'
import type { Columns } from './types'

// kube: an unset minAvailable or maxUnavailable prints as N/A.
const intOrPercent = (v: number | string | undefined): string => (v === undefined ? 'N/A' : String(v))

export const podDisruptionBudgetColumns: Columns<PodDisruptionBudget> = {
  headers: ['NAME', 'MIN AVAILABLE', 'MAX UNAVAILABLE', 'ALLOWED DISRUPTIONS', 'AGE'],
  row: (pdb, now) => [
    pdb.metadata?.name ?? '',
    intOrPercent(pdb.spec?.minAvailable),
    intOrPercent(pdb.spec?.maxUnavailable),
    String(pdb.status?.disruptionsAllowed ?? 0),
    since(pdb.metadata?.creationTimestamp, now),
  ],
}
