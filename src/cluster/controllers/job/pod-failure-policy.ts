/**
 * The Job's podFailurePolicy (kube: pkg/controller/job/pod_failure_policy.go): the first rule that
 * matches a failed pod decides — FailJob fails the whole Job at once, Ignore does not count the
 * failure toward backoffLimit, Count counts it as usual. No match counts it too.
 */
import type { Job, PodFailurePolicyRule } from 'kubernetes-types/batch/v1'
import type { ContainerStatus, Pod } from 'kubernetes-types/core/v1'

export interface PolicyMatch {
  /** Set for FailJob: the message of the Job's FailureTarget and Failed conditions. */
  failJobMessage?: string
  countFailed: boolean
  action?: string
}

function exitCodeMatches(rule: PodFailurePolicyRule, s: ContainerStatus): boolean {
  const req = rule.onExitCodes!
  if (req.containerName && req.containerName !== s.name) return false
  const code = s.state?.terminated?.exitCode
  // kube: only containers that terminated with a non-zero code are matched.
  if (code === undefined || code === 0) return false
  const listed = req.values.includes(code)
  return req.operator === 'In' ? listed : !listed
}

/** kube: matchPodFailurePolicy. */
export function matchPodFailurePolicy(job: Job, pod: Pod): PolicyMatch {
  const rules = job.spec?.podFailurePolicy?.rules ?? []
  const meta = pod.metadata ?? {}
  for (let index = 0; index < rules.length; index++) {
    const rule = rules[index]
    let matched: string | undefined
    if (rule.onExitCodes) {
      const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])]
      const s = statuses.find((x) => exitCodeMatches(rule, x))
      if (s) {
        matched = `Container ${s.name} for pod ${meta.namespace}/${meta.name} failed with exit code ${s.state!.terminated!.exitCode} matching ${rule.action} rule at index ${index}`
      }
    } else if (rule.onPodConditions?.length) {
      for (const pattern of rule.onPodConditions) {
        const c = pod.status?.conditions?.find((x) => x.type === pattern.type && x.status === (pattern.status || 'True'))
        if (c) {
          matched = `Pod ${meta.namespace}/${meta.name} has condition ${c.type} matching ${rule.action} rule at index ${index}`
          break
        }
      }
    }
    if (matched === undefined) continue
    switch (rule.action) {
      case 'FailJob': return { failJobMessage: matched, countFailed: true, action: rule.action }
      case 'Ignore': return { countFailed: false, action: rule.action }
      default: return { countFailed: true, action: rule.action }
    }
  }
  return { countFailed: true }
}
