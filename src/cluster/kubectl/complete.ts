/**
 * Tab completion for a kubectl line, as `kubectl completion bash` (cobra's `__complete`) offers it:
 * command names, subcommands, flags of the command, resource types, and the names of objects of
 * the type typed, in the namespace the line (or the kubeconfig) selects. Pure: reads the API only.
 *
 * `replaceFrom` is where the word being completed starts; a candidate replaces line[replaceFrom, cursor).
 */
import type { KindInfo } from '../apiserver/types'
import { commandNames } from './kubectl'
import type { KubectlHost } from './host'
import type { KubeConfig } from './kubeconfig'

export interface Completion {
  replaceFrom: number
  candidates: string[]
}

export interface CompleteOptions {
  /** The kubeconfig of the host: its current context's namespace, its contexts. */
  kubeconfig?: KubeConfig
  /** Namespace when there is no kubeconfig (kube default: `default`). */
  namespace?: string
}

interface Flag {
  name: string
  short?: string
  takesValue: boolean
}

/** `name=/s` takes a value and has shorthand `-s`; `name` alone is a boolean. */
function flags(spec: string): Flag[] {
  return spec.split(/\s+/).filter(Boolean).map((t) => {
    const [long, short] = t.split('/')
    return { name: long.replace(/=$/, ''), short, takesValue: long.endsWith('=') }
  })
}

// kubectl's global flags (kubectl options) that a learner meets.
const GLOBAL = flags('namespace=/n context= cluster= user= kubeconfig= request-timeout= v=/v help/h')
const OUTPUT = 'output=/o'
const DRY_RUN = 'dry-run= field-manager='
const FILES = 'filename=/f recursive/R kustomize=/k'

// kube: the flags of each command as `kubectl <command> --help` lists them (the everyday ones).
const COMMAND_FLAGS: Record<string, Flag[]> = {
  get: flags(`all-namespaces/A ${OUTPUT} selector=/l field-selector= watch/w watch-only output-watch-events show-labels label-columns=/L sort-by= no-headers show-kind ignore-not-found chunk-size= ${FILES} raw= subresource= template= show-managed-fields`),
  describe: flags(`all-namespaces/A selector=/l show-events chunk-size= ${FILES}`),
  apply: flags(`${FILES} ${OUTPUT} ${DRY_RUN} server-side force-conflicts prune selector=/l overwrite force grace-period= validate= wait`),
  create: flags(`${FILES} ${OUTPUT} ${DRY_RUN} edit save-config validate= selector=/l`),
  delete: flags(`${FILES} all all-namespaces/A selector=/l field-selector= force grace-period= now wait cascade= ignore-not-found ${OUTPUT} ${DRY_RUN} timeout=`),
  edit: flags(`${FILES} ${OUTPUT} output-patch save-config validate= subresource= field-manager=`),
  replace: flags(`${FILES} ${OUTPUT} ${DRY_RUN} force grace-period= cascade= wait save-config validate= subresource=`),
  patch: flags(`${FILES} ${OUTPUT} ${DRY_RUN} patch=/p patch-file= type= local subresource=`),
  diff: flags(`${FILES} server-side force-conflicts prune selector=/l field-manager=`),
  scale: flags(`replicas= current-replicas= resource-version= all selector=/l ${FILES} ${OUTPUT} ${DRY_RUN} timeout=`),
  autoscale: flags(`min= max= cpu-percent= cpu= memory= name= ${FILES} ${OUTPUT} ${DRY_RUN}`),
  expose: flags(`port= target-port= protocol= type= name= selector=/l labels= external-ip= cluster-ip= session-affinity= ${FILES} ${OUTPUT} ${DRY_RUN}`),
  run: flags(`image= port= env= labels=/l restart= rm stdin/i tty/t command expose annotations= overrides= privileged pod-running-timeout= image-pull-policy= ${OUTPUT} ${DRY_RUN}`),
  logs: flags(`container=/c follow/f previous/p tail= since= since-time= timestamps all-containers selector=/l prefix max-log-requests= limit-bytes= ignore-errors`),
  exec: flags('container=/c stdin/i tty/t quiet/q pod-running-timeout='),
  label: flags(`overwrite all all-namespaces/A selector=/l list local resource-version= ${FILES} ${OUTPUT} ${DRY_RUN}`),
  annotate: flags(`overwrite all all-namespaces/A selector=/l list local resource-version= ${FILES} ${OUTPUT} ${DRY_RUN}`),
  taint: flags(`overwrite all selector=/l validate= ${OUTPUT} ${DRY_RUN}`),
  cordon: flags(`selector=/l ${DRY_RUN}`),
  uncordon: flags(`selector=/l ${DRY_RUN}`),
  drain: flags(`ignore-daemonsets delete-emptydir-data force grace-period= timeout= selector=/l pod-selector= disable-eviction skip-wait-for-delete-timeout= ${DRY_RUN}`),
  rollout: flags(`${FILES} selector=/l ${OUTPUT} watch/w revision= timeout= to-revision= ${DRY_RUN}`),
  set: flags(`${FILES} all selector=/l local ${OUTPUT} ${DRY_RUN} containers=/c env=/e limits= requests= from= keys= list resolve`),
  top: flags('all-namespaces/A selector=/l sort-by= containers no-headers show-capacity use-protocol-buffers sum'),
  config: flags(`${OUTPUT} minify flatten raw current namespace= cluster= user=`),
  wait: flags(`${FILES} all all-namespaces/A selector=/l field-selector= for= timeout= ${OUTPUT}`),
  events: flags(`all-namespaces/A ${OUTPUT} for= types= watch/w no-headers chunk-size=`),
  explain: flags('recursive api-version= output='),
  'api-resources': flags(`namespaced api-group= verbs= sort-by= no-headers cached categories= ${OUTPUT}`),
  'port-forward': flags('address= pod-running-timeout='),
}

