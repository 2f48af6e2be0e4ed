/** Help for kubectl's "Advanced Commands" and "Settings Commands". */
import * as o from './options'
import type { HelpText } from './usage'

const labelOrAnnotate = (verb: 'label' | 'annotate', noun: string): HelpText => ({
  short: `Update the ${noun}s on a resource`,
  long: verb === 'label'
    ? 'Update the labels on a resource.\n\n  *  A label key and value must begin with a letter or number, and may contain letters, numbers, hyphens, dots, and underscores, up to 63 characters each.\n  *  Optionally, the key can begin with a DNS subdomain prefix and a single \'/\', like example.com/my-app.\n  *  If --overwrite is true, then existing labels can be overwritten, otherwise attempting to overwrite a label will result in an error.\n  *  If --resource-version is specified, then updates will use this resource version, otherwise the existing resource-version will be used.'
    : 'Update the annotations on one or more resources.\n\nAll Kubernetes objects support the ability to store additional data with the object as annotations. Annotations are key/value pairs that can be larger than labels and include arbitrary string values such as structured JSON. Tools and system extensions may use annotations to store their own data.\n\nAttempting to set an annotation that already exists will fail unless --overwrite is set. If --resource-version is specified and does not match the current resource version on the server the command will fail.\n\nUse "kubectl api-resources" for a complete list of supported resources.',
  examples: verb === 'label'
    ? `# Update pod 'foo' with the label 'unhealthy' and the value 'true'
kubectl label pods foo unhealthy=true

# Update pod 'foo' with the label 'status' and the value 'unhealthy', overwriting any existing value
kubectl label --overwrite pods foo status=unhealthy

# Update all pods in the namespace
kubectl label pods --all status=unhealthy

# Update pod 'foo' only if the resource is unchanged from version 1
kubectl label pods foo status=unhealthy --resource-version=1

# Update pod 'foo' by removing a label named 'bar' if it exists
# Does not require the --overwrite flag
kubectl label pods foo bar-`
    : `# Update pod 'foo' with the annotation 'description' and the value 'my frontend'
# If the same annotation is set multiple times, only the last value will be applied
kubectl annotate pods foo description='my frontend'

# Update pod 'foo' with the annotation 'description' and the value 'my frontend running nginx', overwriting any existing value
kubectl annotate --overwrite pods foo description='my frontend running nginx'

# Update all pods in the namespace
kubectl annotate pods --all description='my frontend running nginx'

# Update pod 'foo' by removing an annotation named 'description' if it exists
# Does not require the --overwrite flag
kubectl annotate pods foo description-`,
  options: [
    o.all(`Select all resources, in the namespace of the specified resource types`), o.allNamespaces, o.dryRun,
    o.fieldManager(`kubectl-${verb}`), o.fieldSelector, o.filename(`identifying the resource to update the ${noun}`),
    ['list', 'false', `If true, display the ${noun}s for a given resource.`],
    ['local', 'false', `If true, ${verb} will NOT contact api-server but run locally.`], o.output(),
    ['overwrite', 'false', `If true, allow ${noun}s to be overwritten, otherwise reject ${noun} updates that overwrite existing ${noun}s.`],
    ['resource-version', "''", `If non-empty, the ${noun}s update will only succeed if this is the current resource-version for the object. Only valid when specifying a single resource.`],
    o.selector,
  ],
  usage: verb === 'label'
    ? 'label [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]'
    : 'annotate [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]',
})

