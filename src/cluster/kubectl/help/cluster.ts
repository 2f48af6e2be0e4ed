/** Help for kubectl's "Cluster Management Commands": cluster-info, top, cordon, uncordon, drain, taint, certificate. */
import * as o from './options'
import type { HelpText } from './usage'

const nodeMark = (verb: string, schedulable: string): HelpText => ({
  short: `Mark node as ${schedulable}`,
  long: `Mark node as ${schedulable}.`,
  examples: `# Mark node "foo" as ${schedulable}
kubectl ${verb} foo`,
  options: [o.dryRun, ['selector', "''", 'Selector (label query) to filter on', 'l']],
  usage: `${verb} NODE [options]`,
})

export const CLUSTER: Record<string, HelpText> = {
  'cluster-info': {
    short: 'Display cluster information',
    long: "Display addresses of the control plane and services with label kubernetes.io/cluster-service=true. To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.",
    examples: `# Print the address of the control plane and cluster services
kubectl cluster-info`,
    usage: 'cluster-info [flags] [options]',
    subcommands: ['dump'],
  },
  'cluster-info dump': {
    short: 'Dump relevant information for debugging and diagnosis',
    long: 'Dump cluster information out suitable for debugging and diagnosing cluster problems. (Terrarium does not implement dump.)',
    usage: 'cluster-info dump [flags] [options]',
  },
  top: {
    short: 'Display resource (CPU/memory) usage',
    long: 'Display resource (CPU/memory) usage.\n\nThe top command allows you to see the resource consumption for nodes or pods.\n\nThis command requires Metrics Server to be correctly configured and working on the server.',
    usage: 'top [flags] [options]',
    subcommands: ['node', 'pod'],
  },
  'top node': {
    short: 'Display resource (CPU/memory) usage of nodes',
    long: 'Display resource (CPU/memory) usage of nodes.\n\nThe top-node command allows you to see the resource consumption of nodes.',
    aliases: ['nodes', 'no'],
    examples: `# Show metrics for all nodes
kubectl top node

# Show metrics for a given node
kubectl top node NODE_NAME`,
    options: [
      ['no-headers', 'false', 'If present, print output without headers'], o.selector,
      ['show-capacity', 'false', 'Print node resources based on Capacity instead of Allocatable(default) of the nodes.'],
      ['sort-by', "''", "If non-empty, sort nodes list using specified field. The field can be either 'cpu' or 'memory'."],
      ['use-protocol-buffers', 'true', 'Enables using protocol-buffers to access Metrics API.'],
    ],
    usage: 'top node [NAME | -l label] [options]',
  },
  'top pod': {
    short: 'Display resource (CPU/memory) usage of pods',
    long: "Display resource (CPU/memory) usage of pods.\n\nThe 'top pod' command allows you to see the resource consumption of pods.\n\nDue to the metrics pipeline delay, they may be unavailable for a few minutes since pod creation.",
    aliases: ['pods', 'po'],
    examples: `# Show metrics for all pods in the default namespace
kubectl top pod

# Show metrics for all pods in the given namespace
kubectl top pod --namespace=NAMESPACE

# Show metrics for a given pod and its containers
kubectl top pod POD_NAME --containers

# Show metrics for the pods defined by label name=myLabel
kubectl top pod -l name=myLabel`,
    options: [
      o.allNamespaces, ['containers', 'false', 'If present, print usage of containers within a pod.'], o.fieldSelector,
      ['no-headers', 'false', 'If present, print output without headers.'], o.selector,
      ['sort-by', "''", "If non-empty, sort pods list using specified field. The field can be either 'cpu' or 'memory'."],
      ['use-protocol-buffers', 'true', 'Enables using protocol-buffers to access Metrics API.'],
    ],
    usage: 'top pod [NAME | -l label] [options]',
  },
  cordon: nodeMark('cordon', 'unschedulable'),
  uncordon: nodeMark('uncordon', 'schedulable'),
  drain: {
    short: 'Drain node in preparation for maintenance',
    long: `Drain node in preparation for maintenance.

The given node will be marked unschedulable to prevent new pods from arriving. 'drain' evicts the pods if the API server supports eviction. Otherwise, it will use normal DELETE to delete the pods. The 'drain' evicts or deletes all pods except mirror pods (which cannot be deleted through the API server). If there are daemon set-managed pods, drain will not proceed without --ignore-daemonsets, and regardless it will not delete any daemon set-managed pods, because those pods would be immediately replaced by the daemon set controller, which ignores unschedulable markings. If there are any pods that are neither mirror pods nor managed by a replication controller, replica set, daemon set, stateful set, or job, then drain will not delete any pods unless you use --force.

'drain' waits for graceful termination. You should not operate on the machine until the command completes.

When you are ready to put the node back into service, use kubectl uncordon, which will make the node schedulable again.`,
    examples: `# Drain node "foo", even if there are pods not managed by a replication controller, replica set, job, daemon set, or stateful set on it
kubectl drain foo --force

# As above, but abort if there are pods not managed by a replication controller, replica set, job, daemon set, or stateful set, and use a grace period of 15 minutes
kubectl drain foo --grace-period=900`,
    options: [
      ['chunk-size', '500', 'Return large lists in chunks rather than all at once. Pass 0 to disable.'],
      ['delete-emptydir-data', 'false', 'Continue even if there are pods using emptyDir (local data that will be deleted when the node is drained).'],
      ['disable-eviction', 'false', 'Force drain to use delete, even if eviction is supported. This will bypass checking PodDisruptionBudgets, use with caution.'],
      o.dryRun, ['force', 'false', 'Continue even if there are pods that do not declare a controller.'],
      ['grace-period', '-1', 'Period of time in seconds given to each pod to terminate gracefully. If negative, the default value specified in the pod will be used.'],
      ['ignore-daemonsets', 'false', 'Ignore DaemonSet-managed pods.'],
      ['pod-selector', "''", 'Label selector to filter pods on the node'], ['selector', "''", 'Selector (label query) to filter on', 'l'],
      ['skip-wait-for-delete-timeout', '0', 'If pod DeletionTimestamp older than N seconds, skip waiting for the pod.  Seconds must be greater than 0 to skip.'],
      o.timeout('The length of time to wait before giving up, zero means infinite'),
    ],
    usage: 'drain NODE [options]',
  },
  taint: {
    short: 'Update the taints on one or more nodes',
    long: `Update the taints on one or more nodes.

  *  A taint consists of a key, value, and effect. As an argument here, it is expressed as key=value:effect.
  *  The key must begin with a letter or number, and may contain letters, numbers, hyphens, dots, and underscores, up to 253 characters.
  *  Optionally, the key can begin with a DNS subdomain prefix and a single '/', like example.com/my-app.
  *  The value is optional. If given, it must begin with a letter or number, and may contain letters, numbers, hyphens, dots, and underscores, up to 63 characters.
  *  The effect must be NoSchedule, PreferNoSchedule or NoExecute.
  *  Currently taint can only apply to node.`,
    examples: `# Update node 'foo' with a taint with key 'dedicated' and value 'special-user' and effect 'NoSchedule'
# If a taint with that key and effect already exists, its value is replaced as specified
kubectl taint nodes foo dedicated=special-user:NoSchedule

# Remove from node 'foo' the taint with key 'dedicated' and effect 'NoSchedule' if one exists
kubectl taint nodes foo dedicated:NoSchedule-

# Remove from node 'foo' all the taints with key 'dedicated'
kubectl taint nodes foo dedicated-

# Add a taint with key 'dedicated' on nodes having label myLabel=X
kubectl taint node -l myLabel=X  dedicated=foo:PreferNoSchedule

# Add to node 'foo' a taint with key 'bar' and no value
kubectl taint nodes foo bar:NoSchedule`,
    options: [
      o.all('Select all nodes in the cluster'), o.dryRun, o.fieldManager('kubectl-taint'), o.output(),
      ['overwrite', 'false', 'If true, allow taints to be overwritten, otherwise reject taint updates that overwrite existing taints.'],
      o.selector, o.validate,
    ],
    usage: 'taint NODE NAME KEY_1=VAL_1:TAINT_EFFECT_1 ... KEY_N=VAL_N:TAINT_EFFECT_N [options]',
  },
  certificate: {
    short: 'Modify certificate resources',
    long: 'Modify certificate resources. (Terrarium does not simulate certificate signing requests.)',
    usage: 'certificate SUBCOMMAND [options]',
  },
}
