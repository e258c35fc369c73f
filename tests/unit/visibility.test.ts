import { describe, expect, it } from 'vitest'
import { defaultBuildDate, endedAt, visibleAt } from '../../channels/snapshot/visibility.ts'
import { SAMPLE_SNAPSHOT_FILE } from '../../channels/snapshot/sample-snapshot.ts'

const date = new Date('2026-03-05T12:00:00Z')

describe('visibleAt', () => {
  it('hides what is published after the date', () => {
    expect(visibleAt({ publishedAt: '2026-03-05T12:00:00Z' }, date)).toBe(true)
    expect(visibleAt({ publishedAt: '2026-03-05T12:00:01Z' }, date)).toBe(false)
  })

  it('shows a benefit from validFrom until (not at) validTo', () => {
    expect(
      visibleAt(
        { publishedAt: '2026-01-01T00:00:00Z', validFrom: '2026-03-05T12:00:00Z', validTo: null },
        date,
      ),
    ).toBe(true)
    expect(visibleAt({ validFrom: '2026-03-06T00:00:00Z' }, date)).toBe(false)
    expect(visibleAt({ validTo: '2026-03-05T12:00:01Z' }, date)).toBe(true)
    expect(visibleAt({ validTo: '2026-03-05T12:00:00Z' }, date)).toBe(false)
  })
})

describe('endedAt', () => {
  it('ends a campaign at its end, or when export said so', () => {
    expect(endedAt({ ended: false, endsAt: '2026-03-05T12:00:00Z' }, date)).toBe(true)
    expect(endedAt({ ended: false, endsAt: '2026-03-05T12:00:01Z' }, date)).toBe(false)
    expect(endedAt({ ended: false, endsAt: null }, date)).toBe(false)
    expect(endedAt({ ended: true, endsAt: '2027-01-01T00:00:00Z' }, date)).toBe(true)
  })
})

describe('defaultBuildDate', () => {
  it('is BUDSTIKKE_BUILD_DATE when set, else now', () => {
    const saved = process.env.BUDSTIKKE_BUILD_DATE
    try {
      process.env.BUDSTIKKE_BUILD_DATE = '2026-03-05T12:00:00Z'
      expect(defaultBuildDate().toISOString()).toBe('2026-03-05T12:00:00.000Z')
      delete process.env.BUDSTIKKE_BUILD_DATE
      expect(Math.abs(defaultBuildDate().getTime() - Date.now())).toBeLessThan(5000)
    } finally {
      if (saved === undefined) delete process.env.BUDSTIKKE_BUILD_DATE
      else process.env.BUDSTIKKE_BUILD_DATE = saved
    }
  })
})

describe('channels judge with their build date', async () => {
  const { readFileSync } = await import('node:fs')
  const { snapshotSchema } = await import('../../channels/snapshot/schema.ts')
  const { collectCardJobs } = await import('../../channels/cards/card-jobs.ts')
  const { resolveItems } = await import('../../channels/newsletter/resolve-items.ts')
  const snapshot = snapshotSchema.parse(JSON.parse(readFileSync(SAMPLE_SNAPSHOT_FILE, 'utf8')))
  const exported = new Date(snapshot.generatedAt)
  const afterCampaign = new Date('2027-01-01T00:00:00Z') // stem-ok26 ends 2026-12-31
  const afterBenefit = new Date('2028-01-01T00:00:00Z') // indboforsikring is valid to 2027-12-31

  it('cards: an ended campaign loses its call to action, an expired benefit its card', () => {
    const campaignCard = (date: Date) =>
      collectCardJobs(snapshot, [], date).find((job) => job.kind === 'campaign' && job.slug === 'stem-ok26')
    expect(campaignCard(exported)?.view).toMatchObject({ endLine: expect.stringContaining('2026') })
    expect(campaignCard(exported)?.view).not.toMatchObject({ callToAction: null })
    expect(campaignCard(afterCampaign)?.view).toMatchObject({ callToAction: null, endLine: 'Afsluttet' })
    const benefitSlugs = (date: Date) =>
      collectCardJobs(snapshot, [], date)
        .filter((job) => job.kind === 'benefit')
        .map((job) => job.slug)
    expect(benefitSlugs(exported)).toContain('indboforsikring')
    expect(benefitSlugs(afterBenefit)).not.toContain('indboforsikring')
  })

  it('newsletters: an ended campaign and an expired benefit are left out with a warning', () => {
    const edition = snapshot.newsletters[0]
    const resolve = (buildDate: Date) => {
      const warnings: string[] = []
      const items = resolveItems({
        snapshot,
        edition,
        locale: edition.locale,
        buildDate,
        warn: (field, message) => warnings.push(`${field}: ${message}`),
      })
      return { keys: items.map((item) => item.doc.key), warnings }
    }
    expect(resolve(exported).keys).toEqual([
      'stem-ok26',
      'ok26-afstemning',
      'loen-stiger-2026',
      'indboforsikring',
    ])
    const later = resolve(afterBenefit)
    expect(later.keys).toEqual(['ok26-afstemning', 'loen-stiger-2026'])
    expect(later.warnings).toContain('items[0]: campaign "stem-ok26" has ended; left out')
    expect(later.warnings).toContain(
      'items[4]: benefit "indboforsikring" is not shown on 2028-01-01 (not due yet, or expired); left out',
    )
  })
})
