import { describe, it, expect } from 'vitest'
import { assignSlots } from './useStableSlots'

describe('assignSlots', () => {
  it('keeps a staying pod in its slot when an earlier one leaves', () => {
    expect(assignSlots(['a', 'b', 'c'], ['b', 'c'])).toEqual([null, 'b', 'c'])
  })
  it('fills the first hole with a newcomer', () => {
    expect(assignSlots([null, 'b', 'c'], ['b', 'c', 'd'])).toEqual(['d', 'b', 'c'])
  })
  it('drops trailing holes', () => {
    expect(assignSlots(['a', 'b', 'c'], ['a'])).toEqual(['a'])
  })
})
