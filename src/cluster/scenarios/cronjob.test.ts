// CronJobs (batch/v1) through the runner: the docs' hello CronJob applied unchanged, and the
// CronJob controller's rules of Kubernetes v1.35 (pkg/controller/cronjob, the v2 controller).
import { describe, expect, it } from 'vitest'
import type { CronJob, Job } from 'kubernetes-types/batch/v1'
import type { Event } from 'kubernetes-types/core/v1'
import { rows, run } from './run'

const HELLO = 'application/job/cronjob.yaml'
// The virtual clock starts at 2026-01-01T09:00:00Z: minute 29454300 since the epoch.
const MINUTE0 = 29454300

function events(r: ReturnType<typeof run>, name: string): string[] {
  return r.cluster.api.list<Event>('Event', { namespace: 'default' })
    .filter((e) => e.involvedObject.kind === 'CronJob' && e.involvedObject.name === name)
    .sort((a, b) => Number(a.metadata!.resourceVersion) - Number(b.metadata!.resourceVersion))
    .map((e) => `${e.reason} ${e.message}`)
}

function cron(name: string, spec: string, command: string): string {
  return `kubectl apply -f - <<EOF
apiVersion: batch/v1
kind: CronJob
metadata:
  name: ${name}
spec:
${spec}
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
          - name: main
            image: busybox:1.36
            command: ["sh", "-c", "${command}"]
EOF`
}

describe('the docs hello CronJob (application/job/cronjob.yaml)', () => {
  it('prints NAME SCHEDULE TIMEZONE SUSPEND ACTIVE LAST SCHEDULE AGE with the defaults', () => {
    const r = run(`kubectl apply -f ${HELLO}\nkubectl get cronjobs`)
    expect(r.stdout).toBe('cronjob.batch/hello created\n' +
      'NAME    SCHEDULE    TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE\n' +
      'hello   * * * * *   <none>     False     0        <none>          0s\n')
    const cj = r.cluster.api.get<CronJob>('CronJob', 'default', 'hello')
    expect(cj.spec).toMatchObject({ concurrencyPolicy: 'Allow', suspend: false, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1 })
  })

  it('creates a Job <cronjob>-<minutes since epoch> each minute, 100 ms after the minute', () => {
    const r = run(`kubectl apply -f ${HELLO}\nsleep 181\nkubectl get jobs -o name`)
    expect(r.stdout.trim().split('\n').slice(1)).toEqual([1, 2, 3].map((i) => `job.batch/hello-${MINUTE0 + i}`))
    const start = r.cluster.api.writes()[0].time
    const at = r.cluster.api.writes().filter((w) => w.kind === 'Job' && w.verb === 'create').map((w) => w.time - start)
    expect(at).toEqual([60_100, 120_100, 180_100])
    const job = r.cluster.api.get<Job>('Job', 'default', `hello-${MINUTE0 + 1}`)
    expect(job.metadata!.annotations!['batch.kubernetes.io/cronjob-scheduled-timestamp']).toBe('2026-01-01T09:01:00Z')
    expect(job.metadata!.ownerReferences).toEqual([expect.objectContaining({ apiVersion: 'batch/v1', kind: 'CronJob', name: 'hello', controller: true })])
  })

  it('an hour later: 3 successful Jobs kept (successfulJobsHistoryLimit), the older ones deleted with their pods', () => {
    const r = run(`kubectl apply -f ${HELLO}\nsleep 1h\nkubectl get cronjobs\nkubectl get jobs\nkubectl get pods`)
    const [cj] = rows(r.stdout.split('\n').slice(1, 3).join('\n'))
    expect(cj).toEqual(['hello', '* * * * *', '<none>', 'False', '0', '60s', '60m'])
    const jobs = r.stdout.split('\n').filter((l) => /^hello-\d+\s/.test(l) && !/-\d+-/.test(l))
    expect(jobs.map((l) => l.split(/\s+/)[0])).toEqual([57, 58, 59].map((i) => `hello-${MINUTE0 + i}`))
    expect(jobs.every((l) => /\sComplete\s+1\/1\s/.test(l))).toBe(true)
    expect(r.stdout.split('\n').filter((l) => /^hello-\d+-\S+\s+0\/1\s+Completed/.test(l))).toHaveLength(3)
    const ev = events(r, 'hello')
    expect(ev.slice(0, 2)).toEqual([`SuccessfulCreate Created job hello-${MINUTE0 + 1}`, `SawCompletedJob Saw completed job: hello-${MINUTE0 + 1}, condition: Complete`])
    expect(ev).toContain(`SuccessfulDelete Deleted job hello-${MINUTE0 + 1}`)
    const status = r.cluster.api.get<CronJob>('CronJob', 'default', 'hello').status!
    expect(status.lastScheduleTime).toBe('2026-01-01T09:59:00Z')
    expect(status.lastSuccessfulTime).toMatch(/^2026-01-01T09:59:0\dZ$/)
  })

  it('kubectl describe cronjob prints the v1.35 layout', () => {
    const r = run(`kubectl apply -f ${HELLO}\nsleep 70\nkubectl describe cronjob hello`)
    expect(r.stdout).toMatch(/\nName:\s+hello\nNamespace:\s+default\nLabels:\s+<none>\nAnnotations:\s+<none>\nSchedule:\s+\* \* \* \* \*\nConcurrency Policy:\s+Allow\nSuspend:\s+False\nSuccessful Job History Limit:\s+3\nFailed Job History Limit:\s+1\nStarting Deadline Seconds:\s+<unset>\nSelector:\s+<unset>\nParallelism:\s+<unset>\nCompletions:\s+<unset>\nPod Template:/)
    expect(r.stdout).toMatch(/Last Schedule Time:\s+Thu, 01 Jan 2026 09:01:00 \+0000\nActive Jobs:\s+<none>\n/)
    expect(r.stdout).toMatch(/Normal\s+SuccessfulCreate\s+10s\s+cronjob-controller\s+Created job hello-29454301/)
  })
})

