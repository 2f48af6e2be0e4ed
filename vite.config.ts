/// <reference types="vitest/config" />
import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: [
      // monaco-editor >= 0.56 has an exports map, so monaco-worker-manager's (monaco-yaml's)
      // legacy deep import "monaco-editor/esm/vs/editor/editor.worker.js" must be rewritten.
      { find: /^monaco-editor\/esm\/vs\//, replacement: 'monaco-editor/' },
    ],
  },
  // Dev server: worker entries are not crawled by the dependency scan; pre-bundle them so the
  // first visit does not force a reload.
  optimizeDeps: { include: ['monaco-yaml/yaml.worker.js'] },
  worker: {
    format: 'es',
    rolldownOptions: {
      output: {
        // The cluster worker loads kubectl and the less common controllers right after `hello`.
        // Their chunks are named cluster-* so that only the initial worker is `worker-*.js`, which
        // the first-load budget (DESIGN.md, .ci/test.mjs) counts.
        chunkFileNames: ({ name }) => `assets/${name.startsWith('cluster-') ? name : `cluster-${name}`}-[hash].js`,
      },
    },
  },
  build: { chunkSizeWarningLimit: 4500 },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts'],
    testTimeout: 30_000,
  },
})
