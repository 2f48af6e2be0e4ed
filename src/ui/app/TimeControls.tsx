import { useState } from 'react'
import { send } from '../bridge/worker-client'
import { useCluster } from '../state/clusterStore'
import { PauseIcon, PlayIcon, StepIcon } from './icons'

const SPEEDS = [0.5, 1, 2, 5, 10, 100]

/** Pause, step, speed and jump: virtual time is the learner's to control. */
export function TimeControls() {
  const paused = useCluster((s) => s.clock.paused)
  const speed = useCluster((s) => s.clock.speed)
  const now = useCluster((s) => s.clock.now)
  const [error, setError] = useState<string>()
  const clock = (action: 'pause' | 'play' | 'step' | 'speed' | 'jump', value?: number) => {
    setError(undefined)
    send({ type: 'clock', action, value }).catch((e: Error) => setError(e.message))
  }
  return (
    <div className="time" role="toolbar" aria-label="Time controls">
      <button type="button" className="btn" onClick={() => clock(paused ? 'play' : 'pause')}>
        {paused ? <><PlayIcon /> Play</> : <><PauseIcon /> Pause</>}
      </button>
      <button type="button" className="btn" onClick={() => clock('step')} title="Pause and run the next scheduled event">
        <StepIcon /> Step
      </button>
      <label className="speed">
        <span>Speed</span>
        <select value={speed} onChange={(e) => clock('speed', Number(e.target.value))}>
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {s}×
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="btn" onClick={() => clock('jump', 60)}>
        Jump +1 min
      </button>
      <button type="button" className="btn" onClick={() => clock('jump', 300)}>
        +5 min
      </button>
      <time className="clock" aria-label="Cluster time" dateTime={now ? new Date(now).toISOString() : undefined}>
        {now ? formatClock(now) : '--:--:--'}
        <span className="clock-state">{paused ? 'paused' : `${speed}×`}</span>
      </time>
      {error && <span className="inline-error" role="alert">{error}</span>}
    </div>
  )
}

function formatClock(ms: number): string {
  return new Date(ms).toISOString().slice(11, 19)
}
