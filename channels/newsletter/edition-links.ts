import type { EditionContext } from './render-context.ts'

/** The unsubscribe and preferences URL patterns, checked once per edition. */
export interface EditionLinks {
  unsubscribePattern: string
  preferencesPattern: string
}

export function editionLinks(context: EditionContext): EditionLinks {
  const organisation = context.snapshot.organisation
  let unsubscribePattern = organisation.unsubscribeUrlPattern.trim()
  if (!unsubscribePattern) {
    context.warn(
      'organisation.unsubscribeUrlPattern',
      'is empty: the unsubscribe link points at the site home page; set it in the Organisation global',
    )
    unsubscribePattern = organisation.siteUrl
  } else if (!unsubscribePattern.includes('{member_id}')) {
    context.warn(
      'organisation.unsubscribeUrlPattern',
      'has no {member_id}: one-click unsubscribe (RFC 8058) cannot tell members apart',
    )
  }
  if (!/^https:\/\//i.test(unsubscribePattern))
    context.warn(
      'organisation.unsubscribeUrlPattern',
      'is not an https URL, which RFC 8058 one-click unsubscribe requires',
    )
  const preferencesPattern = organisation.preferencesUrlPattern.trim() || unsubscribePattern
  return { unsubscribePattern, preferencesPattern }
}
