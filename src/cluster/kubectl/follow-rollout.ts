/**
 * `kubectl rollout status` for hosts that stream (the page's terminal): the status line now, then a
 * line each time the rollout moves, as the cluster's own clock runs — instead of stepping the clock to
 * the answer as the one-shot command does. It ends by itself when the rollout is done or fails.
 */
import { commandWords } from './command-words'
import { firstArg } from './flags'
import { rolloutStatusArgs, watchRolloutStatus, type RolloutOutcome } from './commands/rollout-status'
import { Output, type KubectlHost, type KubectlOptions } from './host'
import type { WatchChunk } from './watch'

/** Undefined when the line is not a single, watching `rollout status` that can start (the host then runs it once). */
export function followRollout(host: KubectlHost, line: string, opts: KubectlOptions, emit: (chunk: WatchChunk) => void,
  end: () => void = () => {}): { stop(): void } | undefined {
  const words = commandWords(line, 'rollout')
  const at = words ? firstArg(words) : -1
  if (!words || words[at] !== 'status') return undefined
  let setup: ReturnType<typeof rolloutStatusArgs>
  try {
    setup = rolloutStatusArgs({ host, opts, out: new Output() }, words.filter((_, i) => i !== at))
  } catch {
    return undefined
  }
  const { targets, revision, timeout, watch } = setup
  if (targets.length !== 1 || !watch) return undefined
  let running = true
  let timer: ReturnType<typeof host.clock.schedule> | undefined
  let unsubscribe = () => {}
  const stop = () => {
    if (!running) return
    running = false
    unsubscribe()
    if (timer !== undefined) host.clock.cancel(timer)
  }
  const settle = (outcome: RolloutOutcome) => {
    if (!running) return
    if ('error' in outcome) emit({ stream: 'stderr', text: `error: ${outcome.error}\n` })
    stop()
    end()
  }
  try {
    unsubscribe = watchRolloutStatus(host.api, targets[0], revision, (text) => emit({ stream: 'stdout', text: `${text}\n` }), settle)
  } catch {
    return undefined
  }
  if (!running) return { stop }
  if (timeout > 0) timer = host.clock.schedule(timeout, () => settle({ error: 'timed out waiting for the condition' }), 'kubectl rollout status --timeout')
  return { stop }
}
