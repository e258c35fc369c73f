/** Words printed on cards, per locale. */
import { formatLongDate } from '../../channels/shared/dates.ts'
import type { Locale } from '../../channels/snapshot/schema.ts'

export interface CardLabels {
  article: string
  benefit: string
  campaign: string
  /** `{date}` is replaced by the campaign's end date. */
  endsOn: string
  ended: string
  /** `{partner}` is replaced by the partner's name. */
  atPartner: string
  /** Shown instead of the partner when the editor left it out. */
  membersOnly: string
}

export const CARD_LABELS: Record<Locale, CardLabels> = {
  da: {
    article: 'Artikel',
    benefit: 'Medlemsfordel',
    campaign: 'Kampagne',
    endsOn: 'Slutter {date}',
    ended: 'Afsluttet',
    atPartner: 'hos {partner}',
    membersOnly: 'Kun for medlemmer',
  },
  sv: {
    article: 'Artikel',
    benefit: 'Medlemsförmån',
    campaign: 'Kampanj',
    endsOn: 'Slutar {date}',
    ended: 'Avslutad',
    atPartner: 'hos {partner}',
    membersOnly: 'Endast för medlemmar',
  },
  nb: {
    article: 'Artikkel',
    benefit: 'Medlemsfordel',
    campaign: 'Kampanje',
    endsOn: 'Slutter {date}',
    ended: 'Avsluttet',
    atPartner: 'hos {partner}',
    membersOnly: 'Kun for medlemmer',
  },
  en: {
    article: 'Article',
    benefit: 'Member benefit',
    campaign: 'Campaign',
    endsOn: 'Ends {date}',
    ended: 'Ended',
    atPartner: 'at {partner}',
    membersOnly: 'For members only',
  },
}

/** Dates as a reader in that country writes them, in the union's time zone. */
export function formatCardDate(iso: string, locale: Locale): string {
  return formatLongDate(iso, locale)
}
