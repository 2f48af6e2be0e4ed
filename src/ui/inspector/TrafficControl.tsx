import { useState } from 'react'
import type { Node, Service } from 'kubernetes-types/core/v1'
import { send } from '../bridge/worker-client'
import { useCluster } from '../state/clusterStore'
import { generatorName, useTraffic } from '../state/trafficStore'

/**
 * Where a learner can send requests to a Service from: its DNS name (from inside the cluster), its
 * cluster IP, a node port on a node's address, or the load balancer's IP.
 */
export function serviceUrls(svc: Service, nodeIp?: string): string[] {
  const name = svc.metadata?.name ?? ''
  const ns = svc.metadata?.namespace ?? 'default'
  const port = svc.spec?.ports?.[0]
  const p = port?.port ?? 80
  const withPort = (host: string, n: number) => `http://${host}${n === 80 ? '' : `:${n}`}`
  // kube: a Service's DNS name is <service>.<namespace>.svc.cluster.local (cluster domain cluster.local).
  const urls = [withPort(`${name}.${ns}.svc.cluster.local`, p)]
  const ip = svc.spec?.clusterIP
  if (ip && ip !== 'None') urls.push(withPort(ip, p))
  if (port?.nodePort && nodeIp) urls.push(`http://${nodeIp}:${port.nodePort}`)
  const lb = svc.status?.loadBalancer?.ingress?.[0]?.ip
  if (lb) urls.push(withPort(lb, p))
  return urls
}

/** The first worker node's InternalIP (a node port answers on every node). */
const selectNodeIp = (s: { ids: Record<string, string[]>; objects: Map<string, unknown> }): string | undefined => {
  for (const uid of s.ids.Node ?? []) {
    const n = s.objects.get(uid) as Node | undefined
    if (Object.hasOwn(n?.metadata?.labels ?? {}, 'node-role.kubernetes.io/control-plane')) continue
    const ip = n?.status?.addresses?.find((a) => a.type === 'InternalIP')?.address
    if (ip) return ip
  }
  return undefined
}

/** Start, retune or stop a traffic generator aimed at this Service. */
export function TrafficControl({ svc }: { svc: Service }) {
  const nodeIp = useCluster(selectNodeIp)
  const urls = serviceUrls(svc, nodeIp)
  const name = generatorName(svc.metadata?.namespace, svc.metadata?.name ?? '')
  const running = useTraffic((s) => s.generators.find((g) => g.name === name))
  const [url, setUrl] = useState(running?.url ?? urls[0])
  const [rps, setRps] = useState(running?.rps ?? 10)
  const [error, setError] = useState<string>()
  const listId = `urls-${svc.metadata?.uid}`
  const run = (cmd: Parameters<typeof send>[0]) => {
    setError(undefined)
    send(cmd).catch((e: Error) => setError(e.message))
  }
  return (
    <section className="traffic-control" aria-label="Send traffic">
      <h3>Send traffic</h3>
      <label className="field">
        <span>URL</span>
        <input className="mono" value={url} list={listId} onChange={(e) => setUrl(e.target.value)} spellCheck={false} />
        <datalist id={listId}>
          {urls.map((u) => (
            <option key={u} value={u} />
          ))}
        </datalist>
      </label>
      <label className="field">
        <span>Requests per second: {rps}</span>
        <input type="range" min={1} max={100} value={rps} onChange={(e) => setRps(Number(e.target.value))} />
      </label>
      <div className="traffic-buttons">
        <button type="button" className="btn btn-primary" onClick={() => run({ type: 'traffic', action: 'start', name, url, rps })}>
          {running ? 'Update traffic' : 'Start traffic'}
        </button>
        {running && (
          <button type="button" className="btn" onClick={() => run({ type: 'traffic', action: 'stop', name })}>
            Stop traffic
          </button>
        )}
      </div>
      {running && (
        <p className="muted">
          {running.sent} sent · <span className="traffic-ok">{running.ok} answered</span> · <span className="traffic-failed">{running.failed} failed</span>
        </p>
      )}
      {error && <p className="inline-error" role="alert">{error}</p>}
    </section>
  )
}
