import type { ArrayField, Field, GlobalConfig } from 'payload'
import { LOCALE_INFO, LOCALES } from '../../channels/snapshot/locales.ts'
import { anyone, signedIn } from '../access/roles.ts'
import { queuePublishAfterGlobalChange } from '../publishing/queue-publish.ts'
import { safeLink } from '../../channels/shared/safe-link.ts'
import { NAVIGATION_KINDS, NAVIGATION_SECTIONS } from '../../channels/snapshot/schema.ts'

type Sibling = { kind?: string } | undefined
const when = (kind: (typeof NAVIGATION_KINDS)[number]) => (_: unknown, sibling: Sibling) =>
  sibling?.kind === kind

/** One menu entry: what it leads to (a page, a topic's articles, a campaign, a list of the site, a URL). */
const entryFields: Field[] = [
  {
    name: 'kind',
    type: 'select',
    required: true,
    label: { en: 'Links to', da: 'Linker til' },
    defaultValue: 'page',
    options: [
      { label: { en: 'Page', da: 'Side' }, value: 'page' },
      { label: { en: 'Topic (its articles)', da: 'Emne (dets artikler)' }, value: 'topic' },
      { label: { en: 'Campaign', da: 'Kampagne' }, value: 'campaign' },
      {
        label: { en: 'List of the site (archive, benefits…)', da: 'Liste på sitet (arkiv, fordele…)' },
        value: 'section',
      },
      { label: { en: 'Web address', da: 'Webadresse' }, value: 'url' },
    ] satisfies { value: (typeof NAVIGATION_KINDS)[number]; label: Record<string, string> }[],
  },
  { name: 'page', type: 'relationship', relationTo: 'pages', admin: { condition: when('page') } },
  { name: 'topic', type: 'relationship', relationTo: 'topics', admin: { condition: when('topic') } },
  { name: 'campaign', type: 'relationship', relationTo: 'campaigns', admin: { condition: when('campaign') } },
  {
    name: 'section',
    type: 'select',
    options: NAVIGATION_SECTIONS.map((value) => ({ label: value, value })),
    admin: { condition: when('section') },
  },
  {
    name: 'url',
    type: 'text',
    admin: { condition: when('url'), description: 'https://…, mailto:… or tel:…' },
    validate: (value: unknown, { siblingData }: { siblingData: Sibling }) =>
      siblingData?.kind !== 'url' ||
      (typeof value === 'string' && safeLink(value) !== null) ||
      'Use a web address (https://…), mailto:, tel: or a path on the site (/…)',
  },
  {
    name: 'label',
    type: 'text',
    label: { en: 'Label', da: 'Tekst' },
    admin: { description: "Empty: the page's, topic's or campaign's own title." },
  },
]

const menu = (name: 'header' | 'footer', label: Record<string, string>): ArrayField => ({
  name,
  type: 'array',
  label,
  fields: entryFields,
})

/** The site's header menu and footer links per locale; admins and editors keep them. */
export const Navigation: GlobalConfig = {
  slug: 'navigation',
  label: { en: 'Navigation', da: 'Navigation' },
  access: { read: anyone, update: signedIn },
  hooks: { afterChange: [queuePublishAfterGlobalChange] },
  admin: {
    description:
      'Header menu and footer links per language. Left empty, the site shows its own menu. An entry whose target is not published is left out (and named in the publish report).',
  },
  fields: [
    // One tab per language rather than localized arrays: Payload fills an empty locale's array from the
    // default locale's rows (same row ids), so saving it failed on a duplicate key; and each language's
    // site has its own menu, not a translation of the Danish one.
    {
      type: 'tabs',
      tabs: LOCALES.map((locale) => ({
        name: locale,
        label: LOCALE_INFO[locale].label,
        fields: [
          menu('header', { en: 'Header menu', da: 'Topmenu' }),
          menu('footer', { en: 'Footer links', da: 'Links i sidefoden' }),
        ],
      })),
    },
    // Hash of the last import: an identical re-import writes nothing.
    {
      name: 'importHash',
      type: 'text',
      admin: { hidden: true },
      access: { read: ({ req }) => Boolean(req.user) },
    },
  ],
}
