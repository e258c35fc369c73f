import type { CardFontId } from '../../channels/snapshot/schema.ts'

/**
 * What a card template is given: plain, already-localised text and the brand. Everything a card
 * shows is in here, so a hash of it (plus the layout source and fonts) says when a card must be redrawn.
 */
export interface CardBrand {
  name: string
  shortName: string
  colours: { primary: string; accent: string; text: string; background: string }
  /** `data:` URI of the organisation's logo, or null (the short name is shown instead). */
  logo: { dataUri: string; width: number; height: number } | null
  /** Site host shown in a corner, e.g. `faf.example.org`. */
  siteHost: string
  /** The typeface, from the Organisation. */
  font: CardFontId
}

export interface ArticleCardView {
  kind: 'article'
  title: string
  /** Topic name in the card's locale, or the kind's label when the article has no topic. */
  topic: string
  date: string
  /** The hero photo is laid beneath the card by the renderer; the layout adds a legible overlay. */
  hasHero: boolean
}

export interface BenefitCardView {
  kind: 'benefit'
  label: string
  name: string
  /** What the member gets, e.g. "20 % rabat". */
  offer: string
  /** "hos Nordisk Forsikring", or a fallback when the partner is missing. */
  partnerLine: string
  partnerLogo: { dataUri: string; width: number; height: number } | null
}

export interface CampaignCardView {
  kind: 'campaign'
  label: string
  title: string
  callToAction: string | null
  /** "Slutter 31. december 2026", "Afsluttet", or null when the campaign has no end. */
  endLine: string | null
  hasHero: boolean
}

export type CardView = ArticleCardView | BenefitCardView | CampaignCardView
export type CardKind = CardView['kind']
