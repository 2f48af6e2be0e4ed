import type { CronJob } from 'kubernetes-types/batch/v1'
import { useCronNext, useObject } from '../state/clusterStore'
import { cronJobState } from '../model/owners'
import { OwnerBox } from './OwnerBox'
import type { BoxProps } from './boxProps'

/** Creates a Job on its schedule; the next run is in cluster time (UTC unless spec.timeZone says otherwise). */
export function CronJobBox({ data }: BoxProps) {
  const c = useObject<CronJob>(data.uid)
  const next = useCronNext(data.uid)
  if (!c) return null
  return (
    <OwnerBox kind="CronJob" name={c.metadata?.name ?? ''} state={cronJobState(c, next)} className="box-cronjob">
      <span className="box-image" title="schedule (cron)">{c.spec?.schedule}</span>
    </OwnerBox>
  )
}
