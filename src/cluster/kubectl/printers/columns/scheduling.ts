/** kubectl get priorityclasses: printPriorityClass (NAME, VALUE, GLOBAL-DEFAULT, AGE, PREEMPTIONPOLICY). */
import type { PriorityClass } from 'kubernetes-types/scheduling/v1'
import { since } from '../../duration'
import type { Columns } from './types'

export const priorityClassColumns: Columns<PriorityClass> = {
  headers: ['NAME', 'VALUE', 'GLOBAL-DEFAULT', 'AGE', 'PREEMPTIONPOLICY'],
  row: (pc, now) => [
    pc.metadata?.name ?? '',
    String(pc.value),
    String(pc.globalDefault === true),
    since(pc.metadata?.creationTimestamp, now),
    pc.preemptionPolicy ?? '',
  ],
}
