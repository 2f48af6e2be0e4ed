/**
 * kubectl for the simulated cluster. `runKubectl` parses one command line the way kubectl does
 * (flags, resource names, `-f` manifests) and prints what kubectl v1.35 prints: the same table
 * columns and ages, `-o yaml|json|name`, describe pages, apply/create/delete/scale messages and
 * error texts. It talks to the cluster only through the API, as the real kubectl does over HTTP.
 * `runScript` runs a file of such lines (plus `sleep` and `node kill`) on virtual time: the
 * headless runner behind `npm run sim`.
 */
export { runKubectl } from './kubectl'
export { runScript, parseScript, type ScriptChunk, type ScriptOptions, type ScriptResult } from './script'
export type { KubectlHost, KubectlOptions, KubectlResult, NodeControl } from './host'
export { KubeConfig } from './kubeconfig'
export { humanDuration } from './duration'
export { summarizePod } from './printers/columns/pod'
export { toYaml, toJson } from './printers/yaml'
