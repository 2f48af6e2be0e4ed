/**
 * `--help` as kubectl prints it (cobra's layout: description, Examples:, Options:, Usage:, the
 * `kubectl options` hint), for every command this kubectl runs, and the usage errors of the parser.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { createCluster } from '../../cluster'
import { commandNames, runKubectl } from '../kubectl'
import { HELP } from '../help/index'
import { loadSchema } from '../explain/schema'

function kubectl(line: string) {
  return runKubectl(createCluster({ seed: 1 }), line)
}

beforeAll(async () => {
  await loadSchema()
})

const HINT = 'Use "kubectl options" for a list of global command-line options (applies to all commands).\n'

describe('kubectl --help', () => {
  it('every command in the COMMANDS table has a help page', () => {
    const missing = commandNames().filter((name) => name !== 'help' && !HELP[name])
    expect(missing).toEqual([])
    const failing = commandNames().filter((name) => {
      const r = kubectl(`${name} --help`)
      return r.exitCode !== 0 || r.stderr !== '' || !r.stdout.endsWith(HINT)
    })
    expect(failing).toEqual([])
  })

  it('every subcommand a page lists has its own page', () => {
    const listed = Object.entries(HELP).flatMap(([key, page]) => (page.subcommands ?? []).map((sub) => `${key} ${sub}`))
    expect(listed.length).toBeGreaterThan(10)
    expect(listed.filter((key) => !HELP[key])).toEqual([])
  })

  it('lays out a command page as kubectl does', () => {
    const out = kubectl('get --help').stdout
    expect(out.startsWith('Display one or many resources.\n\n Prints a table of the most important information')).toBe(true)
    const sections = ['\n\nExamples:\n  # List all pods in ps output format\n  kubectl get pods\n', '\n\nOptions:\n    -A, --all-namespaces=false:\n\tIf present,', '\n\nUsage:\n  kubectl get [(-o|--output=)json|yaml|']
    let at = 0
    for (const s of sections) {
      const i = out.indexOf(s, at)
      expect(i).toBeGreaterThan(at - 1)
      at = i
    }
    expect(out).toContain('\n    -o, --output=\'\':\n\tOutput format. One of: (json, yaml, name,')
    expect(out).toContain('\n    --show-labels=false:\n\t')
    expect(out.endsWith(' [flags] [options]\n\n' + HINT)).toBe(true)
  })

  it('answers -h, --help anywhere before --, and `kubectl help CMD` alike', () => {
    const page = kubectl('scale --help').stdout
    expect(kubectl('scale -h').stdout).toBe(page)
    expect(kubectl('scale deploy/web --replicas=3 --help').stdout).toBe(page)
    expect(kubectl('help scale').stdout).toBe(page)
    expect(kubectl('-n kube-system scale --help').stdout).toBe(page)
  })

  it('shows a subcommand\'s page and a group\'s list of subcommands', () => {
    expect(kubectl('rollout status deployment/web --help').stdout).toContain('Usage:\n  kubectl rollout status (TYPE NAME | TYPE/NAME) [flags] [options]\n')
    const group = kubectl('rollout --help').stdout
    expect(group).toContain('Available Commands:\n  history     View rollout history\n  pause       Mark the provided resource as paused\n')
    expect(group).toContain('Use "kubectl <command> --help" for more information about a given command.\n' + HINT)
    expect(kubectl('create deployment --help').stdout).toContain('Aliases:\n  deployment, deploy\n')
  })

  it('kubectl alone prints the command groups with the commands this kubectl runs', () => {
    const root = kubectl('kubectl').stdout
    expect(kubectl('kubectl --help').stdout).toBe(root)
    expect(root.startsWith('kubectl controls the Kubernetes cluster manager.\n\n Find more information at: https://kubernetes.io/docs/reference/kubectl/\n\nBasic Commands (Beginner):\n  create          Create a resource from a file or from stdin\n')).toBe(true)
    expect(root).toContain('\nDeploy Commands:\n  rollout         Manage the rollout of a resource\n')
    expect(root).toContain('  api-resources   Print the supported API resources on the server\n')
    expect(root).not.toContain('  kustomize ')
    expect(root.endsWith('Usage:\n  kubectl [flags] [options]\n\nUse "kubectl <command> --help" for more information about a given command.\n' + HINT)).toBe(true)
  })

  it('kubectl options lists the global flags', () => {
    const out = kubectl('options').stdout
    expect(out.startsWith('The following options can be passed to any command:\n\n')).toBe(true)
    expect(out).toContain("    -n, --namespace='':\n\tIf present, the namespace scope for this CLI request\n")
  })

  it('every option a page lists is one the command accepts', () => {
    const value = (def: string) => (/^'.+'$/.test(def) ? def.slice(1, -1) : def === "''" || def === '[]' ? 'x' : def.replace(/^\[(.*)\]$/, '$1'))
    const unknown: string[] = []
    for (const [key, page] of Object.entries(HELP)) {
      if (!commandNames().includes(key.split(' ')[0]) || page.subcommands?.length) continue
      const cluster = createCluster({ seed: 1 })
      for (const [name, def] of page.options ?? []) {
        const r = runKubectl(cluster, `${key} --${name}=${value(def)}`)
        if (/unknown (shorthand )?flag/.test(r.stderr)) unknown.push(`${key} --${name}`)
      }
    }
    expect(unknown).toEqual([])
  })
})

describe('help examples', () => {
  // Failures that come from the empty test cluster or the test host, not from the command line itself.
  const ENVIRONMENT = [/^Error from server \(NotFound\)/, /^error: the path ".*" does not exist/, /no kubeconfig/, /^error: metrics not available yet/, /^error: unable to read URL/, /^Warning: /]
  // Reported to the MUTATIONS helper: kubectl allows a headless ClusterIP service without --tcp.
  const KNOWN = ['kubectl create service clusterip my-cs --clusterip="None"']

  it('every example of a command this kubectl runs parses and runs as far as the cluster allows', () => {
    const broken: string[] = []
    for (const [key, page] of Object.entries(HELP)) {
      if (!commandNames().includes(key.split(' ')[0])) continue
      for (const line of (page.examples ?? '').split('\n').filter((l) => l.startsWith('kubectl ') && !KNOWN.includes(l))) {
        const r = runKubectl(createCluster({ seed: 1 }), line, { stdin: '' })
        if (r.exitCode && !ENVIRONMENT.some((re) => re.test(r.stderr))) broken.push(`${line} -> ${r.stderr.split('\n')[0]}`)
      }
    }
    expect(broken).toEqual([])
  })
})

describe('usage errors', () => {
  it('unknown flags fail with pflag\'s text and point to the command\'s help', () => {
    expect(kubectl('get pods --foo').stderr).toBe("error: unknown flag: --foo\nSee 'kubectl get --help' for usage.\n")
    expect(kubectl('get pods -Z').stderr).toBe("error: unknown shorthand flag: 'Z' in -Z\nSee 'kubectl get --help' for usage.\n")
    expect(kubectl('api-resources --bogus').stderr).toBe("error: unknown flag: --bogus\nSee 'kubectl api-resources --help' for usage.\n")
    expect(kubectl('explain pods --recursive=maybe').stderr).toBe('error: invalid argument "maybe" for "--recursive" flag: strconv.ParseBool: parsing "maybe": invalid syntax\nSee \'kubectl explain --help\' for usage.\n')
  })

  it('unknown commands get cobra\'s suggestion', () => {
    expect(kubectl('explian pods').stderr).toBe('error: unknown command "explian" for "kubectl"\n\nDid you mean this?\n\texplain\n')
  })

  it('missing arguments fail with each command\'s kubectl error', () => {
    expect(kubectl('get').stderr).toBe('You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee \'kubectl get -h\' for help and examples\n')
    expect(kubectl('explain').stderr).toBe('error: You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.\n')
  })
})
