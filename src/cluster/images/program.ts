/**
 * What a simulated container does once started: a sequence of steps (print a line, sleep, exit),
 * read lazily so a server that runs forever costs nothing after its startup lines.
 */
import type { Random } from '../random'

export type Step =
  | { kind: 'log'; line: string }
  /** `Infinity` sleeps forever (`sleep infinity`, `tail -f /dev/null`). */
  | { kind: 'sleep'; ms: number }
  | { kind: 'exit'; code: number }

export interface ProgramContext {
  /** Virtual time in ms, for programs that print the time. */
  now(): number
  env: Record<string, string>
  /** The container's hostname: the pod name. */
  hostname: string
  podIP: string
}

export interface Program {
  /** What the process does. An iterator that ends without an `exit` step leaves the process running. */
  steps(ctx: ProgramContext): Iterator<Step>
  /**
   * Milliseconds the process takes to exit after SIGTERM, or undefined when it ignores SIGTERM
   * (a shell as PID 1 does) and is only killed at the end of the grace period.
   */
  stopAfterSigterm(random: Random): number | undefined
}

/** A process that prints `lines` at start and then serves until stopped. */
export function server(lines: (ctx: ProgramContext) => string[], stopMs: [number, number] = [100, 1000]): Program {
  return {
    *steps(ctx) {
      for (const line of lines(ctx)) yield { kind: 'log', line }
    },
    stopAfterSigterm: (random) => Math.round(random.between(stopMs[0], stopMs[1])),
  }
}

/** A process that exits at once with `code` (busybox's default `sh` without a terminal exits 0). */
export function exitsImmediately(code = 0, lines: string[] = []): Program {
  return {
    *steps() {
      for (const line of lines) yield { kind: 'log', line }
      yield { kind: 'exit', code }
    },
    stopAfterSigterm: () => 0,
  }
}
