/** Help for kubectl's "Basic Commands": create, expose, run, set, explain, get, edit, delete. */
import * as o from './options'
import { SUGGEST_API_RESOURCES, type HelpText } from './usage'

const generator = (short: string, usage: string, examples: string, options: HelpText['options'] = [], aliases?: string[], templates = true): HelpText =>
  ({ short, long: `${short}.`, usage, examples, options: [...options, ...o.createCommon(templates)], aliases })

export const BASIC: Record<string, HelpText> = {
  create: {
    short: 'Create a resource from a file or from stdin',
    long: 'Create a resource from a file or from stdin.\n\nJSON and YAML formats are accepted.',
    examples: `# Create a pod using the data in pod.json
kubectl create -f ./pod.json

# Create a pod based on the JSON passed into stdin
cat pod.json | kubectl create -f -`,
    options: [
      o.allowMissingTemplateKeys, o.dryRun, ['edit', 'false', 'Edit the API resource before creating'],
      o.fieldManager('kubectl-create'), o.filename('to use to create the resource'), o.output(), o.recursive,
      ['raw', "''", 'Raw URI to POST to the server.  Uses the transport specified by the kubeconfig file.'],
      o.saveConfig, o.selector, o.showManagedFields, o.template, o.validate,
    ],
    usage: 'create -f FILENAME [options]',
    subcommands: ['configmap', 'cronjob', 'deployment', 'job', 'namespace', 'priorityclass', 'quota', 'secret', 'service'],
  },
  'create configmap': generator(
    'Create a config map from a local file, directory or literal value',
    'create configmap NAME [--from-literal=key1=value1] [--dry-run=server|client|none] [options]',
    `# Create a new config map named my-config with key1=config1 and key2=config2
kubectl create configmap my-config --from-literal=key1=config1 --from-literal=key2=config2

# Create a new config map named my-config with one key
kubectl create configmap my-config --from-literal=color=blue`,
    [['from-literal', '[]', 'Specify a key and literal value to insert in configmap (i.e. mykey=somevalue)']],
    ['cm'],
    false,
  ),
  'create cronjob': generator(
    'Create a cron job with the specified name',
    'create cronjob NAME --image=image --schedule=\'0/5 * * * ?\' -- [COMMAND] [args...] [flags] [options]',
    `# Create a cron job
kubectl create cronjob my-job --image=busybox --schedule="*/1 * * * *"

# Create a cron job with a command
kubectl create cronjob my-job --image=busybox --schedule="*/1 * * * *" -- date`,
    [['image', "''", 'Image name to run.'], ['restart', "''", 'job\'s restart policy. supported values: OnFailure, Never'], ['schedule', "''", 'A schedule in the Cron format the job should be run with.']],
    ['cj'],
  ),
  'create deployment': generator(
    'Create a deployment with the specified name',
    'create deployment NAME --image=image -- [COMMAND] [args...] [options]',
    `# Create a deployment named my-dep that runs the busybox image
kubectl create deployment my-dep --image=busybox

# Create a deployment with a command
kubectl create deployment my-dep --image=busybox -- date

# Create a deployment named my-dep that runs the nginx image with 3 replicas
kubectl create deployment my-dep --image=nginx --replicas=3

# Create a deployment named my-dep that runs the busybox image and expose port 5701
kubectl create deployment my-dep --image=busybox --port=5701`,
    [
      ['image', '[]', 'Image names to run. A deployment can have multiple images set for multi-container pod.'],
      ['port', '-1', 'The containerPort that this deployment exposes.'],
      ['replicas', '1', 'Number of replicas to create. Default is 1.', 'r'],
    ],
    ['deploy'],
  ),
  'create job': generator(
    'Create a job with the specified name',
    'create job NAME --image=image [--from=cronjob/name] -- [COMMAND] [args...] [options]',
    `# Create a job
kubectl create job my-job --image=busybox

# Create a job with a command
kubectl create job my-job --image=busybox -- date

# Create a job from a cron job named "a-cronjob"
kubectl create job test-job --from=cronjob/a-cronjob`,
    [['from', "''", 'The name of the resource to create a Job from (only cronjob is supported).'], ['image', "''", 'Image name to run.']],
  ),
  'create namespace': generator(
    'Create a namespace with the specified name',
    'create namespace NAME [--dry-run=server|client|none] [options]',
    `# Create a new namespace named my-namespace
kubectl create namespace my-namespace`,
    [],
    ['ns'],
    false,
  ),
  'create priorityclass': generator(
    'Create a priority class with the specified name',
    'create priorityclass NAME --value=VALUE --global-default=BOOL [--dry-run=server|client|none] [options]',
    `# Create a priority class named high-priority
kubectl create priorityclass high-priority --value=1000 --description="high priority"

# Create a priority class named default-priority that is considered as the global default priority
kubectl create priorityclass default-priority --value=1000 --global-default=true --description="default priority"`,
    [
      ['description', "''", 'description is an arbitrary string that usually provides guidelines on when this priority class should be used.'],
      ['global-default', 'false', 'global-default specifies whether this PriorityClass should be considered as the default priority.'],
      ['preemption-policy', "'PreemptLowerPriority'", 'preemption-policy is the policy for preempting pods with lower priority.'],
      ['value', '0', 'the value of this priority class.'],
    ],
    ['pc'],
  ),
  'create quota': generator(
    'Create a quota with the specified name',
    'create quota NAME [--hard=key1=value1,key2=value2] [--scopes=Scope1,Scope2] [--dry-run=server|client|none] [options]',
    `# Create a new resource quota named my-quota
kubectl create quota my-quota --hard=cpu=1,memory=1G,pods=2,services=3,replicationcontrollers=2,resourcequotas=1,secrets=5,persistentvolumeclaims=10

# Create a new resource quota named best-effort
kubectl create quota best-effort --hard=pods=100 --scopes=BestEffort`,
    [['hard', "''", 'A comma-delimited set of resource=quantity pairs that define a hard limit.'], ['scopes', "''", 'A comma-delimited set of quota scopes that must all match each object tracked by the quota.']],
    ['resourcequota'],
  ),
  'create secret': {
    short: 'Create a secret using a specified subcommand',
    long: 'Create a secret with specified type.\n\nA docker-registry type secret is for accessing a container registry.\n\nA generic type secret indicate an Opaque secret type.\n\nA tls type secret holds TLS certificate and its associated key.',
    usage: 'create secret (docker-registry | generic | tls) [options]',
    subcommands: ['generic'],
  },
  'create secret generic': generator(
    'Create a secret from a local file, directory, or literal value',
    'create secret generic NAME [--type=string] [--from-literal=key1=value1] [--dry-run=server|client|none] [options]',
    `# Create a new secret named my-secret with key1=supersecret and key2=topsecret
kubectl create secret generic my-secret --from-literal=key1=supersecret --from-literal=key2=topsecret`,
    [
      ['from-literal', '[]', 'Specify a key and literal value to insert in secret (i.e. mykey=somevalue)'],
      ['type', "''", 'The type of secret to create'],
    ],
    undefined,
    false,
  ),
  'create service': {
    short: 'Create a service using a specified subcommand',
    long: 'Create a service using a specified subcommand.',
    aliases: ['svc'],
    usage: 'create service [flags] [options]',
    subcommands: ['clusterip', 'externalname', 'loadbalancer', 'nodeport'],
  },
  'create service clusterip': generator(
    'Create a ClusterIP service',
    'create service clusterip NAME [--tcp=<port>:<targetPort>] [--dry-run=server|client|none] [options]',
    `# Create a new ClusterIP service named my-cs
kubectl create service clusterip my-cs --tcp=5678:8080

# Create a new ClusterIP service named my-cs (in headless mode)
kubectl create service clusterip my-cs --clusterip="None"`,
    [['clusterip', "''", 'Assign your own ClusterIP or set to \'None\' for a \'headless\' service (no loadbalancing).'], ['tcp', '[]', 'Port pairs can be specified as \'<port>:<targetPort>\'.']],
  ),
  'create service externalname': generator(
    'Create an ExternalName service',
    'create service externalname NAME --external-name external.name [--dry-run=server|client|none] [options]',
    `# Create a new ExternalName service named my-ns
kubectl create service externalname my-ns --external-name bar.com`,
    [['external-name', "''", 'External name of service'], ['tcp', '[]', 'Port pairs can be specified as \'<port>:<targetPort>\'.']],
  ),
  'create service loadbalancer': generator(
    'Create a LoadBalancer service',
    'create service loadbalancer NAME [--tcp=port:targetPort] [--dry-run=server|client|none] [options]',
    `# Create a new LoadBalancer service named my-lbs
kubectl create service loadbalancer my-lbs --tcp=5678:8080`,
    [['tcp', '[]', 'Port pairs can be specified as \'<port>:<targetPort>\'.']],
  ),
  'create service nodeport': generator(
    'Create a NodePort service',
    'create service nodeport NAME [--tcp=port:targetPort] [--dry-run=server|client|none] [options]',
    `# Create a new NodePort service named my-ns
kubectl create service nodeport my-ns --tcp=5678:8080`,
    [['node-port', '0', 'Port used to expose the service on each node in a cluster.'], ['tcp', '[]', 'Port pairs can be specified as \'<port>:<targetPort>\'.']],
  ),
  expose: {
    short: 'Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service',
    long: `Expose a resource as a new Kubernetes service.

Looks up a deployment, service, replica set, replication controller or pod by name and uses the selector for that resource as the selector for a new service on the specified port. A deployment or replica set will be exposed as a service only if its selector is convertible to a selector that service supports, i.e. when the selector contains only the matchLabels component. Note that if no port is specified via --port and the exposed resource has multiple ports, all will be re-used by the new service. Also if no labels are specified, the new service will re-use the labels from the resource it exposes.

Possible resources include (case insensitive):

 pod (po), service (svc), replicationcontroller (rc), deployment (deploy), replicaset (rs)`,
    examples: `# Create a service for a replicated nginx, which serves on port 80 and connects to the containers on port 8000
kubectl expose rc nginx --port=80 --target-port=8000

# Create a service for a pod valid-pod, which serves on port 444 with the name "frontend"
kubectl expose pod valid-pod --port=444 --name=frontend

# Create a service for an nginx deployment, which serves on port 80 and connects to the containers on port 8000
kubectl expose deployment nginx --port=80 --target-port=8000`,
    options: [
      ['cluster-ip', "''", "ClusterIP to be assigned to the service. Leave empty to auto-allocate, or set to 'None' to create a headless service."],
      o.dryRun, ['external-ip', "''", 'Additional external IP address (not managed by Kubernetes) to accept for the service.'],
      o.fieldManager('kubectl-expose'), o.filename('identifying the resource to expose a service'),
      ['labels', "''", 'Labels to apply to the service created by this call.', 'l'],
      ['load-balancer-ip', "''", 'IP to assign to the LoadBalancer. If empty, an ephemeral IP will be created and used (cloud-provider specific).'],
      ['name', "''", 'The name for the newly created object.'], o.output(),
      ['port', "''", 'The port that the service should serve on. Copied from the resource being exposed, if unspecified'],
      ['protocol', "''", 'The network protocol for the service to be created. Default is \'TCP\'.'], o.saveConfig,
      ['selector', "''", 'A label selector to use for this service. Only equality-based selector requirements are supported.'],
      ['session-affinity', "''", "If non-empty, set the session affinity for the service to this; legal values: 'None', 'ClientIP'"],
      ['target-port', "''", 'Name or number for the port on the container that the service should direct traffic to. Optional.'],
      ['type', "''", "Type for this service: ClusterIP, NodePort, LoadBalancer, or ExternalName. Default is 'ClusterIP'."],
    ],
    usage: 'expose (-f FILENAME | TYPE NAME) [--port=port] [--protocol=TCP|UDP|SCTP] [--target-port=number-or-name] [--name=name] [--external-ip=external-ip-of-service] [--type=type] [options]',
  },
  run: {
    short: 'Run a particular image on the cluster',
    long: 'Create and run a particular image in a pod.',
    examples: `# Start a nginx pod
kubectl run nginx --image=nginx

# Start a hazelcast pod and let the container expose port 5701
kubectl run hazelcast --image=hazelcast/hazelcast --port=5701

# Start a hazelcast pod and set labels "app=hazelcast" and "env=prod" in the container
kubectl run hazelcast --image=hazelcast/hazelcast --labels="app=hazelcast,env=prod"

# Dry run; print the corresponding API objects without creating them
kubectl run nginx --image=nginx --dry-run=client

# Start a busybox pod and keep it in the foreground, don't restart it if it exits
kubectl run -i -t busybox --image=busybox --restart=Never

# Start the nginx pod using a different command and custom arguments
kubectl run nginx --image=nginx --command -- <cmd> <arg1> ... <argN>`,
    options: [
      ['attach', 'false', 'If true, wait for the Pod to start running, and then attach to the Pod as if \'kubectl attach ...\' were called.'],
      ['command', 'false', 'If true and extra arguments are present, use them as the \'command\' field in the container, rather than the \'args\' field which is the default.'],
      o.dryRun, ['expose', 'false', 'If true, create a ClusterIP service associated with the pod.  Requires `--port`.'],
      o.fieldManager('kubectl-run'), ['image', "''", 'The image for the container to run.'],
      ['image-pull-policy', "''", 'The image pull policy for the container.'],
      ['labels', "''", 'Comma separated labels to apply to the pod. Will override previous values.', 'l'],
      o.output(), ['port', "''", 'The port that this container exposes.'],
      ['privileged', 'false', 'If true, run the container in privileged mode.'],
      ['quiet', 'false', 'If true, suppress prompt messages.', 'q'],
      ['restart', "'Always'", 'The restart policy for this Pod.  Legal values [Always, OnFailure, Never].'],
      ['rm', 'false', 'If true, delete the pod after it exits.  Only valid when attaching to the container.'], o.saveConfig,
      ['stdin', 'false', 'Keep stdin open on the container in the pod, even if nothing is attached.', 'i'],
      ['tty', 'false', 'Allocate a TTY for the container in the pod.', 't'],
    ],
    usage: 'run NAME --image=image [--env="key=value"] [--port=port] [--dry-run=server|client] [--overrides=inline-json] [--command] -- [COMMAND] [args...] [options]',
  },
  set: {
    short: 'Set specific features on objects',
    long: 'Configure application resources.\n\nThese commands help you make changes to existing application resources.',
    usage: 'set SUBCOMMAND [options]',
    subcommands: ['env', 'image', 'resources'],
  },
  'set env': {
    short: 'Update environment variables on a pod template',
    long: 'Update environment variables on a pod template.\n\nList environment variable definitions in one or more pods, pod templates. Add, update, or remove container environment variable definitions in one or more pod templates (within replication controllers or deployment configurations).',
    examples: `# Update deployment 'registry' with a new environment variable
kubectl set env deployment/registry STORAGE_DIR=/local

# List the environment variables defined on a deployments 'sample-build'
kubectl set env deployment/sample-build --list

# Remove the environment variable ENV from container 'c1' in all deployment configs
kubectl set env deployments --all --containers="c1" ENV-`,
    options: [
      o.all('If true, select all resources in the namespace of the specified resource types'),
      ['containers', "'*'", 'The names of containers in the selected pod templates to change - may use wildcards', 'c'],
      o.dryRun, ['env', '[]', 'Specify a key-value pair for an environment variable to set into each container.', 'e'],
      o.fieldManager('kubectl-set'), o.filename('the resource to update the env'),
      ['list', 'false', 'If true, display the environment and any changes in the standard format.'], o.local, o.output(),
      ['overwrite', 'true', 'If true, allow environment to be overwritten, otherwise reject updates that overwrite existing environment.'],
      o.recursive, o.selector,
    ],
    usage: 'set env RESOURCE/NAME KEY_1=VAL_1 ... KEY_N=VAL_N [options]',
  },
  'set image': {
    short: 'Update the image of a pod template',
    long: 'Update existing container image(s) of resources.\n\nPossible resources include (case insensitive):\n\n  pod (po), replicationcontroller (rc), deployment (deploy), daemonset (ds), statefulset (sts), cronjob (cj), replicaset (rs)',
    examples: `# Set a deployment's nginx container image to 'nginx:1.9.1', and its busybox container image to 'busybox'
kubectl set image deployment/nginx busybox=busybox nginx=nginx:1.9.1

# Update image of all containers of daemonset abc to 'nginx:1.9.1'
kubectl set image daemonset abc *=nginx:1.9.1`,
    options: [
      o.all('Select all resources, in the namespace of the specified resource types'), o.dryRun, o.fieldManager('kubectl-set'),
      o.filename('identifying the resource to get from a server'), o.local, o.output(), o.recursive, o.selector,
    ],
    usage: 'set image (-f FILENAME | TYPE NAME) CONTAINER_NAME_1=CONTAINER_IMAGE_1 ... CONTAINER_NAME_N=CONTAINER_IMAGE_N [options]',
  },
  'set resources': {
    short: 'Update resource requests/limits on objects with pod templates',
    long: 'Specify compute resource requirements (CPU, memory) for any resource that defines a pod template.  If a pod is successfully scheduled, it is guaranteed the amount of resource requested, but may burst up to its specified limits.\n\nFor each compute resource, if a limit is specified and a request is omitted, the request will default to the limit.',
    examples: `# Set a deployments nginx container cpu limits to "200m" and memory to "512Mi"
kubectl set resources deployment nginx -c=nginx --limits=cpu=200m,memory=512Mi

# Set the resource request and limits for all containers in nginx
kubectl set resources deployment nginx --limits=cpu=200m,memory=512Mi --requests=cpu=100m,memory=256Mi

# Remove the resource requests for resources on containers in nginx
kubectl set resources deployment nginx --limits=cpu=0,memory=0 --requests=cpu=0,memory=0`,
    options: [
      o.all('Select all resources, in the namespace of the specified resource types'),
      ['containers', "'*'", 'The names of containers in the selected pod templates to change, all containers are selected by default - may use wildcards', 'c'],
      o.dryRun, o.fieldManager('kubectl-set'), o.filename('identifying the resource to get from a server'),
      ['limits', "''", "The resource requirement requests for this container.  For example, 'cpu=100m,memory=256Mi'."],
      o.local, o.output(), o.recursive,
      ['requests', "''", "The resource requirement requests for this container.  For example, 'cpu=100m,memory=256Mi'."], o.selector,
    ],
    usage: 'set resources (-f FILENAME | TYPE NAME)  ([--limits=LIMITS & --requests=REQUESTS] [options]',
  },
  explain: {
    short: 'Get documentation for a resource',
    long: `Describe fields and structure of various resources.

This command describes the fields associated with each supported API resource. Fields are identified via a simple JSONPath identifier:

        <type>.<fieldName>[.<fieldName>]

Information about each field is retrieved from the server in OpenAPI format. (Terrarium: from the schema of the kubernetes-types package it is built with.)

${SUGGEST_API_RESOURCES}`,
    examples: `# Get the documentation of the resource and its fields
kubectl explain pods

# Get all the fields in the resource
kubectl explain pods --recursive

# Get the explanation for deployment in supported api versions
kubectl explain deployments --api-version=apps/v1

# Get the documentation of a specific field of a resource
kubectl explain pods.spec.containers`,
    options: [
      ['api-version', "''", 'Use given api-version (group/version) of the resource.'],
      ['output', "'plaintext'", 'Format in which to render the schema. Valid values are: (plaintext, plaintext-openapiv2).'],
      ['recursive', 'false', 'When true, print the name of all the fields recursively. Otherwise, print the available fields with their description.'],
    ],
    usage: 'explain TYPE [--recursive=FALSE|TRUE] [--api-version=api-version-group] [--output=plaintext|plaintext-openapiv2]',
  },
  get: {
    short: 'Display one or many resources',
    long: `Display one or many resources.

Prints a table of the most important information about the specified resources. You can filter the list using a label selector and the --selector flag. If the desired resource type is namespaced you will only see results in the current namespace if you don't specify any namespace.

By specifying the output as 'template' and providing a Go template as the value of the --template flag, you can filter the attributes of the fetched resources.

${SUGGEST_API_RESOURCES}`,
    examples: `# List all pods in ps output format
kubectl get pods

# List all pods in ps output format with more information (such as node name)
kubectl get pods -o wide

# List a single replication controller with specified NAME in ps output format
kubectl get replicationcontroller web

# List deployments in JSON output format, in the "apps" API group
kubectl get deployments.apps -o json

# List a single pod in JSON output format
kubectl get -o json pod web-pod-13je7

# Return only the phase value of the specified pod
kubectl get -o jsonpath='{.status.phase}' pod/web-pod-13je7

# List resource information in custom columns
kubectl get pod test-pod -o custom-columns=CONTAINER:.spec.containers[0].name,IMAGE:.spec.containers[0].image

# List all replication controllers and services together in ps output format
kubectl get rc,services

# List one or more resources by their type and names
kubectl get rc/web service/frontend pods/web-pod-13je7

# List the 'status' subresource for a single pod
kubectl get pod web-pod-13je7 --subresource status

# List all deployments in namespace 'backend'
kubectl get deployments.apps --namespace backend

# List all pods existing in all namespaces
kubectl get pods --all-namespaces`,
    options: [
      o.allNamespaces, o.allowMissingTemplateKeys,
      ['chunk-size', '500', 'Return large lists in chunks rather than all at once. Pass 0 to disable.'],
      o.fieldSelector, o.filename('identifying the resource to get from a server'),
      ['ignore-not-found', 'false', 'If set to true, suppresses NotFound error for specific objects that do not exist. Using this flag with commands that query for collections of resources has no effect when no resources are found.'],
      ['label-columns', '[]', 'Accepts a comma separated list of labels that are going to be presented as columns. Names are case-sensitive.', 'L'],
      ['no-headers', 'false', 'When using the default or custom-column output format, don\'t print headers (default print headers).'],
      o.output('json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file, custom-columns, custom-columns-file, wide'),
      ['output-watch-events', 'false', 'Output watch event objects when --watch or --watch-only is used.'],
      ['raw', "''", 'Raw URI to request from the server.  Uses the transport specified by the kubeconfig file.'],
      o.recursive, o.selector, o.showManagedFields,
      ['show-kind', 'false', 'If present, list the resource type for the requested object(s).'],
      ['show-labels', 'false', 'When printing, show all labels as the last column (default hide labels column)'],
      ['sort-by', "''", 'If non-empty, sort list types using this field specification.  The field specification is expressed as a JSONPath expression (e.g. \'{.metadata.name}\').'],
      ['subresource', "''", 'If specified, gets the subresource of the requested object.'], o.template,
      ['watch', 'false', 'After listing/getting the requested object, watch for changes.', 'w'],
      ['watch-only', 'false', 'Watch for changes to the requested object(s), without listing/getting first.'],
    ],
    usage: 'get [(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file|custom-columns|custom-columns-file|wide] (TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...) [flags] [options]',
  },
  edit: {
    short: 'Edit a resource on the server',
    long: `Edit a resource from the default editor.

The edit command allows you to directly edit any API resource you can retrieve via the command-line tools. It opens the object as YAML in an editor; when you save and close it, the object is updated on the server. If an error occurs while updating, the edited copy is kept so you can apply it again.

In Terrarium the editor is the app's YAML editor.`,
    examples: `# Edit the service named 'registry'
kubectl edit svc/registry

# Edit the deployment 'mydeployment' in YAML and save the modified config in its annotation
kubectl edit deployment/mydeployment -o yaml --save-config

# Edit the 'status' subresource for the 'mydeployment' deployment
kubectl edit deployment mydeployment --subresource='status'`,
    options: [
      o.fieldManager('kubectl-edit'), o.filename('to use to edit the resource'), o.output(),
      ['output-patch', 'false', 'Output the patch if the resource is edited.'], o.recursive, o.saveConfig, o.showManagedFields,
      ['subresource', "''", 'If specified, edit will operate on the subresource of the requested object.'], o.validate,
      ['windows-line-endings', 'false', 'Defaults to the line ending native to your platform.'],
    ],
    usage: 'edit (RESOURCE/NAME | -f FILENAME) [options]',
  },
  delete: {
    short: 'Delete resources by file names, stdin, resources and names, or by resources and label selector',
    long: `Delete resources by file names, stdin, resources and names, or by resources and label selector.

JSON and YAML formats are accepted. Only one type of argument may be specified: file names, resources and names, or resources and label selector.

Some resources, such as pods, support graceful deletion. These resources define a default period before they are forcibly terminated (the grace period) but you may override that value with the --grace-period flag, or pass --now to set a grace-period of 1. Because these resources often represent entities in the cluster, deletion may not be acknowledged immediately.

Note that the delete command does NOT do resource version checks, so if someone submits an update to a resource right when you submit a delete, their update will be lost along with the rest of the resource.`,
    examples: `# Delete a pod using the type and name specified in pod.json
kubectl delete -f ./pod.json

# Delete a pod based on the type and name in the JSON passed into stdin
cat pod.json | kubectl delete -f -

# Delete pods and services with same names "baz" and "foo"
kubectl delete pod,service baz foo

# Delete pods and services with label name=myLabel
kubectl delete pods,services -l name=myLabel

# Delete a pod with minimal delay
kubectl delete pod foo --now

# Force delete a pod on a dead node
kubectl delete pod foo --force

# Delete all pods
kubectl delete pods --all`,
    options: [
      o.all('Delete all resources, in the namespace of the specified resource types.'),
      ['all-namespaces', 'false', 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.', 'A'],
      ['cascade', "'background'", 'Must be "background", "orphan", or "foreground". Selects the deletion cascading strategy for the dependents (e.g. Pods created by a ReplicationController). Defaults to background.'],
      o.dryRun, o.fieldSelector, o.filename('containing the resource to delete.'),
      ['force', 'false', 'If true, immediately remove resources from API and bypass graceful deletion. Note that immediate deletion of some resources may result in inconsistency or data loss and requires confirmation.'],
      ['grace-period', '-1', 'Period of time in seconds given to the resource to terminate gracefully. Ignored if negative. Set to 1 for immediate shutdown. Can only be set to 0 when --force is true (force deletion).'],
      ['ignore-not-found', 'false', 'Treat "resource not found" as a successful delete. Defaults to "true" when --all is specified.'],
      ['now', 'false', 'If true, resources are signaled for immediate shutdown (same as --grace-period=1).'],
      ['output', "''", 'Output mode. Use "-o name" for shorter output (resource/name).', 'o'], o.recursive, o.selector,
      o.timeout('The length of time to wait before giving up on a delete, zero means determine a timeout from the size of the object'),
      ['wait', 'true', 'If true, wait for resources to be gone before returning. This waits for finalizers.'],
    ],
    usage: 'delete ([-f FILENAME] | [-k DIRECTORY] | TYPE [(NAME | -l label | --all)]) [options]',
  },
}
