/** kubectl create deployment|service|job|cronjob|quota|priorityclass: the objects exactly as kubectl generates them. */
import type { Job } from 'kubernetes-types/batch/v1'
import { describe, expect, it } from 'vitest'
import { boot } from './mutation-fixture'

describe('kubectl create generators', () => {
  it('prints the Deployment kubectl generates with --dry-run=client -o yaml and creates nothing', () => {
    const { run, cluster } = boot({ apply: false })
    const r = run('kubectl create deployment web --image=nginx:1.27 --replicas=2 --port=80 --dry-run=client -o yaml')
    expect(r.stdout).toBe([
      'apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  labels:', '    app: web', '  name: web', 'spec:', '  replicas: 2',
      '  selector:', '    matchLabels:', '      app: web', '  strategy: {}', '  template:', '    metadata:', '      labels:', '        app: web',
      '    spec:', '      containers:', '      - image: nginx:1.27', '        name: nginx', '        ports:', '        - containerPort: 80',
      '        resources: {}', 'status: {}', '',
    ].join('\n'))
    expect(cluster.api.find('Deployment', 'default', 'web')).toBeUndefined()
  })

  it('creates a Deployment whose pods run the command after --', () => {
    const { run, cluster } = boot({ apply: false })
    expect(run('kubectl create deployment sleeper --image=busybox -- sleep 3600').stdout).toBe('deployment.apps/sleeper created\n')
    cluster.clock.advance(30_000)
    expect(run('kubectl get deploy sleeper').stdout).toMatch(/^NAME +READY +UP-TO-DATE +AVAILABLE +AGE\nsleeper +1\/1 +1 +1 +\d+s\n$/)
  })

  it('generates Services with ports named after --tcp and the app=NAME selector', () => {
    const { run } = boot({ apply: false })
    expect(run('kubectl create service clusterip my-cs --tcp=5678:8080 --dry-run=client -o yaml').stdout).toBe([
      'apiVersion: v1', 'kind: Service', 'metadata:', '  labels:', '    app: my-cs', '  name: my-cs', 'spec:', '  ports:',
      '  - name: 5678-8080', '    port: 5678', '    protocol: TCP', '    targetPort: 8080', '  selector:', '    app: my-cs',
      '  type: ClusterIP', 'status:', '  loadBalancer: {}', '',
    ].join('\n'))
    expect(run('kubectl create service nodeport my-ns --tcp=80 --node-port=30080').stdout).toBe('service/my-ns created\n')
    expect(run('kubectl get svc my-ns').stdout).toMatch(/my-ns +NodePort +[\d.]+ +<none> +80:30080\/TCP/)
    expect(run('kubectl create service externalname my-en --external-name bar.com').stdout).toBe('service/my-en created\n')
    expect(run('kubectl create service clusterip x').stderr).toBe('error: at least one tcp port specifier must be provided\n')
    expect(run('kubectl create service externalname y').stderr).toBe('error: --external-name must be specified\n')
  })

  it('generates Jobs and CronJobs, and a manual Job from a CronJob', () => {
    const { run, cluster } = boot({ apply: false })
    expect(run('kubectl create job hello --image=busybox --dry-run=client -o yaml -- echo hi').stdout).toBe([
      'apiVersion: batch/v1', 'kind: Job', 'metadata:', '  name: hello', 'spec:', '  template:', '    metadata: {}', '    spec:',
      '      containers:', '      - command:', '        - echo', '        - hi', '        image: busybox', '        name: hello',
      '        resources: {}', '      restartPolicy: Never', 'status: {}', '',
    ].join('\n'))
    expect(run("kubectl create cronjob tick --image=busybox --schedule='*/1 * * * *' -- date").stdout).toBe('cronjob.batch/tick created\n')
    expect(run('kubectl create job tick-manual --from=cronjob/tick').stdout).toBe('job.batch/tick-manual created\n')
    const job = cluster.api.get<Job>('Job', 'default', 'tick-manual')
    expect(job.metadata!.annotations).toEqual({ 'cronjob.kubernetes.io/instantiate': 'manual' })
    expect(job.metadata!.ownerReferences![0]).toMatchObject({ kind: 'CronJob', name: 'tick', controller: true })
    expect(job.spec!.template.spec!.containers[0].command).toEqual(['date'])
    expect(run('kubectl create cronjob x --image=busybox').stderr).toBe('error: required flag(s) "schedule" not set\n')
    expect(run('kubectl create job y').stderr).toBe('error: either --image or --from must be specified\n')
  })

  it('generates ResourceQuotas and PriorityClasses', () => {
    const { run } = boot({ apply: false })
    expect(run('kubectl create quota q --hard=cpu=1,memory=1G,pods=2 --dry-run=client -o yaml').stdout).toBe(
      'apiVersion: v1\nkind: ResourceQuota\nmetadata:\n  name: q\nspec:\n  hard:\n    cpu: "1"\n    memory: 1G\n    pods: "2"\nstatus: {}\n')
    expect(run('kubectl create priorityclass high --value=1000 --dry-run=client -o yaml').stdout).toBe(
      'apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata:\n  name: high\npreemptionPolicy: PreemptLowerPriority\nvalue: 1000\n')
    expect(run('kubectl create priorityclass high --value=1000').stdout).toBe('priorityclass.scheduling.k8s.io/high created\n')
  })

  it('says (server dry run) and validates on the server, and -o name prints kind/name', () => {
    const { run, cluster } = boot({ apply: false })
    expect(run('kubectl create deployment web --image=nginx --dry-run=server').stdout).toBe('deployment.apps/web created (server dry run)\n')
    expect(cluster.api.find('Deployment', 'default', 'web')).toBeUndefined()
    expect(run('kubectl create deployment web --image=nginx -o name').stdout).toBe('deployment.apps/web\n')
    expect(run('kubectl create deployment web --image=nginx').stderr).toBe('Error from server (AlreadyExists): deployments.apps "web" already exists\n')
    expect(run('kubectl create deployment web2').stderr).toBe('error: required flag(s) "image" not set\n')
    expect(run('kubectl create deployment --image=nginx').stderr).toBe("error: exactly one NAME is required, got 0\nSee 'kubectl create deployment -h' for help and examples\n")
  })
})

describe('--dry-run and -o for apply and create -f', () => {
  it('prints the server\'s dry-run objects separated by --- and stores nothing', () => {
    const { run, cluster, files } = boot({ apply: false })
    files['two.yaml'] = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n'
    const r = run('kubectl apply -f two.yaml --dry-run=server -o yaml')
    expect(r.stdout.split('\n---\n').map((d) => /name: (\w)\n/.exec(d)?.[1])).toEqual(['a', 'b'])
    expect(run('kubectl apply -f two.yaml --dry-run=server').stdout).toBe('configmap/a created (server dry run)\nconfigmap/b created (server dry run)\n')
    expect(run('kubectl create -f two.yaml --dry-run=client -o name').stdout).toBe('configmap/a\nconfigmap/b\n')
    expect(cluster.api.find('ConfigMap', 'default', 'a')).toBeUndefined()
  })
})
