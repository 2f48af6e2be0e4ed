import { useEffect, useMemo, useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { Service } from 'kubernetes-types/core/v1'
import { send } from '../bridge/worker-client'
import { useCluster } from '../state/clusterStore'
import { nameKey } from '../state/mirror'
import { useUi } from '../state/uiStore'
import { explainFailure, useTraffic } from '../state/trafficStore'
import { endpointsOf, type EndpointView } from '../model/endpoints'
import type { ServiceRuleView } from '../../protocol/messages'
import { TrafficControl } from './TrafficControl'

/** kube: an endpoint is ready, or serving while it terminates, or not ready (EndpointSlice conditions). */
const state = (e: EndpointView): string => (e.terminating ? 'terminating' : e.ready ? 'ready' : 'not ready')

/**
 * A Service as traffic sees it: its endpoints (from its EndpointSlices), kube-proxy's rules built
 * from them, a traffic generator, and the latest failures explained.
 */
export function ServiceSummary({ svc }: { svc: Service }) {
  const ns = svc.metadata?.namespace
  const key = `${ns ?? ''}/${svc.metadata?.name ?? ''}`
  const sliceIds = useCluster((s) => s.ids.EndpointSlice)
  const objects = useCluster((s) => s.objects)
  const endpoints = useMemo(() => endpointsOf({ ids: { EndpointSlice: sliceIds ?? [] }, objects }, svc), [sliceIds, objects, svc])
  const byName = useCluster((s) => s.byName)
  const pods = useTraffic((s) => s.pods)
  const failures = useTraffic(useShallow((s) => s.failures.filter((f) => f.service === key).slice(-5)))
  const select = useUi((s) => s.select)
  const selector = Object.entries(svc.spec?.selector ?? {}).map(([k, v]) => `${k}=${v}`).join(',')
  const epKey = endpoints.map((e) => `${e.address}:${state(e)}`).join(',')
  return (
    <>
      <dl className="summary">
        <dt>Type</dt>
        <dd>{svc.spec?.type ?? 'ClusterIP'}</dd>
        <dt>IP</dt>
        <dd className="mono">{svc.spec?.clusterIP ?? '—'}</dd>
        <dt>Ports</dt>
        <dd className="mono">
          {(svc.spec?.ports ?? []).map((p) => (
            <div key={`${p.port}/${p.protocol}`}>
              {p.port}
              {p.nodePort ? `:${p.nodePort}` : ''}/{p.protocol ?? 'TCP'} → {String(p.targetPort ?? p.port)}
            </div>
          ))}
        </dd>
        <dt>Selector</dt>
        <dd className="mono">{selector || '<none>'}</dd>
      </dl>
      <h3>Endpoints</h3>
      {endpoints.length ? (
        <table className="endpoints" aria-label={`Endpoints of Service ${svc.metadata?.name}`}>
          <thead>
            <tr>
              <th scope="col">Address</th>
              <th scope="col">Pod</th>
              <th scope="col">Node</th>
              <th scope="col">State</th>
              <th scope="col">Requests</th>
            </tr>
          </thead>
          <tbody>
            {endpoints.map((e) => {
              const t = e.pod ? pods[`${ns}/${e.pod}`] : undefined
              const uid = e.pod ? byName.get(nameKey('Pod', ns, e.pod)) : undefined
              return (
                <tr key={`${e.address}-${e.pod}`} className={`ep-${state(e).replace(' ', '-')}`}>
                  <td className="mono">{e.address}</td>
                  <td>
                    {uid ? (
                      <button type="button" className="link-button" onClick={() => select(uid)}>
                        {e.pod}
                      </button>
                    ) : (e.pod ?? '—')}
                  </td>
                  <td>{e.node ?? '—'}</td>
                  <td>{state(e)}</td>
                  <td className="mono">{t ? <><span className="traffic-ok">✓{t.ok}</span> <span className="traffic-failed">✕{t.failed}</span></> : '—'}</td>
                </tr>
              )
            })}
          </tbody>
        </table>
      ) : (
        <p className="muted">No endpoints: no ready pod matches the selector, so connections to this Service are refused.</p>
      )}
      <ProxyRules namespace={ns ?? 'default'} name={svc.metadata?.name ?? ''} version={`${epKey}|${svc.metadata?.resourceVersion}`} />
      <TrafficControl svc={svc} />
      {failures.length > 0 && (
        <>
          <h3>Latest failures</h3>
          <ul className="failures" aria-label="Latest failures">
            {failures.map((f, i) => (
              <li key={`${f.at}-${i}`}>
                <span className="mono muted">{new Date(f.at).toISOString().slice(11, 19)}</span> <span aria-hidden>✕</span>{' '}
                {f.pod ? <strong>{f.pod.split('/')[1]}</strong> : null} {explainFailure(f)}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  )
}

/** kube-proxy's rules for the Service, asked of the worker again whenever its endpoints change. */
function ProxyRules({ namespace, name, version }: { namespace: string; name: string; version: string }) {
  const [rules, setRules] = useState<{ rules: ServiceRuleView[]; available: boolean }>()
  useEffect(() => {
    let live = true
    send({ type: 'serviceRules', namespace, name })
      .then((r) => live && setRules(r.kind === 'serviceRules' ? { rules: r.rules, available: r.available } : undefined))
      .catch(() => live && setRules(undefined))
    return () => {
      live = false
    }
    // oxlint-disable-next-line react/exhaustive-effect-dependencies -- `version` changes with the endpoints: ask again
  }, [namespace, name, version])
  if (!rules?.available) return null
  return (
    <section aria-label="kube-proxy rules">
      <h3>kube-proxy rules</h3>
      {rules.rules.length ? (
        <ul className="proxy-rules mono">
          {rules.rules.map((r) => (
            <li key={r.frontend}>
              {r.frontend}
              {r.kind ? <span className="muted"> ({r.kind})</span> : null} →{' '}
              {r.endpoints.filter((e) => e.ready).map((e) => e.address).join(', ') || <span className="traffic-failed">no endpoints: reject</span>}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No rules for this Service.</p>
      )}
    </section>
  )
}
