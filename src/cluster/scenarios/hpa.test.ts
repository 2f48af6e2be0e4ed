// The HorizontalPodAutoscaler walkthrough (kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale-walkthrough/)
// on a fresh cluster: php-apache, `kubectl autoscale`, one busybox load generator through the Service,
// the scale up to about 7 replicas, and back to 1 once the load stops and the 5-minute window passes.
import { describe, expect, it } from 'vitest'
import type { HorizontalPodAutoscaler } from 'kubernetes-types/autoscaling/v2'
import type { Event as KEvent } from 'kubernetes-types/core/v1'
import { rows, run, type Run } from './run'

// docs: `kubectl run -i --tty load-generator --rm --image=busybox:1.28 --restart=Never -- /bin/sh -c "while sleep 0.01; do wget -q -O- http://php-apache; done"`
const LOAD_GENERATOR = `kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: load-generator
  labels: {run: load-generator}
spec:
  restartPolicy: Never
  containers:
  - name: load-generator
    image: busybox:1.28
    command: ["/bin/sh", "-c", "while sleep 0.01; do wget -q -O- http://php-apache; done"]
EOF`

/** `kubectl get hpa php-apache --no-headers`: TARGETS and REPLICAS. */
function hpa(r: Run): [string, number] {
  const [row] = rows(`HEADER\n${r.more('kubectl get hpa php-apache --no-headers').stdout}`)
  return [row[2], Number(row[5])]
}

/** Watches the HPA every 15 s for `minutes`, as `kubectl get hpa php-apache --watch` would. */
function watch(r: Run, minutes: number): [string, number][] {
  const seen: [string, number][] = []
  for (let i = 0; i < minutes * 4; i++) {
    r.more('sleep 15s')
    seen.push(hpa(r))
  }
  return seen
}

const rescales = (r: Run) => r.cluster.api.list<KEvent>('Event').filter((e) => e.reason === 'SuccessfulRescale').map((e) => e.message)

