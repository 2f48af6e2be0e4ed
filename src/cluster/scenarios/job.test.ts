// Jobs (batch/v1) through the runner: the docs' manifests applied unchanged, and the Job
// controller's observable rules of Kubernetes v1.35 (pkg/controller/job).
import { describe, expect, it } from 'vitest'
import type { Job } from 'kubernetes-types/batch/v1'
import type { Event, Pod } from 'kubernetes-types/core/v1'
import { piDigits } from '../images/pi'
import { rows, run } from './run'

const SUFFIX = '[bcdfghjklmnpqrstvwxz2456789]{5}'

function jobEvents(r: ReturnType<typeof run>, name: string): string[] {
  return r.cluster.api.list<Event>('Event', { namespace: 'default' })
    .filter((e) => e.involvedObject.kind === 'Job' && e.involvedObject.name === name)
    .sort((a, b) => Number(a.metadata!.resourceVersion) - Number(b.metadata!.resourceVersion))
    .map((e) => `${e.type} ${e.reason} ${e.message}`)
}

const job = (r: ReturnType<typeof run>, name: string) => r.cluster.api.get<Job>('Job', 'default', name)
const pods = (r: ReturnType<typeof run>) => r.cluster.api.list<Pod>('Pod', { namespace: 'default' })
const created = (r: ReturnType<typeof run>, name: string) => r.cluster.api.writes()
  .filter((w) => w.actor === 'job-controller' && w.verb === 'create' && w.kind === 'Pod' && w.name.startsWith(`${name}-`))
  .map((w) => (w.time - r.cluster.api.writes()[0].time) / 1000)

function inline(name: string, spec: string, container: string): string {
  return `kubectl apply -f - <<EOF
apiVersion: batch/v1
kind: Job
metadata:
  name: ${name}
spec:
${spec}
  template:
    spec:
${container}
EOF`
}

const failing = (name: string, policy: string, extra = '  backoffLimit: 2') => inline(name, extra, `      restartPolicy: ${policy}
      containers:
      - name: main
        image: busybox:1.36
        command: ["sh", "-c", "echo failing; exit 1"]`)

