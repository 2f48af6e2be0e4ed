import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app/App'
import { startWorker } from './bridge/worker-client'
// oxlint-disable-next-line import/no-unassigned-import
import './styles/base.css'
// oxlint-disable-next-line import/no-unassigned-import
import './styles/graph.css'
// oxlint-disable-next-line import/no-unassigned-import
import './styles/panels.css'

startWorker()
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
