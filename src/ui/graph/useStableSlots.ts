import { useState } from 'react'

type Slots = (string | null)[]

/**
 * Gives each id a slot that it keeps while it stays: a new id takes the first free slot, a gone id
 * leaves a hole that the next newcomer fills. So a pod that stays never jumps.
 */
export function useStableSlots(ids: string[]): Slots {
  const [state, setState] = useState(() => ({ ids, slots: assignSlots([], ids) }))
  if (state.ids === ids) return state.slots
  // React's "adjust state while rendering" pattern: the previous slots are the input.
  const slots = assignSlots(state.slots, ids)
  setState({ ids, slots })
  return slots
}

export function assignSlots(previous: Slots, ids: string[]): Slots {
  const present = new Set(ids)
  const next = previous.map((id) => (id && present.has(id) ? id : null))
  const placed = new Set(next)
  for (const id of ids) {
    if (placed.has(id)) continue
    const free = next.indexOf(null)
    if (free >= 0) next[free] = id
    else next.push(id)
  }
  while (next.length && next[next.length - 1] === null) next.pop()
  return next
}
