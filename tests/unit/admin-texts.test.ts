/** The admin in the editors' languages: Payload's translations plus Budstikke's own words (cms/i18n/). */
import type { CollectionConfig } from 'payload'
import { describe, expect, it } from 'vitest'
import { Articles } from '../../cms/collections/Articles.ts'
import { Users } from '../../cms/collections/Users.ts'
import { Organisation } from '../../cms/globals/Organisation.ts'
import { COLLECTIONS, GLOBALS } from '../../cms/content-model.ts'
import { adminI18n, ADMIN_LANGUAGES } from '../../cms/i18n/admin-languages.ts'
import { missingAdminTexts, withCollectionLabels, withGlobalLabels } from '../../cms/i18n/admin-labels.ts'
import { ADMIN_TEXTS, adminText } from '../../cms/i18n/admin-texts.ts'
import { LOCALES } from '../../channels/snapshot/locales.ts'
import type { PreviewManifest } from '../../channels/preview/preview-manifest.ts'
import { previewPage, renderingPage } from '../../cms/preview/preview-page.ts'

// Every collection and global of cms/payload.config.ts: a new one belongs here too.

const fieldNamed = (collection: CollectionConfig, name: string) =>
  collection.fields.find((f) => 'name' in f && f.name === name) as { label?: unknown; options?: unknown }

describe('admin languages', () => {
  it('are the publishing locales, with Payload’s own translations for each', () => {
    expect(Object.keys(adminI18n.supportedLanguages ?? {}).sort()).toEqual([...LOCALES].sort())
    expect(adminI18n.supportedLanguages?.da?.translations.general.thisLanguage).toBe('Dansk')
    expect(adminI18n.supportedLanguages?.nb?.translations.general.thisLanguage).toBe('Norsk')
  })

  it('carry Budstikke’s words as the budstikke: namespace of every language', () => {
    const custom = adminI18n.translations as Record<string, { budstikke: Record<string, string> }>
    expect(custom.da.budstikke['preview.tab']).toBe('Forhåndsvisning')
    expect(custom.sv.budstikke['preview.tab']).toBe('Förhandsvisning')
    for (const language of ADMIN_LANGUAGES)
      expect(Object.keys(custom[language].budstikke).sort()).toEqual(Object.keys(ADMIN_TEXTS).sort())
  })
})

describe('the admin text table', () => {
  it('names every collection, global and visible field (nothing left to Payload’s English guess)', () => {
    expect(missingAdminTexts(COLLECTIONS, GLOBALS)).toEqual([])
    // A collection the table does not know yet: each unnamed visible field is listed, hidden ones are not.
    const stamps: CollectionConfig = {
      slug: 'union-stamps',
      fields: [
        { name: 'issuedBy', type: 'text' },
        { name: 'printRuns', type: 'array', fields: [{ name: 'copies', type: 'number' }] },
        { name: 'title', type: 'text' },
        { name: 'hash', type: 'text', admin: { hidden: true } },
      ],
    }
    expect(missingAdminTexts([stamps], [])).toEqual([
      'collection.union-stamps',
      'collection.union-stamps.plural',
      'field.union-stamps.issuedBy (or field.issuedBy)',
      'field.union-stamps.printRuns (or field.printRuns)',
      'field.union-stamps.printRuns.copies (or field.copies)',
    ])
  })

  it('has a text in every language for every key, and only {{merge}} or {placeholder} names shared', () => {
    for (const [key, words] of Object.entries(ADMIN_TEXTS))
      for (const language of ADMIN_LANGUAGES) {
        const text = (words as Record<string, string>)[language]
        expect(text?.trim(), `${key} ${language}`).toBeTruthy()
        const names = (t: string) => [...t.matchAll(/\{+[a-z_]+\}+/g)].map((m) => m[0])
        expect(names(text), `${key} ${language}`).toEqual(names(words.en))
      }
  })

  it('is what the config shows: collection names, field labels and options per language', () => {
    const [articles] = withCollectionLabels([Articles])
    expect(articles.labels).toEqual({
      singular: { en: 'Article', da: 'Artikel', sv: 'Artikel', nb: 'Artikkel' },
      plural: { en: 'Articles', da: 'Artikler', sv: 'Artiklar', nb: 'Artikler' },
    })
    expect(fieldNamed(articles, 'title').label).toMatchObject({ da: 'Titel', nb: 'Tittel' })
    const [users] = withCollectionLabels([Users])
    expect(fieldNamed(users, 'role').options).toEqual([
      { value: 'admin', label: expect.objectContaining({ da: 'Administrator' }) },
      { value: 'editor', label: expect.objectContaining({ da: 'Redaktør', sv: 'Redaktör' }) },
    ])
    const [organisation] = withGlobalLabels([Organisation])
    expect(organisation.label).toMatchObject({ nb: 'Organisasjon' })
    const colours = organisation.fields.find((f) => 'name' in f && f.name === 'colours') as {
      fields: { name: string; label: Record<string, string> }[]
    }
    // A field's own key wins over its name's: the colour "text" is the text colour.
    expect(colours.fields.find((f) => f.name === 'text')?.label.da).toBe('Tekstfarve')
  })

  it('answers a component in its language, and in the default locale’s for one it does not know', () => {
    expect(adminText('preview.saveFirst', 'nb')).toBe(
      'Lagre dokumentet først; så vises forhåndsvisningen her.',
    )
    expect(adminText('preview.tab', 'xx')).toBe('Forhåndsvisning')
  })
})

