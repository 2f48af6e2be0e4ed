/** Help for kubectl's "Other Commands": api-resources, api-versions, config, plugin, version, options, alpha. */
import type { HelpText } from './usage'

export const OTHER: Record<string, HelpText> = {
  'api-resources': {
    short: 'Print the supported API resources on the server',
    long: 'Print the supported API resources on the server.',
    examples: `# Print the supported API resources
kubectl api-resources

# Print the supported API resources with more information
kubectl api-resources -o wide

# Print the supported API resources sorted by a column
kubectl api-resources --sort-by=name

# Print the supported namespaced resources
kubectl api-resources --namespaced=true

# Print the supported non-namespaced resources
kubectl api-resources --namespaced=false

# Print the supported API resources with a specific APIGroup
kubectl api-resources --api-group=rbac.authorization.k8s.io`,
    options: [
      ['api-group', "''", 'Limit to resources in the specified API group.'],
      ['cached', 'false', 'Use the cached list of resources if available.'],
      ['categories', '[]', 'Limit to resources that belong to the specified categories.'],
      ['namespaced', 'true', 'If false, non-namespaced resources will be returned, otherwise returning namespaced resources by default.'],
      ['no-headers', 'false', "When using the default or custom-column output format, don't print headers (default print headers)."],
      ['output', "''", 'Output format. One of: (wide, name).', 'o'],
      ['sort-by', "''", "If non-empty, sort list of resources using specified field. The field can be either 'name' or 'kind'."],
      ['verbs', '[]', 'Limit to resources that support the specified verbs.'],
    ],
    usage: 'api-resources [flags] [options]',
  },
  'api-versions': {
    short: 'Print the supported API versions on the server, in the form of "group/version"',
    long: 'Print the supported API versions on the server, in the form of "group/version".',
    examples: `# Print the supported API versions
kubectl api-versions`,
    usage: 'api-versions [flags] [options]',
  },
  config: {
    short: 'Modify kubeconfig files',
    long: `Modify kubeconfig files using subcommands like "kubectl config set current-context my-context".

The loading order follows these rules:

  1.  If the --kubeconfig flag is set, then only that file is loaded. The flag may only be set once and no merging takes place.
  2.  If $KUBECONFIG environment variable is set, then it is used as a list of paths (normal path delimiting rules for your system). These paths are merged. When a value is modified, it is modified in the file that defines the stanza. When a value is created, it is created in the first file that exists. If no files in the chain exist, then it creates the last file in the list.
  3.  Otherwise, \${HOME}/.kube/config is used and no merging takes place.

Terrarium keeps one kubeconfig in memory for the session.`,
    usage: 'config SUBCOMMAND [options]',
    subcommands: ['current-context', 'get-contexts', 'set-context', 'use-context', 'view'],
  },
  'config current-context': {
    short: 'Display the current-context',
    long: 'Display the current-context.',
    examples: `# Display the current-context
kubectl config current-context`,
    usage: 'config current-context [options]',
  },
  'config get-contexts': {
    short: 'Describe one or many contexts',
    long: 'Display one or many contexts from the kubeconfig file.',
    examples: `# List all the contexts in your kubeconfig file
kubectl config get-contexts

# Describe one context in your kubeconfig file
kubectl config get-contexts my-context`,
    options: [['no-headers', 'false', "When using the default or custom-column output format, don't print headers (default print headers)."], ['output', "''", 'Output format. One of: (name).', 'o']],
    usage: 'config get-contexts [(-o|--output=)name)] [options]',
  },
  'config set-context': {
    short: 'Set a context entry in kubeconfig',
    long: 'Set a context entry in kubeconfig.\n\nSpecifying a name that already exists will merge new fields on top of existing values for those fields.',
    examples: `# Set the user field on the gce context entry without touching other values
kubectl config set-context gce --user=cluster-admin

# Set the namespace of the current context
kubectl config set-context --current --namespace=kube-system`,
    options: [
      ['cluster', "''", 'cluster for the context entry in kubeconfig'], ['current', 'false', 'Modify the current context'],
      ['namespace', "''", 'namespace for the context entry in kubeconfig'], ['user', "''", 'user for the context entry in kubeconfig'],
    ],
    usage: 'config set-context [NAME | --current] [--cluster=cluster_nickname] [--user=user_nickname] [--namespace=namespace] [options]',
  },
  'config use-context': {
    short: 'Set the current-context in a kubeconfig file',
    long: 'Set the current-context in a kubeconfig file.',
    aliases: ['use'],
    examples: `# Use the context for the minikube cluster
kubectl config use-context minikube`,
    usage: 'config use-context CONTEXT_NAME [options]',
  },
  'config view': {
    short: 'Display merged kubeconfig settings or a specified kubeconfig file',
    long: 'Display merged kubeconfig settings or a specified kubeconfig file.\n\nYou can use --output jsonpath={...} to extract specific values using a jsonpath expression.',
    examples: `# Show merged kubeconfig settings
kubectl config view

# Show merged kubeconfig settings, raw certificate data, and exposed secrets
kubectl config view --raw

# Get the password for the e2e user
kubectl config view -o jsonpath='{.users[?(@.name == "e2e")].user.password}'`,
    options: [
      ['minify', 'false', 'Remove all information not used by current-context from the output'],
      ['output', "'yaml'", 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).', 'o'],
      ['raw', 'false', 'Display raw byte data and sensitive data'],
    ],
    usage: 'config view [flags] [options]',
  },
  plugin: {
    short: 'Provides utilities for interacting with plugins',
    long: 'Provides utilities for interacting with plugins. (Terrarium has no plugins.)',
    usage: 'plugin [flags] [options]',
  },
  version: {
    short: 'Print the client and server version information',
    long: 'Print the client and server version information for the current context.',
    examples: `# Print the client and server versions for the current context
kubectl version`,
    options: [
      ['client', 'false', 'If true, shows client version only (no server required).'],
      ['output', "''", "One of 'yaml' or 'json'.", 'o'],
    ],
    usage: 'version [flags] [options]',
  },
  options: {
    short: 'Print the list of flags inherited by all commands',
    long: 'Print the list of flags inherited by all commands',
    examples: `# Print flags inherited by all commands
kubectl options`,
    usage: 'options [flags] [options]',
  },
  alpha: {
    short: 'Commands for features in alpha',
    long: 'These commands correspond to alpha features that are not enabled in Kubernetes clusters by default.',
    usage: 'alpha [flags] [options]',
  },
}

/** `kubectl options`: the global flags every command accepts (those this kubectl reads first). */
export const GLOBAL_OPTIONS = `The following options can be passed to any command:

    --as='':
	Username to impersonate for the operation. User could be a regular user or a service account in a namespace.

    --cluster='':
	The name of the kubeconfig cluster to use

    --context='':
	The name of the kubeconfig context to use

    --kubeconfig='':
	Path to the kubeconfig file to use for CLI requests.

    -n, --namespace='':
	If present, the namespace scope for this CLI request

    --request-timeout='0':
	The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don't timeout requests.

    --user='':
	The name of the kubeconfig user to use

    -v, --v=0:
	number for the log level verbosity
`
