/** kubectl get configmaps / secrets: printConfigMap, printSecret. */
import type { ConfigMap, Secret } from 'kubernetes-types/core/v1'
import { since } from '../../duration'
import type { Columns } from './types'

const count = (m: object | undefined) => (m ? Object.keys(m).length : 0)

export const configMapColumns: Columns<ConfigMap> = {
  headers: ['NAME', 'DATA', 'AGE'],
  // kube: DATA counts the keys of data and binaryData together.
  row: (cm, now) => [cm.metadata?.name ?? '', String(count(cm.data) + count(cm.binaryData)), since(cm.metadata?.creationTimestamp, now)],
}

export const secretColumns: Columns<Secret> = {
  headers: ['NAME', 'TYPE', 'DATA', 'AGE'],
  row: (s, now) => [s.metadata?.name ?? '', s.type ?? '', String(count(s.data)), since(s.metadata?.creationTimestamp, now)],
}
