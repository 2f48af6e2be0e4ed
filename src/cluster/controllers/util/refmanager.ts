/**
 * Adoption and release (kube: controller.BaseControllerRefManager.ClaimObject). A controller
 * claims the objects it should manage: those it controls and that still match its selector; it
 * adopts orphans that match, and releases objects whose labels no longer match. Both are writes
 * to the object's ownerReferences, made by the controller's actor.
 */
import type { OwnerReference } from 'kubernetes-types/meta/v1'
import type { Api, KubeObject, RequestContext } from '../../apiserver/types'
import { isNotFound } from '../../apiserver/types'
import { matches, type Selector } from '../../apiserver/labels'
import { getControllerOf } from './controllerref'

export interface ClaimOptions {
  api: Api
  ctx: RequestContext
  owner: KubeObject
  ownerRef: OwnerReference
  selector: Selector
  /** Objects whose controller is `owner`. */
  owned: KubeObject[]
  /** Objects in the owner's namespace with no controller. */
  orphans: KubeObject[]
  /** kube: canAdopt — re-checked lazily before the first adoption (owner still there, not deleting). */
  canAdopt: () => boolean
}

/** Returns the objects that are now the owner's. */
export function claimObjects<T extends KubeObject>(o: ClaimOptions): T[] {
  const claimed: T[] = []
  const ownerUid = o.owner.metadata?.uid
  const ownerDeleting = !!o.owner.metadata?.deletionTimestamp
  for (const obj of o.owned) {
    if (getControllerOf(obj)?.uid !== ownerUid) continue
    // kube: an owner being deleted neither adopts nor releases.
    if (ownerDeleting || matches(o.selector, obj.metadata?.labels)) {
      claimed.push(obj as T)
      continue
    }
    if (obj.metadata?.deletionTimestamp) continue
    release(o, obj)
  }
  if (ownerDeleting) return claimed
  let adoptable: boolean | undefined
  for (const obj of o.orphans) {
    if (getControllerOf(obj) || obj.metadata?.deletionTimestamp) continue
    if (!matches(o.selector, obj.metadata?.labels)) continue
    adoptable ??= o.canAdopt()
    if (!adoptable) break
    const adopted = adopt(o, obj)
    if (adopted) claimed.push(adopted as T)
  }
  return claimed
}

function adopt(o: ClaimOptions, obj: KubeObject): KubeObject | undefined {
  const refs = (obj.metadata?.ownerReferences ?? []).filter((r) => r.uid !== o.ownerRef.uid)
  refs.push({ ...o.ownerRef })
  try {
    return o.api.patch(obj.kind ?? '', obj.metadata?.namespace, obj.metadata?.name ?? '', {
      metadata: { ownerReferences: refs, uid: obj.metadata?.uid },
    }, o.ctx)
  } catch (e) {
    if (isNotFound(e)) return undefined
    throw e
  }
}

function release(o: ClaimOptions, obj: KubeObject): void {
  const refs = (obj.metadata?.ownerReferences ?? []).filter((r) => r.uid !== o.ownerRef.uid)
  try {
    o.api.patch(obj.kind ?? '', obj.metadata?.namespace, obj.metadata?.name ?? '', {
      metadata: { ownerReferences: refs.length ? refs : null, uid: obj.metadata?.uid },
    }, o.ctx)
  } catch (e) {
    if (!isNotFound(e)) throw e
  }
}
