/**
 * Merge fields. An edition is compiled once with neutral sentinels (private-use characters that
 * escaping strips from editor text), and the compiled HTML/text is then turned into either a
 * mail service's merge syntax or, for a personalised copy, filled with escaped member values.
 * MJML never sees a merge tag, so it cannot mangle one.
 */

export const SENTINEL_OPEN = '\uE000'
export const SENTINEL_CLOSE = '\uE001'

/** The merge fields a newsletter uses; `member_id` only ever appears inside URLs. */
export const newsletterMergeFields = ['first_name', 'member_number', 'member_id'] as const
export type NewsletterMergeField = (typeof newsletterMergeFields)[number]

export const mergeSyntaxNames = ['mailchimp', 'listmonk', 'plain'] as const
export type MergeSyntaxName = (typeof mergeSyntaxNames)[number]

export function sentinel(field: NewsletterMergeField): string {
  return `${SENTINEL_OPEN}${field}${SENTINEL_CLOSE}`
}

interface MergeSyntax {
  /** The tag for a field; `fallback` (our own UI text, never editor text) is shown when the value is empty. */
  tag(field: NewsletterMergeField, fallback?: string): string
  /** What the mail service would treat as a merge tag in the raw source. */
  pattern: RegExp
}

const mailchimpNames: Record<NewsletterMergeField, string> = {
  first_name: 'FNAME',
  member_number: 'MEMBERNO',
  member_id: 'UNIQID',
}
const listmonkExpressions: Record<NewsletterMergeField, string> = {
  first_name: '.Subscriber.FirstName',
  member_number: '.Subscriber.Attribs.member_number',
  member_id: '.Subscriber.UUID',
}

/** A Go template string literal (listmonk): JSON string escaping is valid Go for these characters. */
function goString(text: string): string {
  return JSON.stringify(text)
}

export const mergeSyntaxes: Record<MergeSyntaxName, MergeSyntax> = {
  mailchimp: {
    tag: (field, fallback) => {
      const name = mailchimpNames[field]
      return fallback === undefined
        ? `*|${name}|*`
        : `*|IF:${name}|**|${name}|**|ELSE:|*${fallback}*|END:IF|*`
    },
    pattern: /\*\|[\s\S]*?\|\*/g,
  },
  listmonk: {
    tag: (field, fallback) =>
      fallback === undefined
        ? `{{ ${listmonkExpressions[field]} }}`
        : `{{ or ${listmonkExpressions[field]} ${goString(fallback)} }}`,
    pattern: /\{\{[\s\S]*?\}\}/g,
  },
  plain: {
    // The plain form has no fallback syntax: the fallback is listed in meta.json for the sender.
    tag: (field) => `{{${field}}}`,
    pattern: /\{\{[\s\S]*?\}\}/g,
  },
}

/** Every pattern any supported mail service scans for (`*|…|*`, `{{…}}`, and Liquid-style `{%…%}`). */
export const allMergePatterns: RegExp[] = [/\*\|[\s\S]*?\|\*/g, /\{\{[\s\S]*?\}\}/g, /\{%[\s\S]*?%\}/g]

export interface MergeFieldUse {
  field: NewsletterMergeField
  tag: string
  fallback?: string
}

const sentinelPattern = new RegExp(`${SENTINEL_OPEN}([a-z_]+)${SENTINEL_CLOSE}`, 'g')

function isMergeField(name: string): name is NewsletterMergeField {
  return (newsletterMergeFields as readonly string[]).includes(name)
}

/** Fields whose sentinels occur in the compiled source, in first-use order. */
export function mergeFieldsIn(source: string): NewsletterMergeField[] {
  const found = new Set<NewsletterMergeField>()
  for (const match of source.matchAll(sentinelPattern)) if (isMergeField(match[1])) found.add(match[1])
  return [...found]
}

export interface Fallbacks {
  first_name: string
}

/**
 * Replaces sentinels by the syntax's tags. `escapeFallback` escapes our fallback text for the
 * output format (HTML entities for the HTML part, nothing for the text part).
 */
export function applyMergeSyntax(
  source: string,
  syntaxName: MergeSyntaxName,
  fallbacks: Fallbacks,
  escapeFallback: (text: string) => string,
): string {
  const syntax = mergeSyntaxes[syntaxName]
  return source.replace(sentinelPattern, (whole, name: string) => {
    if (!isMergeField(name)) throw new Error(`unknown merge field sentinel "${name}"`)
    return syntax.tag(name, name === 'first_name' ? escapeFallback(fallbacks.first_name) : undefined)
  })
}

export function describeMergeFields(
  fields: NewsletterMergeField[],
  syntaxName: MergeSyntaxName,
  fallbacks: Fallbacks,
): MergeFieldUse[] {
  const syntax = mergeSyntaxes[syntaxName]
  return fields.map((field) =>
    field === 'first_name'
      ? { field, tag: syntax.tag(field, fallbacks.first_name), fallback: fallbacks.first_name }
      : { field, tag: syntax.tag(field) },
  )
}

export type MemberValues = Record<NewsletterMergeField, string>

/**
 * One personalised copy from a compiled edition: each sentinel gets the member's value, escaped for
 * its place (`member_id` sits in URLs, so it is percent-encoded; everything is HTML-escaped).
 * Compiling once and filling per member is what makes 100,000 copies take seconds, not minutes.
 */
export function personaliseHtml(
  compiled: string,
  member: MemberValues,
  fallbacks: Fallbacks,
  escapeHtml: (text: string) => string,
): string {
  return compiled.replace(sentinelPattern, (whole, name: string) => {
    if (!isMergeField(name)) return ''
    const value = member[name]
    if (name === 'member_id') return escapeHtml(encodeURIComponent(value))
    return escapeHtml(value === '' && name === 'first_name' ? fallbacks.first_name : value)
  })
}
