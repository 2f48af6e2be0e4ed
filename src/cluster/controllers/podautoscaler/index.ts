/**
 * The HorizontalPodAutoscaler controller: replica-calculator.ts (what a metric asks for),
 * behavior.ts (stabilization windows and scaling policies), horizontal.ts (the control loop).
 */
export { HorizontalController, HPA_CONTROLLER, HPA_SYNC_PERIOD_MS } from './horizontal'
