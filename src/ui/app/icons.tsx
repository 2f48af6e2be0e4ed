/** Tiny inline icons (system fonts often lack the media-control glyphs). */
const svg = { width: 14, height: 14, viewBox: '0 0 16 16', 'aria-hidden': true, focusable: false } as const

export const PlayIcon = () => (
  <svg {...svg}><path d="M4 2.5v11l9-5.5z" fill="currentColor" /></svg>
)
export const PauseIcon = () => (
  <svg {...svg}><path d="M4 2.5h3v11H4zM9 2.5h3v11H9z" fill="currentColor" /></svg>
)
export const StepIcon = () => (
  <svg {...svg}><path d="M3 2.5v11l7-5.5zM11 2.5h2.5v11H11z" fill="currentColor" /></svg>
)
export const PowerIcon = () => (
  <svg {...svg}>
    <path d="M8 1.5v6" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" fill="none" />
    <path d="M4.6 4a5.2 5.2 0 1 0 6.8 0" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" fill="none" />
  </svg>
)
export const FitIcon = () => (
  <svg {...svg}>
    <path d="M2 6V2h4M10 2h4v4M14 10v4h-4M6 14H2v-4" stroke="currentColor" strokeWidth="1.6" fill="none" />
  </svg>
)