const SUBCOMMANDS: Record<string, string[]> = {
  rollout: ['history', 'pause', 'restart', 'resume', 'status', 'undo'],
  create: ['clusterrole', 'clusterrolebinding', 'configmap', 'cronjob', 'deployment', 'ingress', 'job', 'namespace', 'poddisruptionbudget', 'priorityclass', 'quota', 'role', 'rolebinding', 'secret', 'service', 'serviceaccount', 'token'],
  config: ['current-context', 'delete-cluster', 'delete-context', 'delete-user', 'get-clusters', 'get-contexts', 'get-users', 'rename-context', 'set', 'set-cluster', 'set-context', 'set-credentials', 'unset', 'use-context', 'view'],
  set: ['env', 'image', 'resources', 'selector', 'serviceaccount', 'subject'],
  top: ['node', 'pod'],
  auth: ['can-i', 'reconcile', 'whoami'],
}

const SUB_SUBCOMMANDS: Record<string, string[]> = {
  'create secret': ['docker-registry', 'generic', 'tls'],
  'create service': ['clusterip', 'externalname', 'loadbalancer', 'nodeport'],
}

// kube: `kubectl get -o` accepts these formats (the ones with a value end in `=`).
const OUTPUT_FORMATS = ['custom-columns=', 'custom-columns-file=', 'go-template=', 'go-template-file=', 'json', 'jsonpath=', 'jsonpath-as-json=', 'jsonpath-file=', 'name', 'template=', 'templatefile=', 'wide', 'yaml']

/** Commands whose arguments are `TYPE NAME...` or `TYPE/NAME`, and which types they accept (all when absent). */
const TYPE_NAME_COMMANDS: Record<string, string[] | undefined> = {
  get: undefined,
  describe: undefined,
  delete: undefined,
  edit: undefined,
  label: undefined,
  annotate: undefined,
  patch: undefined,
  wait: undefined,
  explain: undefined,
  scale: ['Deployment', 'ReplicaSet', 'ReplicationController', 'StatefulSet'],
  autoscale: ['Deployment', 'ReplicaSet', 'ReplicationController', 'StatefulSet'],
  expose: ['Pod', 'Service', 'ReplicationController', 'Deployment', 'ReplicaSet'],
  taint: ['Node'],
  'rollout history': ['Deployment', 'DaemonSet', 'StatefulSet'],
  'rollout pause': ['Deployment'],
  'rollout restart': ['Deployment', 'DaemonSet', 'StatefulSet'],
  'rollout resume': ['Deployment'],
  'rollout status': ['Deployment', 'DaemonSet', 'StatefulSet'],
  'rollout undo': ['Deployment', 'DaemonSet', 'StatefulSet'],
  'set image': undefined,
  'set env': undefined,
  'set resources': undefined,
  'set selector': undefined,
  'set serviceaccount': undefined,
}