describe('concurrency, suspend and time zones', () => {
  it('Forbid: no new Job while the last one runs (JobAlreadyActive); the missed time starts once it ends', () => {
    // The 09:01 run sleeps 150 s: 09:02 and 09:03 find it active; when it ends (~09:03:3x) the
    // most recent unmet time, 09:03, starts late, as no startingDeadlineSeconds forbids it.
    const r = run(`${cron('busy', '  schedule: "* * * * *"\n  concurrencyPolicy: Forbid', 'sleep 150')}\nsleep 240`)
    const jobs = r.cluster.api.list<Job>('Job', { namespace: 'default' }).map((j) => j.metadata!.name)
    expect(jobs).toEqual([`busy-${MINUTE0 + 1}`, `busy-${MINUTE0 + 3}`])
    expect(events(r, 'busy')).toContain('JobAlreadyActive Not starting job because prior execution is running and concurrency policy is Forbid')
  })

  it('Replace: the running Job is deleted and a new one created', () => {
    const r = run(`${cron('swap', '  schedule: "* * * * *"\n  concurrencyPolicy: Replace', 'sleep 3600')}\nsleep 130\nkubectl get cronjob swap`)
    expect(events(r, 'swap')).toEqual([
      `SuccessfulCreate Created job swap-${MINUTE0 + 1}`,
      `SuccessfulDelete Deleted job swap-${MINUTE0 + 1}`,
      `SuccessfulCreate Created job swap-${MINUTE0 + 2}`,
    ])
    expect(rows(r.stdout.split('\n').slice(1).join('\n'))[0][4]).toBe('1')
  })

  it('a suspended CronJob starts nothing', () => {
    const r = run(`${cron('paused', '  schedule: "* * * * *"\n  suspend: true', 'echo hi')}\nsleep 5m\nkubectl get cronjobs`)
    expect(r.cluster.api.list('Job')).toHaveLength(0)
    expect(r.stdout).toMatch(/paused\s+\* \* \* \* \*\s+<none>\s+True\s+0\s+<none>/)
  })

  it('timeZone: `0 10 * * *` in Europe/Paris runs at 09:00Z in January, annotated in the zone', () => {
    const r = run(`${cron('paris', '  schedule: "0 10 * * *"\n  timeZone: Europe/Paris', 'echo hi')}\nsleep 1m\nkubectl get cronjobs`)
    const [job] = r.cluster.api.list<Job>('Job', { namespace: 'default' })
    expect(job).toBeUndefined()
    r.more('sleep 24h')
    const names = r.cluster.api.list<Job>('Job', { namespace: 'default' })
    expect(names.map((j) => j.metadata!.name)).toEqual([`paris-${MINUTE0 + 24 * 60}`])
    expect(names[0].metadata!.annotations!['batch.kubernetes.io/cronjob-scheduled-timestamp']).toBe('2026-01-02T10:00:00+01:00')
    expect(r.stdout).toMatch(/paris\s+0 10 \* \* \*\s+Europe\/Paris\s+False/)
  })

  it('refuses a bad schedule and an unknown time zone with Kubernetes\' messages', () => {
    const r = run(`${cron('bad', '  schedule: "61 * * * *"\n  timeZone: Mars/Olympus', 'echo hi')}`)
    expect(r.stderr).toContain('The CronJob "bad" is invalid: \n* spec.schedule: Invalid value: "61 * * * *": end of range (61) above maximum (59): 61\n* spec.timeZone: Invalid value: "Mars/Olympus": unknown time zone Mars/Olympus')
    const tz = run(cron('tz', '  schedule: "CRON_TZ=UTC * * * * *"', 'echo hi'))
    expect(tz.stderr).toContain('spec.schedule: Invalid value: "CRON_TZ=UTC * * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead')
  })
})
