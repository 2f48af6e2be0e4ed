// kubectl exec (kubectl/pkg/cmd/exec): argument errors, container defaulting, completed pods and
// the command's exit code, against a running default cluster.
import { describe, expect, it } from 'vitest'
import { run } from '../../scenarios/run'

const TWO = `kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata: {name: two}
spec:
  containers:
  - {name: web, image: nginx:1.27}
  - {name: sidecar, image: busybox:1.28, command: [sleep, "3600"]}
EOF
kubectl run done --image=busybox:1.28 --restart=Never -- true
sleep 30`

describe('kubectl exec', () => {
  it('runs in the first container, saying so when there are several; -c picks one; the exit code is passed on', () => {
    const r = run(TWO)
    const first = r.more('kubectl exec two -- hostname')
    expect(first.stdout).toBe('two\n')
    expect(first.stderr).toBe('Defaulted container "web" out of: web, sidecar\n')
    const side = r.more('kubectl exec two -c sidecar -- sh -c "echo hi; exit 3"')
    expect(side.stdout).toBe('hi\n')
    expect(side.stderr).toBe('command terminated with exit code 3\n')
    expect(side.failed).toBe(1)
  })

  it('prints kubectl\'s errors', () => {
    const r = run(TWO)
    expect(r.more('kubectl exec nope -- ls').stderr).toBe('Error from server (NotFound): pods "nope" not found\n')
    expect(r.more('kubectl exec two -c nope -- ls').stderr).toBe('error: container nope is not valid for pod two out of: web, sidecar\n')
    expect(r.more('kubectl exec two ls').stderr).toBe("error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples\n")
    expect(r.more('kubectl exec two').stderr).toBe("error: you must specify at least one command for the container\nSee 'kubectl exec -h' for help and examples\n")
    expect(r.more('kubectl exec -- ls').stderr).toBe("error: pod, type/name or --filename must be specified\nSee 'kubectl exec -h' for help and examples\n")
    expect(r.more('kubectl exec done -- ls').stderr).toBe('error: cannot exec into a container in a completed pod; current phase is Succeeded\n')
  })

  it('a container not running yet: unable to upgrade connection', () => {
    const r = run('kubectl run slow --image=nginx:1.27')
    expect(r.more('kubectl exec slow -- ls').stderr).toBe('error: unable to upgrade connection: container not found ("slow")\n')
  })
})

describe('kubectl exec on a dead node', () => {
  it('the API server cannot dial the kubelet', () => {
    const r = run(`${TWO}\nnode kill node-1\nnode kill node-2\nnode kill node-3`)
    expect(r.more('kubectl exec two -c web -- ls').stderr).toMatch(/^Error from server: error dialing backend: dial tcp 172\.18\.0\.\d:10250: connect: no route to host\n$/)
  })
})
