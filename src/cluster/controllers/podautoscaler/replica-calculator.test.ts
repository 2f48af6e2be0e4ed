import { describe, expect, it } from 'vitest'
import type { Pod } from 'kubernetes-types/core/v1'
import { CPU_INITIALIZATION_PERIOD_MS, podRequests, resourceReplicas, type PodMetric } from './replica-calculator'

const T0 = Date.UTC(2026, 0, 1, 9, 0, 0)
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')
const NOW = T0 + 10 * 60_000

/** A running pod requesting 200m, started long ago and ready since `readySince`. */
function pod(name: string, opts: { phase?: string; ready?: 'True' | 'False'; start?: number; readySince?: number; request?: string | null } = {}): Pod {
  const start = opts.start ?? T0
  const request = opts.request === undefined ? '200m' : opts.request
  return {
    metadata: { name },
    spec: { containers: [{ name: 'php-apache', image: 'x', resources: request === null ? {} : { requests: { cpu: request } } }] },
    status: {
      phase: opts.phase ?? 'Running', startTime: iso(start),
      conditions: [{ type: 'Ready', status: opts.ready ?? 'True', lastTransitionTime: iso(opts.readySince ?? start + 2000) }],
    },
  } as Pod
}

const m = (milli: number, at = NOW, windowMs = 15_000): PodMetric => ({ value: milli, timestamp: at, windowMs })

function replicas(pods: Pod[], metrics: Record<string, PodMetric>, target = 50, currentReplicas = pods.length) {
  return resourceReplicas({
    currentReplicas, target: { type: 'Utilization', averageUtilization: target }, resource: 'cpu', pods,
    metrics: new Map(Object.entries(metrics)), requests: podRequests(pods, 'cpu', (q) => parseFloat(q)), now: NOW,
  })
}

describe('resourceReplicas (kube: GetResourceReplicas)', () => {
  it('asks for ceil(current × usage / target)', () => {
    // 500m of a 200m request is 250%: five times the 50% target.
    expect(replicas([pod('a')], { a: m(500) })).toEqual({ replicas: 5, utilization: 250, averageValue: 500 })
    expect(replicas([pod('a'), pod('b')], { a: m(130), b: m(140) }).replicas).toBe(3)
  })

  it('keeps the count within the 10% tolerance', () => {
    expect(replicas([pod('a'), pod('b')], { a: m(108), b: m(110) }).replicas).toBe(2)
    expect(replicas([pod('a'), pod('b')], { a: m(90), b: m(91) }).replicas).toBe(2)
  })

  it('assumes missing pods use nothing on a scale up and their whole request on a scale down', () => {
    // Up: (400 + 0) / 400 = 100% of request → 2× the target → 4.
    expect(replicas([pod('a'), pod('b')], { a: m(400) }).replicas).toBe(4)
    // Down: (20 + 200) / 400 = 55% → 1.1 → within tolerance after the fill-in: stays 2.
    expect(replicas([pod('a'), pod('b')], { a: m(20) }).replicas).toBe(2)
    // Without the missing pod it would have been ceil(0.2 × 1) = 1.
    expect(replicas([pod('a')], { a: m(20) }).replicas).toBe(1)
  })

  it('counts unready pods as 0% on a scale up, and ignores pending and deleted pods', () => {
    const fresh = pod('b', { start: NOW - 20_000, readySince: NOW - 10_000 })
    // b was measured over a window that began before it was ready: unready, counted at 0 → (500 + 0) / 400 = 125% → 5.
    expect(replicas([pod('a'), fresh], { a: m(500), b: m(100, NOW, 15_000) }).replicas).toBe(5)
    const pending = pod('c', { phase: 'Pending' })
    const deleted = { ...pod('d'), metadata: { name: 'd', deletionTimestamp: iso(NOW) } } as Pod
    // Only a counts: 100% of request, twice the target → ceil(2 × 1 ready pod).
    expect(replicas([pod('a'), pending, deleted], { a: m(200) }, 50, 3).replicas).toBe(2)
    // A pod ready for longer than its metric's window counts with its usage: (500 + 100) / 400 → 6.
    const settled = pod('b', { start: NOW - 20_000, readySince: NOW - 19_000 })
    expect(replicas([pod('a'), settled], { a: m(500), b: m(100) }).replicas).toBe(6)
  })

  it('treats a never-ready pod past its cpu initialization period as unready only within the initial readiness delay', () => {
    const old = T0 - CPU_INITIALIZATION_PERIOD_MS
    const flapped = pod('b', { ready: 'False', start: old, readySince: old + 10_000 })
    // b is unready: 0% for the scale up → (300 + 0) / 400 = 75% → ceil(1.5 × 2).
    expect(replicas([pod('a'), flapped], { a: m(300), b: m(300) }).replicas).toBe(3)
    const failedLater = pod('b', { ready: 'False', start: old, readySince: old + 60_000 })
    expect(replicas([pod('a'), failedLater], { a: m(300), b: m(300) }).replicas).toBe(6)
  })

  it('fails in the controller\'s words', () => {
    expect(() => replicas([], {})).toThrow('no pods returned by selector while calculating replica count')
    expect(() => replicas([pod('a', { ready: 'False' })], { a: m(10) })).toThrow('did not receive metrics for targeted pods (pods might be unready)')
    expect(() => replicas([pod('a', { request: null })], { a: m(10) })).toThrow('missing request for cpu in container php-apache of Pod a')
  })

  it('scales on an average value target without requests', () => {
    const r = resourceReplicas({
      currentReplicas: 2, target: { type: 'AverageValue', averageValue: 100 }, resource: 'cpu', pods: [pod('a', { request: null }), pod('b', { request: null })],
      metrics: new Map([['a', m(300)], ['b', m(100)]]), now: NOW,
    })
    expect(r).toEqual({ replicas: 4, utilization: undefined, averageValue: 200 })
  })
})