/** Commands whose first argument is a pod (or TYPE/NAME of something with pods). */
const POD_COMMANDS = new Set(['logs', 'exec', 'attach', 'port-forward', 'cp', 'top pod', 'debug'])
const NODE_COMMANDS = new Set(['cordon', 'uncordon', 'drain', 'top node'])
const CONTEXT_COMMANDS = new Set(['config use-context', 'config delete-context', 'config rename-context', 'config set-context'])

interface Word {
  text: string
  start: number
}

/** Splits at unquoted blanks; quotes are kept in the text (completion only needs positions). */
function splitWords(text: string): Word[] {
  const words: Word[] = []
  let quote = ''
  let start = -1
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quote) {
      if (c === quote) quote = ''
      continue
    }
    if (c === ' ' || c === '\t') {
      if (start >= 0) words.push({ text: text.slice(start, i), start })
      start = -1
      continue
    }
    if (start < 0) start = i
    if (c === '"' || c === "'") quote = c
  }
  if (start >= 0) words.push({ text: text.slice(start), start })
  return words
}

function matching(candidates: Iterable<string>, prefix: string): string[] {
  return [...new Set(candidates)].filter((c) => c.startsWith(prefix)).sort()
}

export function complete(host: KubectlHost, line: string, cursor: number = line.length, opts: CompleteOptions = {}): Completion {
  const before = line.slice(0, cursor)
  const words = splitWords(before)
  const endsInBlank = before.length === 0 || /\s$/.test(before)
  const current: Word = endsInBlank ? { text: '', start: cursor } : words.pop()!
  const at = (candidates: string[], from = current.start): Completion => ({ replaceFrom: from, candidates })

  if (words.length === 0) return at(matching(['kubectl'], current.text))
  if (words[0].text !== 'kubectl' && words[0].text !== 'k') return at([])

  const command = commandContext(words.slice(1).map((w) => w.text))
  const flagList = [...(COMMAND_FLAGS[command.name] ?? []), ...GLOBAL]
  const namespace = command.namespace ?? opts.kubeconfig?.namespace ?? opts.namespace ?? 'default'

  // A value for the flag just before: `-n <Tab>`, `-o <Tab>`.
  if (command.pendingFlag) return at(flagValues(host, command.pendingFlag, current.text, opts))
  if (current.text.startsWith('--') && current.text.includes('=')) {
    const eq = current.text.indexOf('=')
    const flag = flagList.find((f) => f.name === current.text.slice(2, eq))
    return at(flag ? flagValues(host, flag.name, current.text.slice(eq + 1), opts) : [], current.start + eq + 1)
  }
  if (current.text.startsWith('-')) {
    return at(matching(flagList.map((f) => `--${f.name}`), current.text))
  }

  const args = command.args
  if (args.length === 0) return at(matching(commandNames(), current.text))
  const name = args[0]
  const subs = SUBCOMMANDS[name]
  let path = name
  let rest = args.slice(1)
  if (subs) {
    if (rest.length === 0) return at(matching(subs, current.text))
    path = `${name} ${normaliseSub(name, rest[0])}`
    rest = rest.slice(1)
    const subSubs = SUB_SUBCOMMANDS[path]
    if (subSubs && rest.length === 0) return at(matching(subSubs, current.text))
  }

  const api = host.api
  const namesOf = (info: KindInfo | undefined): string[] => {
    if (!info) return []
    const objects = info.namespaced && !command.allNamespaces ? api.list(info.kind, { namespace }) : api.list(info.kind)
    return objects.map((o) => o.metadata?.name ?? '').filter(Boolean)
  }

  if (path in TYPE_NAME_COMMANDS) {
    const allowed = TYPE_NAME_COMMANDS[path]
    const slash = current.text.indexOf('/')
    if (slash >= 0) {
      const info = api.resolveKind(current.text.slice(0, slash))
      return at(matching(namesOf(info), current.text.slice(slash + 1)), current.start + slash + 1)
    }
    const typeArg = rest[0]
    if (typeArg === undefined || path === 'explain') return at(resourceTypes(host, current.text, allowed))
    if (typeArg.includes('/') || typeArg.includes(',')) return at([])
    if (path === 'taint' && rest.length > 1) return at([])
    return at(matching(namesOf(api.resolveKind(typeArg)), current.text))
  }
  if (POD_COMMANDS.has(path) && rest.length === 0) {
    const slash = current.text.indexOf('/')
    if (slash >= 0) {
      const info = api.resolveKind(current.text.slice(0, slash))
      return at(matching(namesOf(info), current.text.slice(slash + 1)), current.start + slash + 1)
    }
    return at(matching(namesOf(api.resolveKind('Pod')), current.text))
  }
  if (NODE_COMMANDS.has(path)) return at(matching(namesOf(api.resolveKind('Node')), current.text))
  if (CONTEXT_COMMANDS.has(path) && rest.length === 0) return at(matching(contextNames(opts), current.text))
  return at([])
}

