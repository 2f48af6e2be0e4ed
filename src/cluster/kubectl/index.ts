/**
 * kubectl for the simulated cluster. `runKubectl` parses one command line the way kubectl does
 * (flags, resource names, `-f` manifests) and prints what kubectl v1.35 prints: the same table
 * columns and ages, `-o yaml|json|name`, describe pages, apply/create/delete/scale messages and
 * error texts. It talks to the cluster only through the API, as the real kubectl does over HTTP.
 * `runScript` runs a file of such lines (plus `sleep` and `node kill`) on virtual time: the
 * headless runner behind `npm run sim`. `watchGet` streams `get -w` and `events -w` for hosts that
 * keep a command open (the terminal).
 */
export { runKubectl } from './kubectl'
export { watchGet, type WatchChunk } from './watch'
export { complete, type Completion } from './complete'
export { applyEdit } from './commands/edit'
export { runScript, parseScript, type ScriptChunk, type ScriptOptions, type ScriptResult } from './script'
export type { EditRequest, KubectlHost, KubectlOptions, KubectlResult, NodeControl, PortForward } from './host'
export { KubeConfig } from './kubeconfig'
export { humanDuration } from './duration'
export { summarizePod } from './printers/columns/pod'
export { toYaml, toJson } from './printers/yaml'
import { loadSchema } from './explain/schema'
export { loadSchema }
export { explainCompletions } from './explain/paths'

// `kubectl explain` reads the API schema, a separate lazily loaded chunk: start fetching it as soon as
// kubectl itself is loaded, so it is there by the time someone types `explain`.
void loadSchema()
export { followLogs, FOLLOW_POLL_MS } from './follow'
export { followRollout } from './follow-rollout'
