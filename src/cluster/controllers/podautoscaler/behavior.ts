/**
 * How far and how fast an HPA may move (kube: horizontal.go normalizeDesiredReplicasWithBehaviors):
 * first the stabilization windows — a scale up takes the lowest recommendation of its window, a
 * scale down the highest of its (300 s by default) — then the rate policies (Pods or Percent per
 * period, counted from the scale events of the period) and minReplicas/maxReplicas.
 */
import type { HPAScalingRules } from 'kubernetes-types/autoscaling/v2'

export interface Recommendation { replicas: number; at: number }
export interface ScaleEvent { change: number; at: number }

export interface Condition { reason: string; message: string }

/** Keeps the recommendations of one HPA newer than the longer window (kube keeps them per HPA key). */
export function stabilize(
  recommendations: Recommendation[], desired: number, current: number, now: number,
  up: HPAScalingRules, down: HPAScalingRules,
): { replicas: number; kept: Recommendation[]; condition: Condition } {
  const upCutoff = now - (up.stabilizationWindowSeconds ?? 0) * 1000
  const downCutoff = now - (down.stabilizationWindowSeconds ?? 300) * 1000
  let upRecommendation = desired
  let downRecommendation = desired
  const kept: Recommendation[] = []
  for (const r of recommendations) {
    if (r.at > upCutoff) upRecommendation = Math.min(upRecommendation, r.replicas)
    if (r.at > downCutoff) downRecommendation = Math.max(downRecommendation, r.replicas)
    if (r.at > upCutoff || r.at > downCutoff) kept.push(r)
  }
  kept.push({ replicas: desired, at: now })
  let replicas = current
  if (replicas < upRecommendation) replicas = upRecommendation
  if (replicas > downRecommendation) replicas = downRecommendation
  if (replicas === desired) return { replicas, kept, condition: { reason: 'ReadyForNewScale', message: 'recommended size matches current size' } }
  const condition = replicas < desired
    ? { reason: 'ScaleUpStabilized', message: 'recent recommendations were lower than current one, applying the lowest recent recommendation' }
    : { reason: 'ScaleDownStabilized', message: 'recent recommendations were higher than current one, applying the highest recent recommendation' }
  return { replicas, kept, condition }
}

function changeInPeriod(events: ScaleEvent[], periodSeconds: number, now: number): number {
  const cutoff = now - periodSeconds * 1000
  let sum = 0
  for (const e of events) if (e.at > cutoff) sum += e.change
  return sum
}

/** kube: calculateScaleUpLimitWithScalingRules. */
function scaleUpLimit(current: number, ups: ScaleEvent[], downs: ScaleEvent[], rules: HPAScalingRules, now: number): number {
  if (rules.selectPolicy === 'Disabled') return current
  const pickMax = rules.selectPolicy !== 'Min'
  let result = pickMax ? -Infinity : Infinity
  for (const p of rules.policies ?? []) {
    const start = current - changeInPeriod(ups, p.periodSeconds, now) + changeInPeriod(downs, p.periodSeconds, now)
    const proposed = p.type === 'Pods' ? start + p.value : Math.ceil(start * (1 + p.value / 100))
    result = pickMax ? Math.max(result, proposed) : Math.min(result, proposed)
  }
  return Number.isFinite(result) ? result : current
}

/** kube: calculateScaleDownLimitWithBehaviors. */
function scaleDownLimit(current: number, ups: ScaleEvent[], downs: ScaleEvent[], rules: HPAScalingRules, now: number): number {
  if (rules.selectPolicy === 'Disabled') return current
  const pickMin = rules.selectPolicy !== 'Min'
  let result = pickMin ? Infinity : -Infinity
  for (const p of rules.policies ?? []) {
    const start = current - changeInPeriod(ups, p.periodSeconds, now) + changeInPeriod(downs, p.periodSeconds, now)
    const proposed = p.type === 'Pods' ? start - p.value : Math.trunc(start * (1 - p.value / 100))
    result = pickMin ? Math.min(result, proposed) : Math.max(result, proposed)
  }
  return Number.isFinite(result) ? result : current
}

