/**
 * The CronJob controller of kube-controller-manager: creates a Job from a template at each time
 * of a cron schedule, evaluated on the virtual clock (in `spec.timeZone` when given), and keeps a
 * bounded history of the Jobs it made.
 */
export { CRONJOB_CONTROLLER, CronJobController, SCHEDULED_TIMESTAMP_ANNOTATION } from './cronjob-controller'
export { CronParseError, parseSchedule, type Schedule } from './schedule'
export { NEXT_SCHEDULE_DELTA_MS, TOO_MANY_MISSED } from './scheduling'
