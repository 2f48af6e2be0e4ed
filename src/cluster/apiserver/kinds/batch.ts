/**
 * Job and CronJob (batch/v1): defaulting (kube: pkg/apis/batch/v1/defaults.go), the Job's generated
 * selector and tracking labels (kube: pkg/registry/batch/job/strategy.go) and validation
 * (kube: pkg/apis/batch/validation) with Kubernetes' messages.
 */
import type { CronJob, Job, JobSpec, JobTemplateSpec } from 'kubernetes-types/batch/v1'
import type { KubeObject } from '../types'
import { fromLabelSelector, matches } from '../labels'
import { type Causes, checkInt, forbidden, invalid, isObject, required, typeError, unsupported, validateLabels } from '../validation'
import { checkPodSpecTypes, defaultPodSpec, validatePodSpec } from './podspec'
import { info, type KindDef } from './kind'
import { CronParseError, parseSchedule } from '../../controllers/cronjob/schedule'
import { loadLocationError } from '../../controllers/cronjob/timezone'

// kube: batch.ControllerUidLabel, batch.JobNameLabel and their legacy forms, all on every Job pod.
export const CONTROLLER_UID_LABEL = 'batch.kubernetes.io/controller-uid'
export const JOB_NAME_LABEL = 'batch.kubernetes.io/job-name'
export const LEGACY_CONTROLLER_UID_LABEL = 'controller-uid'
export const LEGACY_JOB_NAME_LABEL = 'job-name'

type W<T> = { -readonly [K in keyof T]: T[K] }

function checkJobSpecTypes(spec: unknown, path: string): Causes {
  if (!isObject(spec)) return spec === undefined ? [required(path)] : [typeError(path, spec, 'object')]
  const out: Causes = []
  for (const f of ['parallelism', 'completions', 'backoffLimit', 'activeDeadlineSeconds', 'ttlSecondsAfterFinished']) {
    checkInt(`${path}.${f}`, spec[f], out)
  }
  if (spec.suspend !== undefined && typeof spec.suspend !== 'boolean') out.push(typeError(`${path}.suspend`, spec.suspend, 'boolean'))
  if (spec.template === undefined) out.push(required(`${path}.template`))
  else if (!isObject(spec.template)) out.push(typeError(`${path}.template`, spec.template, 'object'))
  else {
    const t = spec.template
    if (t.metadata !== undefined && !isObject(t.metadata)) out.push(typeError(`${path}.template.metadata`, t.metadata, 'object'))
    out.push(...checkPodSpecTypes(t.spec, `${path}.template.spec`))
  }
  return out
}

/** kube: SetDefaults_Job. */
function defaultJobSpec(spec: W<JobSpec>): void {
  // A non-parallel Job may leave both unset: both become 1. Parallelism alone defaults to 1.
  if (spec.completions === undefined && spec.parallelism === undefined) spec.completions = 1
  spec.parallelism ??= 1
  spec.backoffLimit ??= spec.backoffLimitPerIndex !== undefined ? 2147483647 : 6
  spec.completionMode ??= 'NonIndexed'
  spec.suspend ??= false
  for (const rule of spec.podFailurePolicy?.rules ?? []) for (const p of rule.onPodConditions ?? []) (p as W<typeof p>).status ||= 'True'
  // kube v1.34+ (JobPodReplacementPolicy GA): Failed when a podFailurePolicy is set, else TerminatingOrFailed.
  spec.podReplacementPolicy ??= spec.podFailurePolicy ? 'Failed' : 'TerminatingOrFailed'
  if (spec.template?.spec) defaultPodSpec(spec.template.spec)
}

/**
 * kube: generateSelector — the template gets the job-name and controller-uid labels (new and
 * legacy keys) and the selector matches the controller uid, unless `manualSelector` is true.
 */
function generateSelector(job: W<Job>, uid: string): void {
  const spec = job.spec as W<JobSpec>
  if (spec.manualSelector === true) return
  const template = spec.template as W<JobSpec['template']>
  const labels = { ...(template.metadata?.labels ?? {}) }
  for (const k of [LEGACY_JOB_NAME_LABEL, JOB_NAME_LABEL]) labels[k] ??= job.metadata!.name!
  for (const k of [LEGACY_CONTROLLER_UID_LABEL, CONTROLLER_UID_LABEL]) labels[k] ??= uid
  template.metadata = { ...(template.metadata ?? {}), labels }
  const selector = { ...(spec.selector ?? {}) }
  selector.matchLabels = { ...(selector.matchLabels ?? {}) }
  selector.matchLabels[CONTROLLER_UID_LABEL] ??= uid
  spec.selector = selector
}

/** The server fills the uid before PrepareForCreate, as Kubernetes does. */
function upcomingUid(obj: KubeObject): string {
  return obj.metadata?.uid ?? ''
}