export const ADVANCED: Record<string, HelpText> = {
  diff: {
    short: 'Diff the live version against a would-be applied version',
    long: 'Diff configurations specified by file name or stdin between the current online configuration, and the configuration as it would be if applied.\n\nThe output is always YAML.\n\nExit status: 0 No differences were found. 1 Differences were found. >1 Kubectl or diff failed with an error.',
    examples: `# Diff resources included in pod.json
kubectl diff -f pod.json

# Diff file read from stdin
cat service.yaml | kubectl diff -f -`,
    options: [o.fieldManager('kubectl-client-side-apply'), o.filename('contains the configuration to diff'), o.recursive, o.selector, ['server-side', 'false', 'If true, apply runs in the server instead of the client.']],
    usage: 'diff -f FILENAME [options]',
  },
  apply: {
    short: 'Apply a configuration to a resource by file name or stdin',
    long: 'Apply a configuration to a resource by file name or stdin. The resource name must be specified. This resource will be created if it doesn\'t exist yet. To use \'apply\', always create the resource initially with either \'apply\' or \'create --save-config\'.\n\nJSON and YAML formats are accepted.',
    examples: `# Apply the configuration in pod.json to a pod
kubectl apply -f ./pod.json

# Apply the JSON passed into stdin to a pod
cat pod.json | kubectl apply -f -

# Apply the configuration from a URL of the docs' examples
kubectl apply -f https://k8s.io/examples/application/deployment.yaml`,
    options: [
      o.dryRun, o.fieldManager('kubectl-client-side-apply'), o.filename('that contains the configuration to apply'),
      ['force-conflicts', 'false', 'If true, server-side apply will force the changes against conflicts.'], o.output(), o.recursive, o.saveConfig,
      ['server-side', 'false', 'If true, apply runs in the server instead of the client.'], o.validate,
    ],
    usage: 'apply (-f FILENAME | -k DIRECTORY) [options]',
  },
  patch: {
    short: 'Update fields of a resource',
    long: 'Update fields of a resource using strategic merge patch, a JSON merge patch, or a JSON patch.\n\nJSON and YAML formats are accepted.',
    examples: `# Partially update a node using a strategic merge patch, specifying the patch as JSON
kubectl patch node k8s-node-1 -p '{"spec":{"unschedulable":true}}'

# Partially update a node using a strategic merge patch, specifying the patch as YAML
kubectl patch node k8s-node-1 -p $'spec:\\n unschedulable: true'

# Partially update a node identified by the type and name specified in "node.json" using strategic merge patch
kubectl patch -f node.json -p '{"spec":{"unschedulable":true}}'

# Update a container's image; spec.containers[*].name is required because it's a merge key
kubectl patch pod valid-pod -p '{"spec":{"containers":[{"name":"kubernetes-serve-hostname","image":"new image"}]}}'

# Update a container's image using a JSON patch with positional arrays
kubectl patch pod valid-pod --type='json' -p='[{"op": "replace", "path": "/spec/containers/0/image", "value":"new image"}]'

# Update a deployment's replicas through the 'scale' subresource using a merge patch
kubectl patch deployment nginx-deployment --subresource='scale' --type='merge' -p '{"spec":{"replicas":2}}'`,
    options: [
      o.allowMissingTemplateKeys, o.dryRun, o.fieldManager('kubectl-patch'), o.filename('identifying the resource to update'),
      ['local', 'false', 'If true, patch will operate on the content of the file, not the server-side resource.'], o.output(),
      ['patch', "''", 'The patch to be applied to the resource JSON file.', 'p'], ['patch-file', "''", 'A file containing a patch to be applied to the resource.'],
      o.recursive, o.showManagedFields, ['subresource', "''", 'If specified, patch will operate on the subresource of the requested object.'],
      ['type', "'strategic'", 'The type of patch being provided; one of [json merge strategic]'],
    ],
    usage: 'patch (-f FILENAME | TYPE NAME) [-p PATCH|--patch-file FILE] [options]',
  },
  replace: {
    short: 'Replace a resource by file name or stdin',
    long: 'Replace a resource by file name or stdin.\n\nJSON and YAML formats are accepted. If replacing an existing resource, the complete resource spec must be provided. This can be obtained by\n\n        $ kubectl get TYPE NAME -o yaml',
    examples: `# Replace a pod using the data in pod.json
kubectl replace -f ./pod.json

# Replace a pod based on the JSON passed into stdin
cat pod.json | kubectl replace -f -

# Force replace, delete and then re-create the resource
kubectl replace --force -f ./pod.json`,
    options: [
      ['cascade', "'background'", 'Must be "background", "orphan", or "foreground". Selects the deletion cascading strategy for the dependents (e.g. Pods created by a ReplicationController). Defaults to background.'],
      o.dryRun, o.fieldManager('kubectl-replace'), o.filename('to use to replace the resource.'),
      ['force', 'false', 'If true, immediately remove resources from API and bypass graceful deletion. Note that immediate deletion of some resources may result in inconsistency or data loss and requires confirmation.'],
      ['grace-period', '-1', 'Period of time in seconds given to the resource to terminate gracefully. Ignored if negative. Set to 1 for immediate shutdown. Can only be set to 0 when --force is true (force deletion).'],
      o.output(), o.recursive, o.saveConfig, ['subresource', "''", 'If specified, replace will operate on the subresource of the requested object.'],
      o.timeout('The length of time to wait before giving up on a delete, zero means determine a timeout from the size of the object'), o.validate,
      ['wait', 'false', 'If true, wait for resources to be gone before returning. This waits for finalizers.'],
    ],
    usage: 'replace -f FILENAME [options]',
  },
  wait: {
    short: 'Experimental: Wait for a specific condition on one or many resources',
    long: 'Experimental: Wait for a specific condition on one or many resources.\n\nThe command takes multiple resources and waits until the specified condition is seen in the Status field of every given resource.\n\nAlternatively, the command can wait for the given set of resources to be created or deleted by providing the "create" or "delete" keyword as the value to the --for flag.\n\nA successful message will be printed to stdout indicating when the specified condition has been met. You can use -o option to change to output destination. (Terrarium waits on virtual time.)',
    examples: `# Wait for the pod "busybox1" to contain the status condition of type "Ready"
kubectl wait --for=condition=Ready pod/busybox1

# Wait for the pod "busybox1" to contain the status phase to be "Running"
kubectl wait --for=jsonpath='{.status.phase}'=Running pod/busybox1

# Wait for pod "busybox1" to be Ready
kubectl wait --for='jsonpath={.status.conditions[?(@.type=="Ready")].status}=True' pod/busybox1

# Wait for the pod "busybox1" to be deleted, with a timeout of 60s, after having issued the "delete" command
kubectl delete pod/busybox1
kubectl wait --for=delete pod/busybox1 --timeout=60s`,
    options: [
      o.all('Select all resources in the namespace of the specified resource types'), o.allNamespaces, o.fieldSelector,
      o.filename('identifying the resource.'), ['for', "''", "The condition to wait on: [create|delete|condition=condition-name[=condition-value]|jsonpath='{JSONPath expression}'=[JSONPath value]]. The default condition-value is true.  Condition values are compared after Unicode simple case folding, which is a more general form of case-insensitivity."],
      o.output(), o.recursive, o.selector,
      o.timeout('The length of time to wait before giving up.  Zero means check once and don\'t wait, negative means wait for a week.', '30s'),
    ],
    usage: 'wait ([-f FILENAME] | resource.group/resource.name | resource.group [(-l label | --all)]) [--for=create|--for=delete|--for condition=available|--for=jsonpath=\'{}\'[=value]] [options]',
  },
  kustomize: {
    short: 'Build a kustomization target from a directory or URL',
    long: 'Build a set of KRM resources using a \'kustomization.yaml\' file. (Terrarium does not run kustomize.)',
    usage: 'kustomize <dir> [flags] [options]',
  },
  label: labelOrAnnotate('label', 'label'),
  annotate: labelOrAnnotate('annotate', 'annotation'),
  completion: {
    short: 'Output shell completion code for the specified shell (bash, zsh, fish, or powershell)',
    long: 'Output shell completion code for the specified shell (bash, zsh, fish, or powershell). (Terrarium\'s terminal completes with Tab on its own.)',
    usage: 'completion SHELL [options]',
  },
}
