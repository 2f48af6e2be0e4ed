/** Help for kubectl's "Troubleshooting and Debugging Commands". */
import * as o from './options'
import { SUGGEST_API_RESOURCES, type HelpText } from './usage'

const container: HelpText['options'] = [['container', "''", 'Container name. If omitted, use the kubectl.kubernetes.io/default-container annotation for selecting the container to be attached or the first container in the pod will be chosen', 'c']]
const podRunningTimeout = (what: string): NonNullable<HelpText['options']>[number] =>
  ['pod-running-timeout', '1m0s', `The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running${what}`]

export const DEBUG: Record<string, HelpText> = {
  describe: {
    short: 'Show details of a specific resource or group of resources',
    long: `Show details of a specific resource or group of resources.

Print a detailed description of the selected resources, including related resources such as events or controllers. You may select a single object by name, all objects of that type, provide a name prefix, or label selector. For example:

        $ kubectl describe TYPE NAME_PREFIX

will first check for an exact match on TYPE and NAME_PREFIX. If no such resource exists, it will output details for every resource that has a name prefixed with NAME_PREFIX.

${SUGGEST_API_RESOURCES}`,
    examples: `# Describe a node
kubectl describe nodes kubernetes-node-emt8.c.myproject.internal

# Describe a pod
kubectl describe pods/nginx

# Describe all pods
kubectl describe pods

# Describe pods by label name=myLabel
kubectl describe pods -l name=myLabel

# Describe all pods managed by the 'frontend' replication controller
# (rc-created pods get the name of the rc as a prefix in the pod name)
kubectl describe pods frontend`,
    options: [
      o.allNamespaces, o.selector,
      ['show-events', 'true', 'If true, display events related to the described object.'],
    ],
    usage: 'describe (-f FILENAME | TYPE [NAME_PREFIX | -l label] | TYPE/NAME) [options]',
  },
  logs: {
    short: 'Print the logs for a container in a pod',
    long: 'Print the logs for a container in a pod or specified resource. If the pod has only one container, the container name is optional.',
    examples: `# Return snapshot logs from pod nginx with only one container
kubectl logs nginx

# Return snapshot logs from pod nginx, prefixing each line with the source pod and container name
kubectl logs nginx --prefix

# Return snapshot logs from pod nginx with multi containers
kubectl logs nginx --all-containers=true

# Return snapshot logs from all pods in the deployment nginx
kubectl logs deployment/nginx --all-pods=true

# Return snapshot logs from all containers in pods defined by label app=nginx
kubectl logs -l app=nginx --all-containers=true

# Return snapshot of previous terminated ruby container logs from pod web-1
kubectl logs -p -c ruby web-1

# Begin streaming the logs of the ruby container in pod web-1
kubectl logs -f -c ruby web-1

# Display only the most recent 20 lines of output in pod nginx
kubectl logs --tail=20 nginx

# Show all logs from pod nginx written in the last hour
kubectl logs --since=1h nginx

# Return snapshot logs from first container of a job named hello
kubectl logs job/hello`,
    options: [
      ['all-containers', 'false', 'Get all containers\' logs in the pod(s).'], ...(container ?? []),
      ['follow', 'false', 'Specify if the logs should be streamed.', 'f'],
      ['ignore-errors', 'false', 'If watching / following pod logs, allow for any errors that occur to be non-fatal'],
      ['limit-bytes', '0', 'Maximum bytes of logs to return. Defaults to no limit.'],
      ['max-log-requests', '5', 'Specify maximum number of concurrent logs to follow when using by a selector. Defaults to 5.'],
      podRunningTimeout(''), ['prefix', 'false', 'Prefix each log line with the log source (pod name and container name)'],
      ['previous', 'false', 'If true, print the logs for the previous instance of the container in a pod if it exists.', 'p'],
      o.selector, ['since', '0s', 'Only return logs newer than a relative duration like 5s, 2m, or 3h. Defaults to all logs. Only one of since-time / since may be used.'],
      ['tail', '-1', 'Lines of recent log file to display. Defaults to -1 with no selector, showing all log lines otherwise 10, if a selector is provided.'],
      ['timestamps', 'false', 'Include timestamps on each line in the log output'],
    ],
    usage: 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER] [options]',
  },
  attach: {
    short: 'Attach to a running container',
    long: 'Attach to a process that is already running inside an existing container. (Terrarium has no interactive attach.)',
    examples: `# Get output from running pod mypod; use the 'kubectl.kubernetes.io/default-container' annotation
# for selecting the container to be attached or the first container in the pod will be chosen
kubectl attach mypod`,
    options: [...(container ?? []), podRunningTimeout(''), ['stdin', 'false', 'Pass stdin to the container', 'i'], ['tty', 'false', 'Stdin is a TTY', 't']],
    usage: 'attach (POD | TYPE/NAME) -c CONTAINER [options]',
  },
  exec: {
    short: 'Execute a command in a container',
    long: 'Execute a command in a container.',
    examples: `# Get output from running the 'date' command from pod mypod, using the first container by default
kubectl exec mypod -- date

# Get output from running the 'date' command in ruby-container from pod mypod
kubectl exec mypod -c ruby-container -- date

# List contents of /usr from the first container of pod mypod and sort by modification time
# If the command you want to execute in the pod has any flags in common (e.g. -i),
# you must use two dashes (--) to separate your command's flags/arguments
# Also note, do not surround your command and its flags/arguments with quotes
# unless that is how you would execute it normally (i.e., do ls -t /usr, not "ls -t /usr")
kubectl exec mypod -i -t -- ls -t /usr

# Get output from running 'date' command from the first pod of the deployment mydeployment, using the first container by default
kubectl exec deploy/mydeployment -- date

# Get output from running 'date' command from the first pod of the service myservice, using the first container by default
kubectl exec svc/myservice -- date`,
    options: [
      ...(container ?? []), podRunningTimeout(''),
      ['quiet', 'false', 'Only print output from the remote session', 'q'],
      ['stdin', 'false', 'Pass stdin to the container', 'i'], ['tty', 'false', 'Stdin is a TTY', 't'],
    ],
    usage: 'exec (POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...] [options]',
  },
  'port-forward': {
    short: 'Forward one or more local ports to a pod',
    long: 'Forward one or more local ports to a pod.\n\nUse resource type/name such as deployment/mydeployment to select a pod. Resource type defaults to \'pod\' if omitted.\n\nIf there are multiple pods matching the criteria, a pod will be selected automatically. The forwarding session ends when the selected pod terminates, and a rerun of the command is needed to resume forwarding.',
    examples: `# Listen on ports 5000 and 6000 locally, forwarding data to/from ports 5000 and 6000 in the pod
kubectl port-forward pod/mypod 5000 6000

# Listen on ports 5000 and 6000 locally, forwarding data to/from ports 5000 and 6000 in a pod selected by the deployment
kubectl port-forward deployment/mydeployment 5000 6000

# Listen on port 8443 locally, forwarding to the targetPort of the service's port named "https" in a pod selected by the service
kubectl port-forward service/myservice 8443:https

# Listen on port 8888 locally, forwarding to 5000 in the pod
kubectl port-forward pod/mypod 8888:5000`,
    options: [['address', '[localhost]', 'Addresses to listen on (comma separated). Only accepts IP addresses or localhost as a value.'], podRunningTimeout('')],
    usage: 'port-forward TYPE/NAME [options] [LOCAL_PORT:]REMOTE_PORT [...[LOCAL_PORT_N:]REMOTE_PORT_N]',
  },
  proxy: {
    short: 'Run a proxy to the Kubernetes API server',
    long: 'Creates a proxy server or application-level gateway between localhost and the Kubernetes API server. (Terrarium has no HTTP proxy.)',
    usage: 'proxy [--port=PORT] [--www=static-dir] [--www-prefix=prefix] [--api-prefix=prefix] [options]',
  },
  cp: {
    short: 'Copy files and directories to and from containers',
    long: 'Copy files and directories to and from containers. (Terrarium containers have no file system to copy.)',
    usage: 'cp <file-spec-src> <file-spec-dest> [options]',
  },
  auth: {
    short: 'Inspect authorization',
    long: 'Inspect authorization.',
    usage: 'auth [flags] [options]',
    subcommands: ['can-i', 'whoami'],
  },
  'auth can-i': {
    short: 'Check whether an action is allowed',
    long: `Check whether an action is allowed.

VERB is a logical Kubernetes API verb like 'get', 'list', 'watch', 'delete', etc. TYPE is a Kubernetes resource. Shortcuts and groups will be resolved. NONRESOURCEURL is a partial URL that starts with "/". NAME is the name of a particular Kubernetes resource. This command pairs nicely with impersonation. See --as global flag.

Terrarium does not simulate RBAC: you are the cluster's admin user and every action is allowed, so the answer is always yes.`,
    examples: `# Check to see if I can create pods in any namespace
kubectl auth can-i create pods --all-namespaces

# Check to see if I can list deployments in my current namespace
kubectl auth can-i list deployments.apps

# Check to see if I can do everything in my current namespace ("*" means all)
kubectl auth can-i '*' '*'

# Check to see if I can get the job named "bar" in namespace "foo"
kubectl auth can-i list jobs.batch/bar -n foo

# Check to see if I can read pod logs
kubectl auth can-i get pods --subresource=log

# List all allowed actions in namespace "foo"
kubectl auth can-i --list --namespace=foo`,
    options: [
      ['all-namespaces', 'false', 'If true, check the specified action in all namespaces.', 'A'],
      ['list', 'false', 'If true, prints all allowed actions.'],
      ['no-headers', 'false', 'If true, prints allowed actions without headers'],
      ['quiet', 'false', 'If true, suppress output and just return the exit code.', 'q'],
      ['subresource', "''", 'SubResource such as pod/log or deployment/scale'],
    ],
    usage: 'auth can-i VERB [TYPE | TYPE/NAME | NONRESOURCEURL] [options]',
  },
  'auth whoami': {
    short: 'Experimental: Check self subject attributes',
    long: 'Experimental: Check who you are and your attributes (groups, extra).\n\nThis command is helpful to get yourself aware of the current user attributes, especially when dynamic authentication, e.g., token webhook, auth proxy, or OIDC provider, is enabled in the Kubernetes cluster.',
    examples: `# Get your subject attributes
kubectl auth whoami

# Get your subject attributes in JSON format
kubectl auth whoami -o json`,
    options: [o.allowMissingTemplateKeys, o.output(), o.showManagedFields, o.template],
    usage: 'auth whoami [options]',
  },
  debug: {
    short: 'Create debugging sessions for troubleshooting workloads and nodes',
    long: 'Debug cluster resources using interactive debugging containers. (Terrarium does not implement ephemeral containers.)',
    usage: 'debug (POD | TYPE[[.VERSION].GROUP]/NAME) [ -- COMMAND [args...] ] [options]',
  },
  events: {
    short: 'List events',
    long: 'Display events.\n\nPrints a table of the most important information about events. You can request events for a namespace, for all namespace, or filtered to only those pertaining to a specified resource.',
    examples: `# List recent events in the default namespace
kubectl events

# List recent events in all namespaces
kubectl events --all-namespaces

# List recent events for the specified pod, then wait for more events and list them as they arrive
kubectl events --for pod/web-pod-13je7 --watch

# List recent events in YAML format
kubectl events -oyaml

# List recent only events of type 'Warning' or 'Normal'
kubectl events --types=Warning,Normal`,
    options: [
      o.allNamespaces, o.allowMissingTemplateKeys, ['chunk-size', '500', 'Return large lists in chunks rather than all at once. Pass 0 to disable.'],
      ['for', "''", 'Filter events to only those pertaining to the specified resource.'],
      ['no-headers', 'false', 'When using the default output format, don\'t print headers.'], o.output(), o.showManagedFields, o.template,
      ['types', '[]', 'Output only events of given types.'], ['watch', 'false', 'After listing the requested events, watch for more events.', 'w'],
    ],
    usage: 'events [(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file] [--for TYPE/NAME] [--watch] [--types=Normal,Warning] [options]',
  },
}