describe('the docs pi Job (controllers/job.yaml)', () => {
  it('creates one pod <job>-<5 chars>, runs it to completion and reports Complete 1/1', () => {
    const r = run('kubectl apply -f controllers/job.yaml\nkubectl get jobs\nkubectl get pods -o name')
    expect(r.stderr).toBe('')
    const lines = r.stdout.split('\n')
    expect(lines[0]).toBe('job.batch/pi created')
    // kube v1.35 printJob: NAME STATUS COMPLETIONS DURATION AGE
    expect(lines[1]).toMatch(/^NAME\s+STATUS\s+COMPLETIONS\s+DURATION\s+AGE$/)
    expect(lines[2]).toMatch(/^pi\s+Running\s+0\/1\s+0s\s+0s$/)
    expect(lines[3]).toMatch(new RegExp(`^pod/pi-${SUFFIX}$`))
    const later = r.more('sleep 60\nkubectl get jobs\nkubectl get pods')
    const [jobRow] = rows(later.stdout.split('\n').slice(0, 2).join('\n'))
    expect(jobRow.slice(0, 3)).toEqual(['pi', 'Complete', '1/1'])
    expect(later.stdout).toMatch(/pi-\S+\s+0\/1\s+Completed\s+0\s+60s/)
  })

  it('its pod prints π to the digits asked for (perl -Mbignum=bpi -wle "print bpi(1000)")', () => {
    const r = run('kubectl apply -f controllers/job.yaml\nsleep 60')
    const pod = pods(r)[0]
    const text = r.cluster.nodes.logs('default', pod.metadata!.name!, 'pi').map((l) => (l as { text?: string; line?: string }).text ?? (l as { line?: string }).line).join('\n')
    expect(text).toBe(piDigits(1000))
    expect(text.startsWith('3.14159265358979')).toBe(true)
  })

  it('defaults and the generated selector: controller-uid selector, job-name and controller-uid labels (new and legacy keys)', () => {
    const r = run('kubectl apply -f controllers/job.yaml')
    const j = job(r, 'pi')
    const uid = j.metadata!.uid!
    expect(j.spec).toMatchObject({ completions: 1, parallelism: 1, backoffLimit: 4, completionMode: 'NonIndexed', suspend: false, podReplacementPolicy: 'TerminatingOrFailed' })
    expect(j.spec!.selector).toEqual({ matchLabels: { 'batch.kubernetes.io/controller-uid': uid } })
    const labels = { 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': 'pi', 'controller-uid': uid, 'job-name': 'pi' }
    expect(j.spec!.template.metadata!.labels).toEqual(labels)
    expect(j.metadata!.labels).toEqual(labels)
    expect(pods(r)[0].metadata!.labels).toEqual(labels)
  })

  it('tracks the pod with the job-tracking finalizer until counted, then SuccessCriteriaMet and Complete (v1.31+)', () => {
    const r = run('kubectl apply -f controllers/job.yaml')
    const pod = pods(r)[0]
    expect(pod.metadata!.finalizers).toEqual(['batch.kubernetes.io/job-tracking'])
    expect(pod.metadata!.ownerReferences).toEqual([expect.objectContaining({ kind: 'Job', name: 'pi', controller: true, blockOwnerDeletion: true })])
    expect(job(r, 'pi').status).toMatchObject({ active: 1, ready: 0, terminating: 0, uncountedTerminatedPods: {} })
    r.more('sleep 60')
    expect(pods(r)[0].metadata!.finalizers).toBeUndefined()
    const st = job(r, 'pi').status!
    expect(st.conditions!.map((c) => `${c.type} ${c.reason} ${c.message}`)).toEqual([
      'SuccessCriteriaMet CompletionsReached Reached expected number of succeeded pods',
      'Complete CompletionsReached Reached expected number of succeeded pods',
    ])
    expect(st).toMatchObject({ succeeded: 1, ready: 0, terminating: 0, uncountedTerminatedPods: {} })
    expect(st.active).toBeUndefined()
    expect(st.completionTime).toBe(st.conditions![1].lastTransitionTime)
    expect(jobEvents(r, 'pi')).toEqual([`Normal SuccessfulCreate Created pod: ${pod.metadata!.name}`, 'Normal Completed Job completed'])
  })

  it('kubectl describe job prints the v1.35 layout', () => {
    const r = run('kubectl apply -f controllers/job.yaml\nsleep 60\nkubectl describe job pi')
    const out = r.stdout
    expect(out).toMatch(/\nCompletion Mode:\s+NonIndexed\nSuspend:\s+false\nBackoff Limit:\s+4\nStart Time:\s+Thu, 01 Jan 2026 09:00:00 \+0000\nCompleted At:\s+.*\nDuration:\s+\d+s\nPods Statuses:\s+0 Active \(0 Ready\) \/ 1 Succeeded \/ 0 Failed\n/)
    expect(out).toMatch(/Normal\s+Completed\s+\S+\s+job-controller\s+Job completed/)
  })
})

describe('failures and the backoff limit', () => {
  it('replaces a failed pod after 10 s, then 20 s (back-off from the failure time), and fails past backoffLimit', () => {
    const r = run(`${failing('fail', 'Never')}\nsleep 2m\nkubectl get jobs`)
    expect(created(r, 'fail')).toEqual([0, 10, 30])
    expect(r.stdout).toMatch(/fail\s+Failed\s+0\/1/)
    const st = job(r, 'fail').status!
    expect(st.failed).toBe(3)
    expect(st.conditions!.map((c) => `${c.type} ${c.reason}`)).toEqual(['FailureTarget BackoffLimitExceeded', 'Failed BackoffLimitExceeded'])
    expect(jobEvents(r, 'fail').at(-1)).toBe('Warning BackoffLimitExceeded Job has reached the specified backoff limit')
  })

  it('with restartPolicy OnFailure the kubelet restarts in place and restarts count toward backoffLimit', () => {
    const r = run(`${failing('crash', 'OnFailure')}\nsleep 3m\nkubectl get jobs`)
    expect(created(r, 'crash')).toEqual([0])
    expect(r.stdout).toMatch(/crash\s+Failed\s+0\/1/)
    const ev = jobEvents(r, 'crash')
    expect(ev[1]).toMatch(/^Normal SuccessfulDelete Deleted pod: crash-/)
    expect(ev[2]).toBe('Warning BackoffLimitExceeded Job has reached the specified backoff limit')
    expect(job(r, 'crash').status!.failed).toBe(1)
  })

  it('activeDeadlineSeconds ends the Job with DeadlineExceeded and deletes its pods', () => {
    const r = run(inline('slow', '  activeDeadlineSeconds: 20', `      restartPolicy: Never
      containers:
      - name: main
        image: busybox:1.36
        command: ["sleep", "3600"]`) + '\nsleep 19\nkubectl get jobs\nsleep 60\nkubectl get jobs')
    expect(r.stdout).toMatch(/slow\s+Running\s+0\/1/)
    expect(r.stdout).toMatch(/slow\s+Failed\s+0\/1/)
    const ev = jobEvents(r, 'slow')
    expect(ev).toContain('Warning DeadlineExceeded Job was active longer than specified deadline')
    expect(ev.some((e) => e.startsWith('Normal SuccessfulDelete Deleted pod: slow-'))).toBe(true)
    const failedAt = job(r, 'slow').status!.conditions!.find((c) => c.type === 'FailureTarget')!.lastTransitionTime
    expect(failedAt).toBe('2026-01-01T09:00:20Z')
  })

  it('the docs podFailurePolicy FailJob example fails the Job on exit code 42 without retrying', () => {
    const r = run('kubectl apply -f controllers/job-pod-failure-policy-failjob.yaml\nsleep 2m\nkubectl get jobs')
    expect(r.stdout).toMatch(/job-pod-failure-policy-failjob\s+Failed\s+0\/8/)
    const j = job(r, 'job-pod-failure-policy-failjob')
    expect(j.spec!.podReplacementPolicy).toBe('Failed')
    const failed = j.status!.conditions!.find((c) => c.type === 'Failed')!
    expect(failed.reason).toBe('PodFailurePolicy')
    expect(failed.message).toMatch(/^Container main for pod default\/job-pod-failure-policy-failjob-\S+ failed with exit code 42 matching FailJob rule at index 0$/)
    expect(created(r, 'job-pod-failure-policy-failjob')).toEqual([0, 0])
  })
})

describe('Indexed Jobs', () => {
  it('the docs indexed-job: pods <job>-<index>-<5 chars>, hostname <job>-<index>, index annotation, label and env, 3 at a time', () => {
    // Before the first pods finish (their images pull in well under a second): 3 at a time.
    const r = run('kubectl apply -f application/job/indexed-job.yaml\nsleep 0.5')
    const ps = pods(r).sort((a, b) => a.metadata!.name!.localeCompare(b.metadata!.name!))
    expect(ps.map((p) => p.metadata!.name)).toEqual([0, 1, 2].map((i) => expect.stringMatching(new RegExp(`^indexed-job-${i}-${SUFFIX}$`))))
    ps.forEach((p, i) => {
      expect(p.spec!.hostname).toBe(`indexed-job-${i}`)
      expect(p.metadata!.annotations!['batch.kubernetes.io/job-completion-index']).toBe(String(i))
      expect(p.metadata!.labels!['batch.kubernetes.io/job-completion-index']).toBe(String(i))
      for (const c of [...p.spec!.initContainers!, ...p.spec!.containers]) {
        expect(c.env).toContainEqual({ name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { fieldPath: "metadata.annotations['batch.kubernetes.io/job-completion-index']" } } })
      }
    })
    // Each worker's output is checked in pod-env-volumes.test.ts (emptyDir shared with the init container).
  })

  it('completes every index once and reports completedIndexes', () => {
    const r = run(inline('idx', '  completions: 5\n  parallelism: 2\n  completionMode: Indexed', `      restartPolicy: Never
      containers:
      - name: main
        image: busybox:1.36
        command: ["sh", "-c", "sleep 5"]`) + '\nsleep 2\nkubectl get pods -o name\nsleep 2m\nkubectl get jobs\nkubectl describe job idx')
    expect(r.stdout.split('\n').filter((l) => l.startsWith('pod/'))).toHaveLength(2)
    expect(r.stdout).toMatch(/idx\s+Complete\s+5\/5/)
    expect(r.stdout).toMatch(/Completed Indexes:\s+0-4\n/)
    expect(job(r, 'idx').status!.completedIndexes).toBe('0-4')
  })
})