/** `kubectl top po` means `top pod`, as top itself accepts. */
function normaliseSub(command: string, sub: string): string {
  if (command === 'top') {
    if (sub === 'pods' || sub === 'po') return 'pod'
    if (sub === 'nodes' || sub === 'no') return 'node'
  }
  return sub
}

interface CommandLine {
  name: string
  args: string[]
  namespace?: string
  allNamespaces: boolean
  /** The last word is a flag that still needs its value. */
  pendingFlag?: string
}

/** Reads the words before the cursor: positional arguments, -n, -A, a flag waiting for its value. */
function commandContext(words: string[]): CommandLine {
  const args: string[] = []
  let namespace: string | undefined
  let allNamespaces = false
  let pendingFlag: string | undefined
  const lookup = (name: string, short: boolean): Flag | undefined => {
    const list = [...(COMMAND_FLAGS[args[0]] ?? []), ...GLOBAL]
    return list.find((f) => (short ? f.short === name : f.name === name))
  }
  for (let i = 0; i < words.length; i++) {
    const w = words[i]
    if (w === '--') break
    if (!w.startsWith('-') || w === '-') {
      args.push(w)
      continue
    }
    const long = w.startsWith('--')
    const eq = w.indexOf('=')
    const key = long ? w.slice(2, eq < 0 ? undefined : eq) : w[1]
    const flag = lookup(key, !long)
    if (!flag) continue
    let value: string | undefined
    if (!flag.takesValue) {
      if (flag.name === 'all-namespaces') allNamespaces = true
      continue
    }
    if (long && eq >= 0) value = w.slice(eq + 1)
    else if (!long && w.length > 2) value = w.slice(2).replace(/^=/, '')
    else if (i + 1 < words.length) value = words[++i]
    else pendingFlag = flag.name
    if (flag.name === 'namespace' && value !== undefined) namespace = value
  }
  return { name: args[0] ?? '', args, namespace, allNamespaces, pendingFlag }
}

function flagValues(host: KubectlHost, flag: string, prefix: string, opts: CompleteOptions): string[] {
  switch (flag) {
    case 'namespace':
      return matching(host.api.list('Namespace').map((n) => n.metadata?.name ?? ''), prefix)
    case 'output':
      return matching(OUTPUT_FORMATS, prefix)
    case 'context':
      return matching(contextNames(opts), prefix)
    case 'cluster':
    case 'user':
      return matching(opts.kubeconfig ? [...opts.kubeconfig.contexts.values()].map((c) => (flag === 'cluster' ? c.cluster : c.user) ?? '') : [], prefix)
    case 'dry-run':
      return matching(['client', 'none', 'server'], prefix)
    case 'cascade':
      return matching(['background', 'foreground', 'orphan'], prefix)
    case 'type':
      return matching(['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort', 'json', 'merge', 'strategic'], prefix)
    default:
      return []
  }
}

function contextNames(opts: CompleteOptions): string[] {
  return opts.kubeconfig ? [...opts.kubeconfig.contexts.keys()] : []
}

/**
 * Resource types by their plural names, as `kubectl api-resources -o name` lists them. A short name
 * or singular typed in full (`po`, `deploy`, `svc`) completes to its own plural.
 */
function resourceTypes(host: KubectlHost, prefix: string, allowed?: string[]): string[] {
  const kinds = host.api.kinds().filter((k) => !allowed || allowed.includes(k.kind))
  const lower = prefix.toLowerCase()
  const alias = kinds.find((k) => k.shortNames.includes(lower) || k.singular === lower || k.kind.toLowerCase() === lower)
  if (alias && lower !== alias.resource) return [alias.resource]
  return matching(kinds.map((k) => k.resource), lower)
}
