import { useState } from 'react'
import { EXAMPLES, loadExample } from './examples'

/** A menu of docs manifests: choosing one replaces the editor's text (nothing is applied yet). */
export function ExamplePicker() {
  const [error, setError] = useState<string>()
  return (
    <>
      <select
        className="example-picker"
        aria-label="Load an example"
        value=""
        onChange={(e) => {
          setError(undefined)
          if (e.target.value) loadExample(e.target.value).catch((err: Error) => setError(err.message))
        }}
      >
        <option value="">Examples…</option>
        {EXAMPLES.map((x) => (
          <option key={x.path} value={x.path}>
            {x.label}
          </option>
        ))}
      </select>
      {error && <span className="inline-error" role="alert">{error}</span>}
    </>
  )
}
