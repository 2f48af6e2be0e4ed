/**
 * Simulated container images. Kubernetes itself knows nothing about what an image does; the
 * container runtime pulls it and runs its process. Here a small catalog plays both parts: it
 * answers "does this image exist, and how big is it?" for the kubelet's puller, and gives each
 * container a Program — a lazily read list of steps (print, sleep, exit) — for the kubelet's
 * runtime to play on the virtual clock.
 *
 * Grow it by adding a CatalogEntry (tags, size, entrypoint) in catalog.ts; command lines are
 * interpreted by the tiny shell in shell.ts. What `kubectl exec` finds inside an image — its
 * directories and files, the kubelet's /etc/hosts, /proc and `ps` — is image-os.ts (which base:
 * busybox, Alpine, Debian, Ubuntu), image-tree.ts (its read-only tree) and root-layer.ts.
 */
export { commandProgram, lookupImage, programFor, type CatalogEntry, type ImageLookup } from './catalog'
export { parseImageReference, familiarName, type ImageReference } from './reference'
export type { HttpRequest, MainProcess, Program, ProgramContext, Step } from './program'
export { shellProgram, formatDate } from './shell'
export { piDigits } from './pi'
