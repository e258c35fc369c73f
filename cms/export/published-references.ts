/**
 * References to documents that are not published at the export date (a draft, a private or password-
 * protected WordPress post, one scheduled for later, a deleted one) are dropped from the snapshot:
 * an edition's item, a campaign's related article or benefit. Otherwise the hidden document's key (its
 * slug, often made from its title) would reach `snapshot.json`, the edition's `meta.json` and the
 * publish report, which are copied and shared. Each drop is one warning naming the referring document
 * and the position, never the hidden document's title or slug. Runs on the whole snapshot, after every
 * collection is mapped: a document is published when the export gave it an entry.
 */
import { COLLECTION_OF_KIND } from '../../channels/snapshot/collections.ts'
import type { Snapshot } from '../../channels/snapshot/schema.ts'
import { documentLabel } from '../../channels/types.ts'

type Warn = (document: string, field: string, message: string) => void

export function dropUnpublishedReferences(snapshot: Snapshot, now: Date, warn: Warn): void {
  const keys = {
    articles: new Set(snapshot.articles.map((doc) => doc.key)),
    benefits: new Set(snapshot.benefits.map((doc) => doc.key)),
    campaigns: new Set(snapshot.campaigns.map((doc) => doc.key)),
  }
  const day = now.toISOString().slice(0, 10)
  const message = (what: string) =>
    `the ${what} it names is not published on ${day} (a draft, private, scheduled for later or deleted); left out`

  for (const edition of snapshot.newsletters) {
    const label = documentLabel('newsletters', edition)
    edition.items = edition.items.filter((item, index) => {
      // No key: nothing chosen, or the document is gone; the newsletter channel reports it, and it names nothing.
      if (item.key === null || keys[COLLECTION_OF_KIND[item.kind]].has(item.key)) return true
      warn(label, `items[${index}]`, message(item.kind))
      return false
    })
  }
  for (const campaign of snapshot.campaigns) {
    const label = documentLabel('campaigns', campaign)
    const keep = (field: 'relatedArticles' | 'relatedBenefits', known: Set<string>, what: string) =>
      campaign[field].filter((key, index) => {
        if (known.has(key)) return true
        warn(label, `${field}[${index}]`, message(what))
        return false
      })
    campaign.relatedArticles = keep('relatedArticles', keys.articles, 'article')
    campaign.relatedBenefits = keep('relatedBenefits', keys.benefits, 'benefit')
  }
}
