/**
 * Kubernetes' default timings, which the simulation follows unless a faster profile is chosen.
 * Every value cites the component flag or constant it mirrors (Kubernetes v1.35).
 */
export interface Timings {
  /** kube-controller-manager --node-monitor-period */
  nodeMonitorPeriodMs: number
  /** kube-controller-manager --node-monitor-grace-period: 50 s since v1.32 (was 40 s). */
  nodeMonitorGracePeriodMs: number
  /** kube-controller-manager --node-startup-grace-period */
  nodeStartupGracePeriodMs: number
  /** kubelet nodeLeaseDurationSeconds */
  nodeLeaseDurationMs: number
  /** kubelet: lease renew interval is 25% of the lease duration. */
  nodeLeaseRenewIntervalMs: number
  /** kubelet nodeStatusUpdateFrequency */
  nodeStatusUpdateFrequencyMs: number
  /** kubelet nodeStatusReportFrequency: a status is posted at least this often when unchanged. */
  nodeStatusReportFrequencyMs: number
  /** DefaultTolerationSeconds admission: --default-not-ready-toleration-seconds / unreachable. */
  defaultTolerationSeconds: number
}

export const KUBE_DEFAULT_TIMINGS: Timings = {
  nodeMonitorPeriodMs: 5_000,
  nodeMonitorGracePeriodMs: 50_000,
  nodeStartupGracePeriodMs: 60_000,
  nodeLeaseDurationMs: 40_000,
  nodeLeaseRenewIntervalMs: 10_000,
  nodeStatusUpdateFrequencyMs: 10_000,
  nodeStatusReportFrequencyMs: 300_000,
  defaultTolerationSeconds: 300,
}
