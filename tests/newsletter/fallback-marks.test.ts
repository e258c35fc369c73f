import * as cheerio from 'cheerio'
import { describe, expect, it } from 'vitest'
import { renderNewsletters } from '../../channels/newsletter/render-newsletters.ts'
import { readSnapshot } from '../../channels/snapshot/read-snapshot.ts'
import { SAMPLE_SNAPSHOT_FILE } from '../../channels/snapshot/sample-snapshot.ts'

describe('a call-to-action label that fell back to Danish', () => {
  it('is marked lang="da" in a Swedish edition', async () => {
    const loaded = await readSnapshot(SAMPLE_SNAPSHOT_FILE)
    const { snapshot } = loaded
    const campaign = snapshot.campaigns.find((c) => c.key === 'stem-ok26' && c.locale === 'da')!
    const edition = snapshot.newsletters[0]
    const sv = {
      ...snapshot,
      campaigns: [
        ...snapshot.campaigns,
        {
          ...campaign,
          locale: 'sv' as const,
          slug: 'rosta-ok26',
          title: 'Rösta om OK26',
          fallbackFields: ['callToAction.label'],
        },
      ],
      newsletters: [
        {
          ...edition,
          locale: 'sv' as const,
          slug: 'nyhetsbrev',
          items: [{ kind: 'campaign' as const, key: 'stem-ok26' }],
        },
      ],
    }
    const render = await renderNewsletters(
      { ...loaded, snapshot: sv },
      { mergeSyntax: 'plain', buildDate: new Date(snapshot.generatedAt) },
    )
    const $ = cheerio.load(render.editions[0].html)
    const label = campaign.callToAction!.label
    const marked = $('[lang="da"]').filter((_, element) => $(element).text().trim() === label)
    expect(marked.length).toBe(1)
    expect($('[lang="da"]').filter((_, element) => $(element).text().includes('Rösta om OK26')).length).toBe(
      0,
    )
  })
})
