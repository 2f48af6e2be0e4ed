/**
 * The Job controller of kube-controller-manager: runs pods to completion. A Job asks for
 * `completions` successful pods, at most `parallelism` at a time; failed pods are replaced after a
 * back-off until `backoffLimit` failures, a podFailurePolicy rule or `activeDeadlineSeconds` ends it.
 */
export { JOB_CONTROLLER, JobController, SYNC_JOB_BATCH_PERIOD_MS } from './job-controller'
export { JOB_TRACKING_FINALIZER } from './conditions'
export { COMPLETION_INDEX, COMPLETION_INDEX_ENV } from './indexed'
export { MAX_POD_FAILURE_BACKOFF_MS, POD_FAILURE_BACKOFF_MS } from './backoff'
