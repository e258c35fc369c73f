import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { DispatchLedger, purgeLedger } from '../../channels/dispatch/ledger.ts'
import { tempDir } from './helpers.ts'

describe('dispatch ledger', () => {
  it('turns messages left `sending` into `uncertain`, and purges rows older than the given days', () => {
    const file = path.join(tempDir('ledger'), 'dispatch/ledger.sqlite')
    const first = new DispatchLedger(file, 'edition:x', 'run-1')
    first.now({ memberNumber: 'M1', bucket: 'email', status: 'sending', messageId: '<a@x>' })
    first.now({ memberNumber: 'M2', bucket: 'email', status: 'emailed' })
    first.close()
    const second = new DispatchLedger(file, 'edition:x', 'run-2')
    expect(second.markLeftoversUncertain()).toBe(1)
    expect(second.get('M1')).toMatchObject({ status: 'uncertain' })
    expect(second.get('M2')).toMatchObject({ status: 'emailed' })
    // Another dispatch's rows are its own.
    const other = new DispatchLedger(file, 'edition:y', 'run-3')
    expect(other.get('M2')).toBeUndefined()
    other.close()
    second.close()
    const day = 86_400_000
    expect(purgeLedger(file, 180, new Date(Date.now() + 179 * day))).toBe(0)
    expect(purgeLedger(file, 180, new Date(Date.now() + 181 * day))).toBe(2)
  })
})
