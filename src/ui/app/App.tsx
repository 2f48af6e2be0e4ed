import { ReactFlowProvider } from '@xyflow/react'
import { Header } from './Header'
import { SidePanel } from './SidePanel'
import { SideResizer } from './SideResizer'
import { Graph } from '../graph/Graph'
import { useCluster } from '../state/clusterStore'

/** The shell: header with time controls, the graph in the centre, tools on the side. */
export function App() {
  const connected = useCluster((s) => s.connected)
  return (
    <div className="app">
      <Header />
      <main className="workspace">
        <section className="canvas" aria-label="Cluster">
          {connected ? (
            <ReactFlowProvider>
              <Graph />
            </ReactFlowProvider>
          ) : (
            <div className="starting" role="status">Starting the cluster…</div>
          )}
        </section>
        <SideResizer />
        <SidePanel />
      </main>
    </div>
  )
}
