/**
 * kube: slowStartBatch — make calls in batches of 1, 2, 4, 8… so a controller that cannot create
 * pods (quota, invalid template) fails after one call instead of hundreds. Stops after the first
 * batch with an error; returns how many calls succeeded and the first error.
 */
// kube: controller.SlowStartInitialBatchSize
export const SLOW_START_INITIAL_BATCH_SIZE = 1

export function slowStartBatch(count: number, fn: (i: number) => void, initialBatchSize = SLOW_START_INITIAL_BATCH_SIZE): { successes: number; error?: unknown } {
  let remaining = count
  let successes = 0
  let index = 0
  for (let batch = Math.min(remaining, initialBatchSize); batch > 0; batch = Math.min(2 * batch, remaining)) {
    let error: unknown
    for (let i = 0; i < batch; i++) {
      try {
        fn(index++)
        successes++
      } catch (e) {
        error ??= e
      }
    }
    if (error !== undefined) return { successes, error }
    remaining -= batch
  }
  return { successes }
}