describe('HorizontalPodAutoscaler walkthrough', () => {
  it('autoscales php-apache from 1 to about 7 replicas under one load generator, and back to 1 after the load stops', () => {
    const r = run('kubectl apply -f application/php-apache.yaml\nsleep 60s\nkubectl autoscale deployment php-apache --cpu=50% --min=1 --max=10')
    expect(r.stdout).toContain('horizontalpodautoscaler.autoscaling/php-apache autoscaled\n')
    expect(r.stderr).toBe('')
    r.more('sleep 30s')
    expect(hpa(r)).toEqual(['cpu: 0%/50%', 1])

    r.more(LOAD_GENERATOR)
    const up = watch(r, 3)
    // docs: "the CPU consumption has increased to 305% of the request" — one replica is capped by its
    // 500m limit: 250% of its 200m request; the HPA grows it to 4 (at most max(2 × 1, 4)), then 7.
    const pct = (t: string) => Number(/^cpu: (\d+)%\/50%$/.exec(t)![1])
    expect(up[0][1]).toBe(1)
    expect(pct(up[0][0])).toBeGreaterThan(200)
    expect(pct(up[0][0])).toBeLessThanOrEqual(250)
    expect(rescales(r).slice(0, 1)).toEqual(['New size: 4; reason: cpu resource utilization (percentage of request) above target'])
    const [target, replicas] = up[up.length - 1]
    expect(replicas).toBe(7)
    expect(pct(target)).toBeGreaterThanOrEqual(45)
    expect(pct(target)).toBeLessThanOrEqual(55)
    expect(rows(r.more('kubectl get deployment php-apache').stdout)[0].slice(0, 2)).toEqual(['php-apache', '7/7'])

    r.more('kubectl delete pod load-generator')
    const down = watch(r, 7)
    // docs: "the resulting CPU utilization dropped to 0, and so HPA autoscaled the number of replicas back down to 1"
    // — not before the default 5-minute scale-down stabilization window.
    expect(down.slice(0, 16).every(([, n]) => n === 7)).toBe(true)
    expect(down[down.length - 1]).toEqual(['cpu: 0%/50%', 1])
    expect(rescales(r).pop()).toBe('New size: 1; reason: All metrics below target')
  })

  it('kubectl autoscale creates an autoscaling/v2 object; --cpu-percent still works with pflag\'s deprecation notice', () => {
    const r = run('kubectl apply -f application/php-apache.yaml\nkubectl autoscale deployment php-apache --cpu-percent=50 --min=1 --max=10')
    expect(r.stdout).toBe('deployment.apps/php-apache created\nservice/php-apache created\nhorizontalpodautoscaler.autoscaling/php-apache autoscaled\n')
    expect(r.stderr).toBe("Flag --cpu-percent has been deprecated, Use --cpu with percentage or resource quantity format (e.g., '70%' for utilization or '500m' for milliCPU).\n")
    const obj = r.cluster.api.get<HorizontalPodAutoscaler>('HorizontalPodAutoscaler', 'default', 'php-apache')
    expect(obj.apiVersion).toBe('autoscaling/v2')
    expect(obj.spec).toEqual({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'php-apache' }, minReplicas: 1, maxReplicas: 10,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }],
    })
    expect(r.more('kubectl get hpa').stdout).toBe(
      'NAME         REFERENCE               TARGETS              MINPODS   MAXPODS   REPLICAS   AGE\n' +
      'php-apache   Deployment/php-apache   cpu: <unknown>/50%   1         10        0          0s\n')
  })

  it('kubectl autoscale: --cpu and --memory quantities, and kubectl\'s errors', () => {
    const r = run('kubectl apply -f application/php-apache.yaml')
    expect(r.more('kubectl autoscale deploy/php-apache --max=5 --cpu=300 --memory=64Mi --name=by-value').stdout).toBe('horizontalpodautoscaler.autoscaling/by-value autoscaled\n')
    expect(r.cluster.api.get<HorizontalPodAutoscaler>('HorizontalPodAutoscaler', 'default', 'by-value').spec!.metrics).toEqual([
      { type: 'Resource', resource: { name: 'cpu', target: { type: 'AverageValue', averageValue: '300m' } } },
      { type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '64Mi' } } },
    ])
    expect(r.more('kubectl get hpa by-value --no-headers').stdout).toMatch(/^by-value\s+Deployment\/php-apache\s+cpu: <unknown>\/300m, memory: <unknown>\/64Mi\s+1\s+5\s+0\s+0s\n$/)
    expect(r.more('kubectl autoscale deployment php-apache --min=1').stderr).toBe('error: required flag(s) "max" not set\n')
    expect(r.more('kubectl autoscale deployment php-apache --min=5 --max=2').stderr).toBe('error: --max=MAXPODS must be larger or equal to --min=MINPODS, max: 2, min: 5\n')
    expect(r.more('kubectl autoscale deployment nope --max=2').stderr).toBe('Error from server (NotFound): deployments.apps "nope" not found\n')
    r.more('kubectl autoscale deployment php-apache --max=3 --cpu=50%')
    expect(r.more('kubectl autoscale deployment php-apache --max=3 --cpu=50%').stderr).toBe('Error from server (AlreadyExists): horizontalpodautoscalers.autoscaling "php-apache" already exists\n')
  })

  it('describe hpa shows the metric, the replica counts and the conditions as kubectl does', () => {
    const r = run('kubectl apply -f application/php-apache.yaml\nkubectl apply -f application/hpa/php-apache.yaml\nsleep 60s')
    const text = r.more('kubectl describe hpa php-apache').stdout
    expect(text).toMatch(/^Name:\s+php-apache\nNamespace:\s+default\n/)
    expect(text).toContain('Reference:                                             Deployment/php-apache\n')
    expect(text).toContain('Metrics:                                               ( current / target )\n  resource cpu on pods  (as a percentage of request):  0% (1m) / 50%\n')
    expect(text).toContain('Min replicas:                                          1\nMax replicas:                                          10\nDeployment pods:                                       1 current / 1 desired\n')
    expect(text).toContain('  ScalingActive   True    ValidMetricFound     the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)\n')
    // The first sync came before metrics-server had measured the new pod.
    expect(text).toMatch(/\n  Warning  FailedGetResourceMetric       45s   horizontal-pod-autoscaler  failed to get cpu utilization: unable to get metrics for resource cpu: no metrics returned from resource metrics API\n/)
  })

  it('describe hpa prints spec.behavior when the object has one', () => {
    const r = run(`kubectl apply -f application/php-apache.yaml
kubectl apply -f - <<EOF
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: php-apache}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: php-apache}
  maxReplicas: 5
  behavior:
    scaleDown:
      stabilizationWindowSeconds: 60
      policies: [{type: Pods, value: 1, periodSeconds: 30}]
EOF`)
    const text = r.more('kubectl describe hpa php-apache').stdout
    expect(text).toContain('  resource cpu on pods  (as a percentage of request):  <unknown> / 80%\n')
    expect(text).toContain([
      'Behavior:',
      '  Scale Up:',
      '    Stabilization Window: 0 seconds',
      '    Select Policy: Max',
      '    Policies:',
      '      - Type: Pods     Value: 4    Period: 15 seconds',
      '      - Type: Percent  Value: 100  Period: 15 seconds',
      '  Scale Down:',
      '    Stabilization Window: 60 seconds',
      '    Select Policy: Max',
      '    Policies:',
      '      - Type: Pods  Value: 1  Period: 30 seconds',
      'Deployment pods:',
    ].join('\n'))
  })
})
