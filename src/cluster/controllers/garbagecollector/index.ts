/**
 * The garbage collector of kube-controller-manager: deletes objects whose owners are gone and
 * carries out the Orphan and Foreground deletion policies through their finalizers.
 */
export { FINALIZER_FOREGROUND, FINALIZER_ORPHAN, GARBAGE_COLLECTOR, GarbageCollector } from './garbagecollector'
