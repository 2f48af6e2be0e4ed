/**
 * What every control-plane component is given: the API (its only way to change anything), the
 * shared informers (its only way to read), the event recorder and the virtual clock.
 */
import type { Clock } from './clock'
import type { Api } from './apiserver/types'
import type { InformerFactory } from './informers/informer'
import type { EventRecorder } from './events/recorder'
import type { Timings } from './timings'

export interface ComponentContext {
  api: Api
  clock: Clock
  informers: InformerFactory
  events: EventRecorder
  timings: Timings
}
