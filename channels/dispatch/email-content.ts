/**
 * The dispatched e-mail: each locale's edition rendered once by the newsletter channel (plain
 * `{{…}}` merge syntax), then filled per member. Compiling once is what keeps 20,000 messages cheap.
 */
import type { LoadedSnapshot } from '../snapshot/read-snapshot.ts'
import type { Locale } from '../snapshot/schema.ts'
import { escapeHtml } from '../newsletter/escape.ts'
import { personaliseHtml, type MemberValues } from '../newsletter/merge-syntax.ts'
import { renderEdition, type RenderedEdition } from '../newsletter/render-newsletters.ts'
import type { MergeSyntaxName } from '../newsletter/merge-syntax.ts'
import type { DispatchTarget } from './dispatch-target.ts'
import type { EmailRecipient } from './plan-member.ts'

export interface PersonalMessage {
  subject: string
  html: string
  text: string
  unsubscribeUrl: string
  locale: Locale
}

/** Renders every locale of the target with the given merge syntax (`plain` to fill per member). */
export async function renderTargetEditions(
  loaded: LoadedSnapshot,
  target: DispatchTarget,
  mergeSyntax: MergeSyntaxName,
): Promise<Map<Locale, RenderedEdition>> {
  const rendered = new Map<Locale, RenderedEdition>()
  for (const [locale, edition] of target.editions)
    rendered.set(locale, await renderEdition(loaded, edition, { mergeSyntax }))
  return rendered
}

/** The Organisation's unsubscribe pattern with the member's id; the member id is the member number. */
export function unsubscribeUrl(pattern: string, memberNumber: string): string {
  return pattern.split('{member_id}').join(encodeURIComponent(memberNumber))
}

const PLAIN_TAG = /\{\{(first_name|member_number|member_id)\}\}/g

/** Fills one member into an edition rendered with the plain syntax (text part) and sentinels (HTML part). */
export function personalise(
  edition: RenderedEdition,
  recipient: EmailRecipient,
  unsubscribePattern: string,
): PersonalMessage {
  const values: MemberValues = {
    first_name: recipient.firstName,
    member_number: recipient.memberNumber,
    member_id: recipient.memberNumber,
  }
  const text = edition.text.replace(PLAIN_TAG, (_, name: keyof MemberValues) => {
    if (name === 'member_id') return encodeURIComponent(values.member_id)
    return values[name] || (name === 'first_name' ? edition.fallbacks.first_name : '')
  })
  return {
    subject: edition.meta.subject,
    html: personaliseHtml(edition.compiledHtml, values, edition.fallbacks, escapeHtml),
    text,
    unsubscribeUrl: unsubscribeUrl(unsubscribePattern, recipient.memberNumber),
    locale: edition.meta.locale,
  }
}