describe('suspend, TTL and validation', () => {
  it('a suspended Job creates no pods, says Suspended, and runs when resumed', () => {
    const r = run(inline('later', '  suspend: true', `      restartPolicy: Never
      containers:
      - name: main
        image: busybox:1.36
        command: ["sh", "-c", "echo hi"]`) + '\nsleep 5\nkubectl get jobs')
    expect(r.stdout).toMatch(/later\s+Suspended\s+0\/1\s+\s+5s/)
    expect(pods(r)).toHaveLength(0)
    expect(job(r, 'later').status!.conditions).toEqual([expect.objectContaining({ type: 'Suspended', status: 'True', reason: 'JobSuspended', message: 'Job suspended' })])
    r.cluster.api.patch('Job', 'default', 'later', { spec: { suspend: false } }, { actor: 'kubectl' })
    r.more('sleep 30')
    // kube: manageJob runs before the Suspended condition is updated, so the pod comes before "Resumed".
    expect(jobEvents(r, 'later')).toEqual(['Normal Suspended Job suspended', expect.stringMatching(/^Normal SuccessfulCreate/), 'Normal Resumed Job resumed', 'Normal Completed Job completed'])
  })

  it('ttlSecondsAfterFinished: the TTL controller deletes the Job (Foreground) and its pods after the TTL', () => {
    const r = run(inline('brief', '  ttlSecondsAfterFinished: 30', `      restartPolicy: Never
      containers:
      - name: main
        image: busybox:1.36
        command: ["sh", "-c", "echo hi"]`) + '\nsleep 20\nkubectl get jobs\nsleep 60\nkubectl get jobs\nkubectl get pods')
    expect(r.stdout).toMatch(/brief\s+Complete/)
    expect(r.stderr).toContain('No resources found in default namespace.')
    const del = r.cluster.api.writes().find((w) => w.kind === 'Job' && w.actor === 'ttl-after-finished-controller')
    expect(del?.verb).toBe('delete')
    expect(pods(r)).toHaveLength(0)
  })

  it('a Job template with restartPolicy Always (or unset) is refused with the Kubernetes message', () => {
    const r = run(inline('bad', '  completions: 1', `      containers:
      - name: main
        image: busybox:1.36`))
    expect(r.stderr).toContain('The Job "bad" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"')
  })
})
