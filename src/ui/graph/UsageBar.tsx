export function UsageBar({ label, used, total, text }: { label: string; used: number; total: number; text: string }) {
  const pct = total > 0 ? Math.min(100, (used / total) * 100) : 0
  return (
    <div className="usage" title={`${label}: ${text}`}>
      <span className="usage-label">{label.split(' ')[0]}</span>
      <span className="usage-track" role="meter" aria-label={label} aria-valuenow={Math.round(pct)} aria-valuemin={0} aria-valuemax={100}>
        <span className="usage-fill" style={{ width: `${pct}%` }} />
      </span>
      <span className="usage-text">{text}</span>
    </div>
  )
}
