// The YAML language server for monaco-yaml, bundled by Vite as a module worker.
// oxlint-disable-next-line import/no-unassigned-import
import 'monaco-yaml/yaml.worker.js'
