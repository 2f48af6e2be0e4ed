/** Help for kubectl's "Deploy Commands": rollout (and its subcommands), scale, autoscale. */
import * as o from './options'
import type { HelpText } from './usage'

const ROLLOUT_KINDS = '\n\nValid resource types include:\n\n  *  deployments\n  *  daemonsets\n  *  statefulsets'
const rolloutTarget = [o.filename('identifying the resource to get from a server.'), o.recursive, o.selector]

export const DEPLOY: Record<string, HelpText> = {
  rollout: {
    short: 'Manage the rollout of a resource',
    long: 'Manage the rollout of one or many resources.' + ROLLOUT_KINDS,
    examples: `# Rollback to the previous deployment
kubectl rollout undo deployment/abc

# Check the rollout status of a daemonset
kubectl rollout status daemonset/foo

# Restart a deployment
kubectl rollout restart deployment/abc`,
    usage: 'rollout SUBCOMMAND [options]',
    subcommands: ['history', 'pause', 'restart', 'resume', 'status', 'undo'],
  },
  'rollout history': {
    short: 'View rollout history',
    long: 'View previous rollout revisions and configurations.',
    examples: `# View the rollout history of a deployment
kubectl rollout history deployment/abc

# View the details of deployment revision 3
kubectl rollout history deployment/abc --revision=3`,
    options: [...rolloutTarget, o.output(), ['revision', '0', 'See the details, including podTemplate of the revision specified']],
    usage: 'rollout history (TYPE NAME | TYPE/NAME) [flags] [options]',
  },
  'rollout pause': {
    short: 'Mark the provided resource as paused',
    long: 'Mark the provided resource as paused.\n\nPaused resources will not be reconciled by a controller. Use "kubectl rollout resume" to resume a paused resource. Currently only deployments support being paused.',
    examples: `# Mark the nginx deployment as paused
# Any current state of the deployment will continue its function; new updates
# to the deployment will not have an effect as long as the deployment is paused
kubectl rollout pause deployment/nginx`,
    options: [o.fieldManager('kubectl-rollout'), ...rolloutTarget, o.output()],
    usage: 'rollout pause RESOURCE [options]',
  },
  'rollout restart': {
    short: 'Restart a resource',
    long: 'Restart a resource.\n\n        Resource rollout will be restarted.',
    examples: `# Restart a deployment
kubectl rollout restart deployment/nginx

# Restart a daemon set
kubectl rollout restart daemonset/abc`,
    options: [o.fieldManager('kubectl-rollout'), ...rolloutTarget, o.output()],
    usage: 'rollout restart RESOURCE [options]',
  },
  'rollout resume': {
    short: 'Resume a paused resource',
    long: 'Resume a paused resource.\n\nPaused resources will not be reconciled by a controller. By resuming a resource, we allow it to be reconciled again. Currently only deployments support being resumed.',
    examples: `# Resume an already paused deployment
kubectl rollout resume deployment/nginx`,
    options: [o.fieldManager('kubectl-rollout'), ...rolloutTarget, o.output()],
    usage: 'rollout resume RESOURCE [options]',
  },
  'rollout status': {
    short: 'Show the status of the rollout',
    long: "Show the status of the rollout.\n\nBy default 'rollout status' will watch the status of the latest rollout until it's done. If you don't want to wait for the rollout to finish then you can use --watch=false. Note that if a new rollout starts in-between, then 'rollout status' will continue watching the latest revision. If you want to pin to a specific revision and abort if it is rolled over by another revision, use --revision=N where N is the revision you need to watch for." + ROLLOUT_KINDS,
    examples: `# Watch the rollout status of a deployment
kubectl rollout status deployment/nginx`,
    options: [
      ...rolloutTarget, ['revision', '0', 'Pin to a specific revision for showing its status. Defaults to 0 (last revision).'],
      o.timeout('The length of time to wait before ending watch, zero means never. Any other values should contain a corresponding time unit (e.g. 1s, 2m, 3h).'),
      ['watch', 'true', 'Watch the status of the rollout until it\'s done.', 'w'],
    ],
    usage: 'rollout status (TYPE NAME | TYPE/NAME) [flags] [options]',
  },
  'rollout undo': {
    short: 'Undo a previous rollout',
    long: 'Roll back to a previous rollout.',
    examples: `# Roll back to the previous deployment
kubectl rollout undo deployment/abc

# Roll back to deployment revision 3
kubectl rollout undo deployment/abc --to-revision=3

# Roll back to the previous deployment with dry-run
kubectl rollout undo --dry-run=server deployment/abc`,
    options: [o.dryRun, ...rolloutTarget, o.output(), ['to-revision', '0', 'The revision to rollback to. Default to 0 (last revision).']],
    usage: 'rollout undo (TYPE NAME | TYPE/NAME) [flags] [options]',
  },
  scale: {
    short: 'Set a new size for a deployment, replica set, or replication controller',
    long: 'Set a new size for a deployment, replica set, replication controller, or stateful set.\n\nScale also allows users to specify one or more preconditions for the scale action.\n\nIf --current-replicas or --resource-version is specified, it is validated before the scale is attempted, and it is guaranteed that the precondition holds true when the scale is sent to the server.',
    examples: `# Scale a replica set named 'foo' to 3
kubectl scale --replicas=3 rs/foo

# If the deployment named mysql's current size is 2, scale mysql to 3
kubectl scale --current-replicas=2 --replicas=3 deployment/mysql

# Scale multiple replication controllers
kubectl scale --replicas=5 rc/example1 rc/example2 rc/example3

# Scale stateful set named 'web' to 3
kubectl scale --replicas=3 statefulset/web`,
    options: [
      o.all('Select all resources in the namespace of the specified resource types'),
      ['current-replicas', '-1', 'Precondition for current size. Requires that the current size of the resource match this value in order to scale. -1 (default) for no condition.'],
      o.filename('identifying the resource to set a new size'), ['replicas', '0', 'The new desired number of replicas. Required.'], o.selector,
      o.timeout('The length of time to wait before giving up on a scale operation, zero means don\'t wait. Any other values should contain a corresponding time unit (e.g. 1s, 2m, 3h).'),
    ],
    usage: 'scale [--resource-version=version] [--current-replicas=count] --replicas=COUNT (-f FILENAME | TYPE NAME) [options]',
  },
  autoscale: {
    short: 'Auto-scale a deployment, replica set, stateful set, or replication controller',
    long: 'Creates an autoscaler that automatically chooses and sets the number of pods that run in a Kubernetes cluster. The command will attempt to use the autoscaling/v2 API first, in case of an error, it will fall back to autoscaling/v1 API.\n\nLooks up a deployment, replica set, stateful set, or replication controller by name and creates an autoscaler that uses the given resource as a reference. An autoscaler can automatically increase or decrease number of pods deployed within the system as needed.',
    examples: `# Auto scale a deployment "foo", with the number of pods between 2 and 10, no target CPU utilization specified so a default autoscaling policy will be used
kubectl autoscale deployment foo --min=2 --max=10

# Auto scale a replication controller "foo", with the number of pods between 1 and 5, target CPU utilization at 80%
kubectl autoscale rc foo --max=5 --cpu=80%

# Auto scale a deployment "bar", with the number of pods between 3 and 6, target average CPU of 500m and memory of 200Mi
kubectl autoscale deployment bar --min=3 --max=6 --cpu=500m --memory=200Mi`,
    options: [
      ['cpu', "''", 'Target CPU utilization over all the pods. When specified as a percentage (e.g."70%" for 70% of requested CPU) it will target average utilization. When specified as quantity (e.g."500m" for 500 milliCPU) it will target average value.'],
      ['cpu-percent', '-1', 'The target average CPU utilization (represented as a percent of requested CPU) over all the pods. Deprecated: use --cpu instead.'],
      o.dryRun, o.fieldManager('kubectl-autoscale'), o.filename('identifying the resource to autoscale.'),
      ['max', '-1', 'The upper limit for the number of pods that can be set by the autoscaler. Required.'],
      ['memory', "''", 'Target memory utilization over all the pods. When specified as a percentage it will target average utilization. When specified as quantity (e.g."200Mi") it will target average value.'],
      ['min', '-1', 'The lower limit for the number of pods that can be set by the autoscaler. If it\'s not specified or negative, the server will apply a default value.'],
      ['name', "''", 'The name for the newly created object. If not specified, the name of the input resource will be used.'], o.output(), o.saveConfig,
    ],
    usage: 'autoscale (-f FILENAME | TYPE NAME | TYPE/NAME) [--min=MINPODS] --max=MAXPODS [--cpu=CPU] [--memory=MEMORY] [options]',
  },
}
