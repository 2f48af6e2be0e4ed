/**
 * Offline Monaco for @monaco-editor/react, with YAML diagnostics from monaco-yaml. Lives in the
 * lazy editor chunk only. See TOOLCHAIN.md pitfalls 5–8 for why each line is here.
 */
/* oxlint-disable import/no-unassigned-import, import/default -- Monaco's side-effect entries and Vite's ?worker imports */
import * as monaco from 'monaco-editor/editor'
import 'monaco-editor/features/register.all'
import 'monaco-editor/languages/definitions/yaml/register'
import { loader } from '@monaco-editor/react'
import { configureMonacoYaml } from 'monaco-yaml'
import EditorWorker from 'monaco-editor/editor/editor.worker?worker'
import YamlWorker from '../../yaml.worker?worker'

self.MonacoEnvironment = {
  getWorker(_moduleId: string, label: string) {
    return label === 'yaml' ? new YamlWorker() : new EditorWorker()
  },
}

// monaco-yaml 5.5.1 still calls createWebWorker with the pre-0.53 options; adapt them to { worker }
// the way monaco's own language workers do (post 'ignore', then the createData).
type LegacyOpts = { moduleId?: string; label?: string; createData?: unknown; host?: Record<string, Function>; keepIdleModels?: boolean }
const createWebWorker = monaco.editor.createWebWorker
const compatMonaco = {
  ...monaco,
  editor: {
    ...monaco.editor,
    createWebWorker: (opts: LegacyOpts | Parameters<typeof createWebWorker>[0]) => {
      if ('worker' in opts) return createWebWorker(opts)
      const worker = Promise.resolve(
        self.MonacoEnvironment!.getWorker!(opts.moduleId ?? 'workerMain.js', opts.label ?? 'monaco-editor-worker'),
      ).then((w) => {
        w.postMessage('ignore')
        w.postMessage(opts.createData)
        return w
      })
      return createWebWorker({ worker, host: opts.host, keepIdleModels: opts.keepIdleModels })
    },
  },
} as unknown as typeof monaco

configureMonacoYaml(compatMonaco, { enableSchemaRequest: false, validate: true, schemas: [] })

loader.config({ monaco })
// Read-only test hook: e2e specs read the model text (Monaco renders spaces as nbsp in the DOM).
;(window as unknown as { monaco: typeof monaco }).monaco = monaco

export { monaco }
