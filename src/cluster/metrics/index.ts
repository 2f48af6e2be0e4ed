/**
 * Resource metrics (metrics.k8s.io): metrics-server scrapes the kubelets' usage summaries and serves
 * the latest PodMetrics and NodeMetrics to kubectl top and the HorizontalPodAutoscaler controller.
 */
export * from './metrics-server'
