/**
 * The UI end of the protocol: starts the cluster worker, feeds its messages to the mirror and
 * turns each Command into a promise that settles with the worker's reply.
 */
import type { Command, CommandResult, OutputChunk, WorkerMessage } from '../../protocol/messages'
import { useCluster } from '../state/clusterStore'
import { useTraffic } from '../state/trafficStore'

type DistributiveOmit<T, K extends keyof never> = T extends unknown ? Omit<T, K> : never
export type CommandInput = DistributiveOmit<Command, 'id'>

let worker: Worker | undefined
let nextId = 1
const pending = new Map<number, { resolve: (r: CommandResult) => void; reject: (e: Error) => void }>()
const streams = new Map<number, (chunks: OutputChunk[], ended: boolean) => void>()
let nextStream = 1

export function startWorker(): void {
  if (worker) return
  worker = new Worker(new URL('../../worker.ts', import.meta.url), { type: 'module', name: 'terrarium-cluster' })
  worker.onmessage = (ev: MessageEvent<WorkerMessage>) => {
    const msg = ev.data
    if (msg.type === 'reply') {
      const p = pending.get(msg.id)
      pending.delete(msg.id)
      if (!p) return
      if (msg.ok) p.resolve(msg.result)
      else p.reject(new Error(msg.error))
      return
    }
    if (msg.type === 'output') {
      streams.get(msg.stream)?.(msg.chunks, msg.ended === true)
      return
    }
    useCluster.getState().received(msg)
    if (msg.type === 'diff' && msg.traffic) useTraffic.getState().received(msg.traffic)
  }
  worker.onerror = (ev) => {
    ev.preventDefault()
    for (const p of pending.values()) p.reject(new Error('The cluster stopped unexpectedly; reload the page.'))
    pending.clear()
  }
}

/** Sends one command; rejects with the worker's message when it fails. */
export function send(input: CommandInput): Promise<CommandResult> {
  if (!worker) return Promise.reject(new Error('The cluster is not running yet.'))
  const id = nextId++
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject })
    worker!.postMessage({ ...input, id } as Command)
  })
}

/**
 * A stream id for a `watch` command and a listener for its `output` messages (which may arrive
 * before the reply). Call `close` when done with it.
 */
export function openStream(listener: (chunks: OutputChunk[], ended: boolean) => void): { stream: number; close: () => void } {
  const stream = nextStream++
  streams.set(stream, listener)
  return { stream, close: () => streams.delete(stream) }
}
