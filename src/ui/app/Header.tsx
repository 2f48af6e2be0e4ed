import { TimeControls } from './TimeControls'

export function Header() {
  return (
    <header className="header">
      <div className="brand">
        <span className="brand-mark" aria-hidden>
          ⎈
        </span>
        <h1>Terrarium</h1>
        <span className="brand-sub">a Kubernetes cluster in your browser</span>
      </div>
      <TimeControls />
    </header>
  )
}
