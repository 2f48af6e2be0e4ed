/**
 * The TTL-after-finished controller of kube-controller-manager: cleans up finished Jobs whose
 * `ttlSecondsAfterFinished` has passed.
 */
export { TTL_AFTER_FINISHED_CONTROLLER, TTLAfterFinishedController, jobFinishTime } from './ttlafterfinished'