describe('the preview page in the editor’s language', () => {
  const manifest = {
    document: {
      title: 'Lønnen stiger',
      label: 'articles/loen (da)',
      locale: 'da',
      requestedLocale: 'sv',
      locales: ['da'],
      updatedAt: '2026-03-01T10:00:00.000Z',
    },
    renderedAt: '2026-03-01T10:00:05.000Z',
    channels: {
      web: { status: 'failed', message: 'articles/loen (da): broken', seconds: 1 },
      email: { status: 'not-applicable', reason: 'Only newsletters are e-mailed.' },
      pdf: { status: 'ok', path: 'pdf/letter.pdf', pages: 2, seconds: 1 },
      cards: {
        status: 'ok',
        images: [{ format: 'og', path: 'cards/og.png', width: 1200, height: 630 }],
        post: 'x',
        seconds: 1,
      },
    },
    warnings: [],
    seconds: { total: 2 },
  } as unknown as PreviewManifest
  const links = (language?: string) => ({
    embed: true,
    language,
    page: () => '/preview/articles/7?locale=sv',
    file: (p: string) => `/preview/articles/7/files/k/${p}`,
  })
  const request = { collection: 'articles', id: '7', locale: 'sv' } as const
  const draft = { title: 'Lønnen stiger', updatedAt: '', label: 'articles/7' }

  it('speaks Danish to a Danish editor: tabs, states, notices and the page’s language', () => {
    const html = previewPage(request, draft, manifest, links('da'))
    expect(html).toContain('<html lang="da">')
    for (const text of [
      'Forhåndsvisning af “Lønnen stiger”',
      'Webside kunne ikke laves.',
      'Ikke relevant: Only newsletters are e-mailed.',
      'Udkastet har ingen egen tekst på sv; vist på da.',
      '2 sider',
      'Sociale kort',
      'åbn i en ny fane',
    ])
      expect(html).toContain(text)
    expect(html).not.toContain('could not be rendered')
    expect(renderingPage(request, draft, 3.2, false, links('nb'))).toContain(
      'Lager forhåndsvisningen … 3 s så langt.',
    )
  })

  it('stays English for an editor in English or a request without a language', () => {
    const html = previewPage(request, draft, manifest, links(undefined))
    expect(html).toContain('<html lang="en">')
    expect(html).toContain('Web page could not be rendered.</strong> The other channels are unaffected.')
    expect(html).toContain('This draft has no sv text of its own; shown in da.')
    expect(html).toContain('2 pages')
  })
})
