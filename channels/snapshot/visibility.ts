/**
 * What is visible on a date: the one rule export, site, cards and newsletters apply. Export drops what
 * is not visible when it runs; a channel judges again with its build date, because a snapshot can be
 * rendered later than it was exported (`budstikke site --snapshot …`, an edition sent next week).
 */
import { setting } from '../shared/config.ts'

type Iso = string | null | undefined

/** The fields visibility depends on; a snapshot's article, benefit or campaign has them. */
export interface Dated {
  publishedAt?: Iso
  /** Benefits: valid from (inclusive) … to (exclusive). */
  validFrom?: Iso
  validTo?: Iso
}

const at = (iso: string) => Date.parse(iso)

/** Published by `date`, and for a benefit within its validity (`validFrom` ≤ date < `validTo`). */
export function visibleAt(doc: Dated, date: Date): boolean {
  const now = date.getTime()
  if (doc.publishedAt && at(doc.publishedAt) > now) return false
  if (doc.validFrom && at(doc.validFrom) > now) return false
  if (doc.validTo && at(doc.validTo) <= now) return false
  return true
}

/** A campaign has ended once its end has come (`ended` as export saw it, or `endsAt` ≤ date). */
export function endedAt(campaign: { ended?: boolean; endsAt?: Iso }, date: Date): boolean {
  return (
    Boolean(campaign.ended) || (Boolean(campaign.endsAt) && at(campaign.endsAt as string) <= date.getTime())
  )
}

/** The date a channel judges against unless told otherwise: BUDSTIKKE_BUILD_DATE, else now. */
export function defaultBuildDate(): Date {
  return setting('BUDSTIKKE_BUILD_DATE') ?? new Date()
}

/**
 * A channel's build date: a date to judge against, or null for a preview, which shows the draft whatever
 * its dates (an editor previews a benefit before it starts); undefined means the default build date.
 */
export type BuildDate = Date | null | undefined

export function shownOn(doc: Dated, buildDate: Date | null): boolean {
  return buildDate === null || visibleAt(doc, buildDate)
}

export function endedOn(campaign: { ended?: boolean; endsAt?: Iso }, buildDate: Date | null): boolean {
  return buildDate === null ? Boolean(campaign.ended) : endedAt(campaign, buildDate)
}

export function buildDateOr(buildDate: BuildDate): Date | null {
  return buildDate === undefined ? defaultBuildDate() : buildDate
}
