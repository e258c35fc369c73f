/**
 * What is dispatched: a newsletter edition, or a campaign (its newsletter text in the edition
 * layout by e-mail, its letter text on paper). Both become newsletter editions per locale, so the
 * e-mail is rendered by the newsletter channel either way.
 */
import type { Campaign, Locale, Newsletter, Snapshot } from '../snapshot/schema.ts'

export interface DispatchTarget {
  kind: 'edition' | 'campaign'
  /** The document's key (its default-locale slug): stable across locales and reruns. */
  key: string
  /** The ledger's and the lock's name for this dispatch, e.g. `edition:nyhedsbrev-marts-2026`. */
  dispatchKey: string
  /** Segment slugs the dispatch is for; null: every member. */
  segments: ReadonlySet<string> | null
  /** The e-mail per locale (for a campaign: an edition made of the campaign). */
  editions: Map<Locale, Newsletter>
  campaign: Campaign | null
}

function matches(
  doc: { key: string; slug: string; translations: Partial<Record<Locale, string>> },
  wanted: string,
): boolean {
  return doc.key === wanted || doc.slug === wanted || Object.values(doc.translations).includes(wanted)
}

/** A campaign as a one-item edition: its block shows the campaign's newsletter text and call to action. */
function campaignEdition(campaign: Campaign): Newsletter {
  return {
    id: campaign.id,
    key: campaign.key,
    slug: campaign.slug,
    locale: campaign.locale,
    fallbackFields: campaign.fallbackFields,
    translations: campaign.translations,
    publishedAt: campaign.publishedAt,
    updatedAt: campaign.updatedAt,
    subject: campaign.title,
    preheader: campaign.summary,
    intro: [],
    items: [{ kind: 'campaign', key: campaign.key }],
    segment: null,
  }
}

export function resolveTarget(
  snapshot: Snapshot,
  wanted: { edition?: string; campaign?: string },
): DispatchTarget {
  if (Boolean(wanted.edition) === Boolean(wanted.campaign))
    throw new Error('give either --edition SLUG or --campaign SLUG')
  if (wanted.edition) {
    const found = snapshot.newsletters.filter((n) => matches(n, wanted.edition!))
    if (found.length === 0)
      throw new Error(
        `--edition ${wanted.edition}: no published edition with that slug (published: ${[...new Set(snapshot.newsletters.map((n) => n.key))].join(', ') || 'none'})`,
      )
    const key = found[0].key
    const editions = new Map(
      snapshot.newsletters.filter((n) => n.key === key).map((n) => [n.locale, n] as const),
    )
    const main = editions.get(snapshot.defaultLocale) ?? found[0]
    return {
      kind: 'edition',
      key,
      dispatchKey: `edition:${key}`,
      segments: main.segment ? new Set([main.segment.slug.toLowerCase()]) : null,
      editions,
      campaign: null,
    }
  }
  const found = snapshot.campaigns.filter((c) => matches(c, wanted.campaign!))
  if (found.length === 0)
    throw new Error(
      `--campaign ${wanted.campaign}: no published campaign with that slug (published: ${[...new Set(snapshot.campaigns.map((c) => c.key))].join(', ') || 'none'})`,
    )
  const key = found[0].key
  const versions = snapshot.campaigns.filter((c) => c.key === key)
  const main = versions.find((c) => c.locale === snapshot.defaultLocale) ?? versions[0]
  if (main.ended) throw new Error(`--campaign ${wanted.campaign}: the campaign has ended`)
  const segments = main.segments.length ? new Set(main.segments.map((s) => s.slug.toLowerCase())) : null
  return {
    kind: 'campaign',
    key,
    dispatchKey: `campaign:${key}`,
    segments,
    editions: new Map(versions.map((c) => [c.locale, campaignEdition(c)] as const)),
    campaign: main,
  }
}

/** The member's locale when the dispatch has it, else the default locale, else any the dispatch has. */
export function localeFor(target: DispatchTarget, wanted: Locale | null, defaultLocale: Locale): Locale {
  if (wanted && target.editions.has(wanted)) return wanted
  if (target.editions.has(defaultLocale)) return defaultLocale
  return target.editions.keys().next().value as Locale
}