/** kube: validateJobSpec / ValidateJobTemplateSpec, for the parts the simulation uses. */
function validateJobSpec(spec: JobSpec, path: string, generated: boolean): Causes {
  const out: Causes = []
  for (const f of ['parallelism', 'completions', 'backoffLimit', 'ttlSecondsAfterFinished'] as const) {
    const v = spec[f]
    if (v !== undefined && v < 0) out.push(invalid(`${path}.${f}`, v, 'must be greater than or equal to 0'))
  }
  if (spec.activeDeadlineSeconds !== undefined && spec.activeDeadlineSeconds <= 0) {
    out.push(invalid(`${path}.activeDeadlineSeconds`, spec.activeDeadlineSeconds, 'must be greater than 0'))
  }
  const mode = spec.completionMode
  if (mode !== undefined && mode !== 'NonIndexed' && mode !== 'Indexed') {
    out.push(unsupported(`${path}.completionMode`, mode, ['NonIndexed', 'Indexed']))
  }
  if (mode === 'Indexed' && spec.completions === undefined) out.push(required(`${path}.completions`, 'when completion mode is Indexed'))
  const labels = spec.template?.metadata?.labels
  if (generated) {
    if (!spec.selector) out.push(required(`${path}.selector`))
    else {
      const sel = fromLabelSelector(spec.selector)
      if (!sel || sel.length === 0) out.push(invalid(`${path}.selector`, spec.selector, 'empty selector is invalid for job'))
      else if (!matches(sel, labels)) out.push(invalid(`${path}.template.metadata.labels`, labels ?? {}, '`selector` does not match template `labels`'))
    }
  }
  out.push(...validateLabels(`${path}.template.metadata.labels`, labels))
  if (spec.template?.spec) {
    const ps = spec.template.spec
    out.push(...validatePodSpec(ps, `${path}.template.spec`))
    // Pod defaulting may have turned an unset restartPolicy into Always: both are refused.
    const rp = ps.restartPolicy
    if (!rp || rp === 'Always') out.push(required(`${path}.template.spec.restartPolicy`, 'valid values: "OnFailure", "Never"'))
    else if (rp !== 'OnFailure' && rp !== 'Never') out.push(unsupported(`${path}.template.spec.restartPolicy`, rp, ['OnFailure', 'Never']))
    else if (spec.podFailurePolicy && rp !== 'Never') {
      out.push(invalid(`${path}.template.spec.restartPolicy`, rp, 'only "Never" is supported when podFailurePolicy is specified'))
    }
  }
  out.push(...validatePodFailurePolicy(spec, path))
  return out
}

const PFP_ACTIONS = ['Count', 'FailIndex', 'FailJob', 'Ignore']

function validatePodFailurePolicy(spec: JobSpec, path: string): Causes {
  const out: Causes = []
  ;(spec.podFailurePolicy?.rules ?? []).forEach((rule, i) => {
    const rp = `${path}.podFailurePolicy.rules[${i}]`
    if (!PFP_ACTIONS.includes(rule.action)) out.push(unsupported(`${rp}.action`, rule.action, PFP_ACTIONS))
    if (!rule.onExitCodes && !rule.onPodConditions?.length) {
      out.push(invalid(rp, 'specifying one of OnExitCodes and OnPodConditions is required', 'specifying one of OnExitCodes and OnPodConditions is required'))
    }
    const ec = rule.onExitCodes
    if (ec) {
      if (ec.operator !== 'In' && ec.operator !== 'NotIn') out.push(unsupported(`${rp}.onExitCodes.operator`, ec.operator, ['In', 'NotIn']))
      if (!ec.values?.length) out.push(required(`${rp}.onExitCodes.values`))
      if (ec.operator === 'In' && ec.values?.includes(0)) out.push(invalid(`${rp}.onExitCodes.values[${ec.values.indexOf(0)}]`, 0, 'must not be 0 for the In operator'))
    }
  })
  return out
}

function jobSpecOf(obj: KubeObject): W<JobSpec> {
  return (obj as Job).spec as W<JobSpec>
}

export const jobKind: KindDef = {
  info: info({ kind: 'Job', apiVersion: 'batch/v1', resource: 'jobs', categories: ['all'] }),
  nameRule: 'subdomain',
  checkTypes: (obj) => checkJobSpecTypes(obj.spec, 'spec'),
  applyDefaults: (obj) => defaultJobSpec(jobSpecOf(obj)),
  prepareForCreate: (obj) => {
    obj.status = {}
    generateSelector(obj as W<Job>, upcomingUid(obj))
    // kube: SetDefaults_Job copies the template labels to a Job that has none (it runs again when
    // the stored object is read, so a real cluster shows the generated labels on the Job too).
    const meta = obj.metadata!
    const tl = jobSpecOf(obj).template?.metadata?.labels
    if (tl && !Object.keys(meta.labels ?? {}).length) meta.labels = { ...tl }
  },
  validate: (obj) => validateJobSpec(jobSpecOf(obj), 'spec', true),
  validateUpdate: (obj, old) => {
    const a = jobSpecOf(obj)
    const b = jobSpecOf(old)
    const out: Causes = []
    if (JSON.stringify(a.selector) !== JSON.stringify(b.selector)) out.push(invalid('spec.selector', a.selector, 'field is immutable'))
    if (a.completionMode !== b.completionMode) out.push(invalid('spec.completionMode', a.completionMode, 'field is immutable'))
    if (a.completions !== b.completions && a.completionMode !== 'Indexed') out.push(invalid('spec.completions', a.completions, 'field is immutable'))
    if (a.podFailurePolicy && JSON.stringify(a.podFailurePolicy) !== JSON.stringify(b.podFailurePolicy)) {
      out.push(invalid('spec.podFailurePolicy', '', 'field is immutable'))
    }
    return out
  },
}

