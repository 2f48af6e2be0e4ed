/**
 * ControllerRevisions (kube: pkg/controller/history): the immutable snapshots of a pod template that
 * StatefulSets and DaemonSets keep, numbered by `revision`, so pods can be told apart by the
 * `controller-revision-hash` label, rolled forward and back, and old snapshots pruned.
 */
export * from './revisions'
