/**
 * Discovery as kubectl prints it: api-resources (sorted by API group, then name), api-versions,
 * auth can-i / whoami (RBAC is not simulated: the admin may do everything), version, cluster-info.
 */
import { describe, expect, it } from 'vitest'
import { createCluster } from '../../cluster'
import { runKubectl } from '../kubectl'

function kubectl(line: string) {
  return runKubectl(createCluster({ seed: 1 }), line)
}

const rows = (text: string) => text.split('\n').filter(Boolean)

describe('kubectl api-resources', () => {
  it('prints NAME SHORTNAMES APIVERSION NAMESPACED KIND, the core group first, then groups by name', () => {
    const out = rows(kubectl('api-resources').stdout)
    expect(out[0]).toMatch(/^NAME +SHORTNAMES +APIVERSION +NAMESPACED +KIND$/)
    expect(out).toContainEqual(expect.stringMatching(/^pods +po +v1 +true +Pod$/))
    expect(out).toContainEqual(expect.stringMatching(/^deployments +deploy +apps\/v1 +true +Deployment$/))
    expect(out).toContainEqual(expect.stringMatching(/^nodes +no +v1 +false +Node$/))
    const groups = out.slice(1).map((r) => r.split(/ +/).find((c) => /^(v1|[a-z0-9.]+\/v\w+)$/.test(c))!)
    const group = (v: string) => (v.includes('/') ? v.split('/')[0] : '')
    const seen = groups.map(group)
    expect(seen).toEqual([...seen].sort())
    const core = out.slice(1).filter((r, i) => seen[i] === '').map((r) => r.split(' ')[0])
    expect(core).toEqual([...core].sort())
    expect(core[0]).toBe('configmaps')
  })

  it('-o wide adds VERBS and CATEGORIES', () => {
    const out = rows(kubectl('api-resources -o wide').stdout)
    expect(out[0]).toMatch(/^NAME +SHORTNAMES +APIVERSION +NAMESPACED +KIND +VERBS +CATEGORIES$/)
    expect(out).toContainEqual(expect.stringMatching(/^pods +po +v1 +true +Pod +create,delete,deletecollection,get,list,patch,update,watch +all$/))
    expect(out).toContainEqual(expect.stringMatching(/^namespaces +ns +v1 +false +Namespace +create,delete,get,list,patch,update,watch/))
  })

  it('filters by --namespaced, --api-group and --verbs, and prints -o name as resource.group', () => {
    const cluster = rows(kubectl('api-resources --namespaced=false --no-headers').stdout)
    expect(cluster.every((r) => / false /.test(r))).toBe(true)
    expect(cluster.length).toBeGreaterThan(2)
    expect(rows(kubectl('api-resources --api-group=apps -o name').stdout)).toEqual([
      'controllerrevisions.apps', 'daemonsets.apps', 'deployments.apps', 'replicasets.apps', 'statefulsets.apps',
    ])
    expect(rows(kubectl('api-resources --api-group= -o name').stdout)).toContain('pods')
    expect(rows(kubectl('api-resources --verbs=deletecollection -o name').stdout)).not.toContain('namespaces')
  })

  it('--sort-by=kind sorts by kind, and bad values fail with kubectl\'s messages', () => {
    const kinds = rows(kubectl('api-resources --sort-by=kind --no-headers').stdout).map((r) => r.split(/ +/).pop()!)
    expect(kinds).toEqual([...kinds].sort())
    expect(kubectl('api-resources --sort-by=age').stderr).toBe('error: --sort-by accepts only name or kind\n')
    expect(kubectl('api-resources -o json').stderr).toBe('error: unable to match a printer suitable for the output format "json", allowed formats are: name,wide\n')
  })
})

describe('kubectl api-versions', () => {
  it('prints every served group/version sorted as strings, so v1 comes last', () => {
    const out = rows(kubectl('api-versions').stdout)
    expect(out).toEqual([...out].sort())
    expect(out[out.length - 1]).toBe('v1')
    expect(out).toContain('apps/v1')
    expect(out).toContain('autoscaling/v1')
    expect(out).toContain('autoscaling/v2')
  })
})

describe('kubectl auth', () => {
  it('can-i answers yes for everything (RBAC is not simulated)', () => {
    expect(kubectl('auth can-i create pods').stdout).toBe('yes\n')
    expect(kubectl('auth can-i delete deployments.apps -n kube-system').stdout).toBe('yes\n')
    expect(kubectl("auth can-i '*' '*'").stdout).toBe('yes\n')
    expect(kubectl('auth can-i get pods --as=system:serviceaccount:default:default').stdout).toBe('yes\n')
    const quiet = kubectl('auth can-i get pods -q')
    expect(quiet.stdout).toBe('')
    expect(quiet.exitCode).toBe(0)
  })

  it('can-i warns about unknown verbs and resources, and needs two arguments', () => {
    const r = kubectl('auth can-i frob widgets')
    expect(r.stderr).toBe("Warning: verb 'frob' is not a known verb\nWarning: the server doesn't have a resource type 'widgets'\n")
    expect(r.stdout).toBe('yes\n')
    expect(kubectl('auth can-i get').stderr).toBe("error: you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples.\n")
  })

  it('can-i --list prints the admin\'s rules as a table', () => {
    expect(kubectl('auth can-i --list').stdout).toBe(`Resources                                       Non-Resource URLs   Resource Names   Verbs
*.*                                             []                  []               [*]
                                                [*]                 []               [*]
selfsubjectreviews.authentication.k8s.io        []                  []               [create]
selfsubjectaccessreviews.authorization.k8s.io   []                  []               [create]
selfsubjectrulesreviews.authorization.k8s.io    []                  []               [create]
`)
  })

  it('whoami prints kind\'s admin user', () => {
    expect(kubectl('auth whoami').stdout).toBe('ATTRIBUTE   VALUE\nUsername    kubernetes-admin\nGroups      [kubeadm:cluster-admins system:authenticated]\n')
    expect(JSON.parse(kubectl('auth whoami -o json').stdout)).toEqual({
      apiVersion: 'authentication.k8s.io/v1',
      kind: 'SelfSubjectReview',
      metadata: { creationTimestamp: null },
      status: { userInfo: { groups: ['kubeadm:cluster-admins', 'system:authenticated'], username: 'kubernetes-admin' } },
    })
  })

  it('names its subcommands', () => {
    expect(kubectl('auth frob').stderr).toBe('error: unknown command "frob" for "kubectl auth"\nSee \'kubectl auth -h\' for help and examples\n')
  })
})

describe('kubectl version and cluster-info', () => {
  it('prints client, kustomize and server versions of v1.35', () => {
    expect(kubectl('version').stdout).toMatch(/^Client Version: v1\.35\.\d+\nKustomize Version: v5\.\d+\.\d+\nServer Version: v1\.35\.\d+\n$/)
    expect(kubectl('version --client').stdout).not.toContain('Server Version')
    const json = JSON.parse(kubectl('version -o json').stdout)
    expect(json.serverVersion).toMatchObject({ major: '1', minor: '35', gitVersion: 'v1.35.0' })
    expect(kubectl('version -o wide').stderr).toBe("error: --output must be 'yaml' or 'json'\n")
  })

  it('cluster-info shows the control plane and CoreDNS as on kind', () => {
    const out = kubectl('cluster-info').stdout
    expect(out.startsWith('Kubernetes control plane is running at https://127.0.0.1:6443\n')).toBe(true)
    expect(out.endsWith("\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n")).toBe(true)
  })
})