// kube: CronJob names are at most 52 characters, leaving room for the `-<minutes>` suffix of its Jobs.
const CRONJOB_NAME_MAX = 52
const TIME_ZONE_PART = /^[A-Za-z.\-_0-9+]{1,14}$/

function validateTimeZone(zone: string | undefined, out: Causes): void {
  if (zone === undefined || zone === null) return
  const f = 'spec.timeZone'
  if (zone.length === 0) return void out.push(invalid(f, zone, 'timeZone must be nil or non-empty string'))
  for (const part of zone.split('/')) {
    if (part === '.' || part === '..' || part.startsWith('-') || !TIME_ZONE_PART.test(part)) {
      return void out.push(invalid(f, zone, `unknown time zone ${zone}`))
    }
  }
  if (zone.toLowerCase() === 'local') out.push(invalid(f, zone, 'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones'))
  const err = loadLocationError(zone)
  if (err) out.push(invalid(f, zone, err))
}

function validateSchedule(schedule: string | undefined, out: Causes): void {
  if (!schedule) return void out.push(required('spec.schedule'))
  try {
    parseSchedule(schedule)
  } catch (e) {
    if (!(e instanceof CronParseError)) throw e
    out.push(invalid('spec.schedule', schedule, e.message))
  }
  if (schedule.includes('TZ')) out.push(invalid('spec.schedule', schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'))
}

function checkCronJobTypes(obj: KubeObject): Causes {
  const spec = obj.spec as unknown
  if (!isObject(spec)) return spec === undefined ? [required('spec')] : [typeError('spec', spec, 'object')]
  const out: Causes = []
  if (spec.schedule !== undefined && typeof spec.schedule !== 'string') out.push(typeError('spec.schedule', spec.schedule, 'string'))
  if (spec.timeZone !== undefined && typeof spec.timeZone !== 'string') out.push(typeError('spec.timeZone', spec.timeZone, 'string'))
  for (const f of ['startingDeadlineSeconds', 'successfulJobsHistoryLimit', 'failedJobsHistoryLimit']) checkInt(`spec.${f}`, spec[f], out)
  const jt = spec.jobTemplate
  if (jt === undefined) out.push(required('spec.jobTemplate'))
  else if (!isObject(jt)) out.push(typeError('spec.jobTemplate', jt, 'object'))
  else out.push(...checkJobSpecTypes(jt.spec, 'spec.jobTemplate.spec'))
  return out
}

const CONCURRENCY = ['Allow', 'Forbid', 'Replace']

export const cronJobKind: KindDef = {
  info: info({ kind: 'CronJob', apiVersion: 'batch/v1', resource: 'cronjobs', shortNames: ['cj'], categories: ['all'] }),
  nameRule: 'subdomain',
  checkTypes: checkCronJobTypes,
  applyDefaults: (obj) => {
    // kube: SetDefaults_CronJob.
    const spec = (obj as CronJob).spec as W<CronJob['spec'] & object>
    spec.concurrencyPolicy ??= 'Allow'
    spec.suspend ??= false
    spec.successfulJobsHistoryLimit ??= 3
    spec.failedJobsHistoryLimit ??= 1
    const tpl = spec.jobTemplate?.spec?.template?.spec
    if (tpl) defaultPodSpec(tpl)
  },
  prepareForCreate: (obj) => {
    obj.status = {}
  },
  validate: (obj) => {
    const cj = obj as CronJob
    const spec = cj.spec!
    const out: Causes = []
    const name = cj.metadata?.name ?? ''
    if (name.length > CRONJOB_NAME_MAX) out.push(invalid('metadata.name', name, `must be no more than ${CRONJOB_NAME_MAX} characters`))
    validateSchedule(spec.schedule, out)
    validateTimeZone(spec.timeZone, out)
    if (spec.concurrencyPolicy && !CONCURRENCY.includes(spec.concurrencyPolicy)) {
      out.push(unsupported('spec.concurrencyPolicy', spec.concurrencyPolicy, CONCURRENCY))
    }
    for (const f of ['startingDeadlineSeconds', 'successfulJobsHistoryLimit', 'failedJobsHistoryLimit'] as const) {
      const v = spec[f]
      if (v !== undefined && v < 0) out.push(invalid(`spec.${f}`, v, 'must be greater than or equal to 0'))
    }
    const jt = spec.jobTemplate as JobTemplateSpec | undefined
    if (jt?.spec) {
      if (jt.spec.manualSelector === undefined && jt.spec.selector) {
        out.push(forbidden('spec.jobTemplate.spec.selector', '`selector` will be auto-generated'))
      }
      out.push(...validateJobSpec(jt.spec, 'spec.jobTemplate.spec', false))
    }
    return out
  },
}