/** kube: convertDesiredReplicasWithBehaviorRate — the rate policies and the min/max bounds. */
export function limitRate(args: {
  desired: number; current: number; min: number; max: number; now: number
  up: HPAScalingRules; down: HPAScalingRules; upEvents: ScaleEvent[]; downEvents: ScaleEvent[]
}): { replicas: number; condition: Condition } {
  const { desired, current, min, max, now } = args
  if (desired > current) {
    const limit = Math.max(current, scaleUpLimit(current, args.upEvents, args.downEvents, args.up, now))
    const byRate = max > limit
    const allowed = byRate ? limit : max
    if (desired > allowed) {
      return {
        replicas: allowed,
        condition: byRate
          ? { reason: 'ScaleUpLimit', message: 'the desired replica count is increasing faster than the maximum scale rate' }
          : { reason: 'TooManyReplicas', message: 'the desired replica count is more than the maximum replica count' },
      }
    }
  } else if (desired < current) {
    const limit = Math.min(current, scaleDownLimit(current, args.upEvents, args.downEvents, args.down, now))
    const byRate = min < limit
    const allowed = byRate ? limit : min
    if (desired < allowed) {
      return {
        replicas: allowed,
        condition: byRate
          ? { reason: 'ScaleDownLimit', message: 'the desired replica count is decreasing faster than the maximum scale rate' }
          : { reason: 'TooFewReplicas', message: 'the desired replica count is less than the minimum replica count' },
      }
    }
  }
  return { replicas: desired, condition: { reason: 'DesiredWithinRange', message: 'the desired count is within the acceptable range' } }
}

// ---- HPAs without spec.behavior: the controller's own rules ------------------------------------

// kube default: --horizontal-pod-autoscaler-downscale-stabilization 5m.
export const DOWNSCALE_STABILIZATION_MS = 5 * 60_000
// kube: scaleUpLimitFactor 2 and scaleUpLimitMinimum 4 (a scale up at most doubles, or reaches 4).
const SCALE_UP_LIMIT_FACTOR = 2
const SCALE_UP_LIMIT_MINIMUM = 4

/** kube: stabilizeRecommendation — the highest recommendation of the last 5 minutes. */
export function stabilizeDown(recommendations: Recommendation[], desired: number, now: number): { replicas: number; kept: Recommendation[]; condition: Condition } {
  const cutoff = now - DOWNSCALE_STABILIZATION_MS
  let replicas = desired
  const kept = recommendations.filter((r) => r.at >= cutoff)
  for (const r of kept) replicas = Math.max(replicas, r.replicas)
  kept.push({ replicas: desired, at: now })
  const condition = replicas !== desired
    ? { reason: 'ScaleDownStabilized', message: 'recent recommendations were higher than current one, applying the highest recent recommendation' }
    : { reason: 'ReadyForNewScale', message: 'recommended size matches current size' }
  return { replicas, kept, condition }
}

/** kube: convertDesiredReplicasWithRules — min/max, and a scale up of at most max(2 × current, 4). */
export function limitByRules(current: number, desired: number, min: number, max: number): { replicas: number; condition: Condition } {
  const upLimit = Math.max(SCALE_UP_LIMIT_FACTOR * current, SCALE_UP_LIMIT_MINIMUM)
  const byRate = max > upLimit
  const maximum = byRate ? upLimit : max
  if (desired < min) return { replicas: min, condition: { reason: 'TooFewReplicas', message: 'the desired replica count is less than the minimum replica count' } }
  if (desired > maximum) {
    return {
      replicas: maximum,
      condition: byRate
        ? { reason: 'ScaleUpLimit', message: 'the desired replica count is increasing faster than the maximum scale rate' }
        : { reason: 'TooManyReplicas', message: 'the desired replica count is more than the maximum replica count' },
    }
  }
  return { replicas: desired, condition: { reason: 'DesiredWithinRange', message: 'the desired count is within the acceptable range' } }
}
