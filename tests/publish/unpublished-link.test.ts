/**
 * A link to something that is not published is its text in every channel, with one warning per link:
 * an article scheduled for later (left out of the snapshot) and a benefit that expired after the export
 * but before the build date (still in the snapshot). Real Payload, the real export, a real Astro build,
 * the real newsletter renderer and a real print run read back with pdftotext.
 */
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exportSnapshot } from '../../cms/export/export-snapshot.ts'
import { importContent } from '../../cms/import/import-content.ts'
import { readSnapshot, type LoadedSnapshot } from '../../channels/snapshot/read-snapshot.ts'
import { buildSite } from '../../channels/site/build-site.ts'
import { renderNewsletters } from '../../channels/newsletter/render-newsletters.ts'
import { renderPrintRun } from '../../channels/letters/print-run.ts'
import type { ChannelWarning } from '../../channels/types.ts'
import { startTempCms, type TempCms } from '../helpers/temp-cms.ts'
import { HEADER, fakeMembers, memberRow, pageText } from '../letters/helpers.ts'

const EXPORTED = new Date('2026-06-01T12:00:00Z')
/** A month after the export: the benefit has expired by then (the letter is judged at today's date, later still). */
const BUILD_DATE = new Date('2026-07-01T12:00:00Z')
const P = '2026-05-01T00:00:00Z'

let cms: TempCms
let loaded: LoadedSnapshot
let snapshotJson: string
const warnings: ChannelWarning[] = []
let siteHtml: string
let newsletterHtml: string
let newsletterText: string
let letterText: string

const text = (value: string) => ({ type: 'text', text: value, format: 0, version: 1 })
/** A Lexical paragraph: "Se <den kommende aftale> og <rabatten>." with both links internal. */
function linkingText(articleId: number | string, benefitId: number | string) {
  const link = (relationTo: string, value: number | string, label: string) => ({
    type: 'link',
    version: 3,
    fields: { linkType: 'internal', doc: { relationTo, value }, newTab: false },
    children: [text(label)],
  })
  return {
    root: {
      type: 'root',
      version: 1,
      children: [
        {
          type: 'paragraph',
          version: 1,
          children: [
            text('Se '),
            link('articles', articleId, 'den kommende aftale'),
            text(' og '),
            link('benefits', benefitId, 'rabatten'),
            text('.'),
          ],
        },
      ],
    },
  }
}

beforeAll(async () => {
  cms = await startTempCms()
  const { payload } = cms
  const report = await importContent(
    payload,
    {
      organisation: { name: 'Testforbundet', siteUrl: 'https://test.example.org' },
      articles: [
        { slug: 'henviser', title: 'Henviser', summary: 'Peger videre', publishedAt: P },
        // Scheduled for later: not published when the snapshot is made.
        { slug: 'kommer-senere', title: 'Kommer senere', publishedAt: '2099-01-01T08:00:00Z' },
      ],
      benefits: [
        {
          slug: 'kort-rabat',
          publishedAt: P,
          name: 'Kort rabat',
          partner: 'Partner A/S',
          category: 'Fritid',
          validTo: '2026-06-15T00:00:00Z',
        },
      ],
      newsletters: [
        { slug: 'juni', publishedAt: P, subject: 'Juni', items: [{ kind: 'article', key: 'henviser' }] },
      ],
      letters: [
        {
          slug: 'brev',
          publishedAt: P,
          subject: 'Hej',
          signature: { name: 'Formand Test', title: 'Formand' },
        },
      ],
    },
    { baseDir: cms.dir },
  )
  expect(report.rejected).toEqual([])
  const idOf = async (collection: 'articles' | 'benefits' | 'newsletters' | 'letters', slug: string) =>
    (await payload.find({ collection, where: { slug: { equals: slug } }, overrideAccess: true })).docs[0].id
  const links = linkingText(await idOf('articles', 'kommer-senere'), await idOf('benefits', 'kort-rabat'))
  const publish = { _status: 'published' as const }
  await payload.update({
    collection: 'articles',
    id: await idOf('articles', 'henviser'),
    data: { body: links, ...publish },
    locale: 'da',
    overrideAccess: true,
  })
  await payload.update({
    collection: 'newsletters',
    id: await idOf('newsletters', 'juni'),
    data: { intro: links, ...publish },
    locale: 'da',
    overrideAccess: true,
  })
  await payload.update({
    collection: 'letters',
    id: await idOf('letters', 'brev'),
    data: { body: links, ...publish },
    locale: 'da',
    overrideAccess: true,
  })

  const dir = path.join(cms.dir, 'snapshot')
  const file = path.join(dir, 'snapshot.json')
  const exported = await exportSnapshot(payload, { dir, now: EXPORTED })
  warnings.push(...exported.warnings)
  snapshotJson = JSON.stringify(exported.snapshot, null, 2)
  await writeFile(file, snapshotJson)
  loaded = await readSnapshot(file)

  const siteDir = path.join(cms.dir, 'site')
  const site = await buildSite({ loaded, snapshotFile: file, siteDir, buildDate: BUILD_DATE, search: false })
  warnings.push(...site.warnings)
  siteHtml = await readFile(path.join(siteDir, 'artikler/henviser/index.html'), 'utf8')

  const newsletters = await renderNewsletters(loaded, { mergeSyntax: 'plain', buildDate: BUILD_DATE })
  warnings.push(...newsletters.warnings)
  const edition = newsletters.editions.find((e) => e.meta.edition === 'juni')!
  newsletterHtml = edition.html
  newsletterText = edition.text

  const recipients = path.join(cms.dir, 'members.csv')
  await writeFile(recipients, [HEADER, ...fakeMembers(1).map((m) => memberRow(m))].join('\n') + '\n')
  const run = await renderPrintRun(loaded, {
    letter: 'brev',
    recipients,
    outDir: path.join(cms.dir, 'letters'),
    date: '2026-07-01',
    log: () => {},
  })
  warnings.push(...run.warnings.map((line) => ({ document: line, message: line })))
  letterText = pageText(path.join(cms.dir, 'letters', run.files[0]), 1).replace(/\s+/g, ' ')
}, 240_000)

afterAll(async () => {
  await cms?.close()
})

describe('a link to something not published', () => {
  const plain = 'Se den kommende aftale og rabatten.'
  const noAddress = (output: string) => {
    expect(output).not.toContain('kommer-senere')
    expect(output).not.toContain('kort-rabat')
  }

  it('is text in the snapshot when the target is scheduled for later', () => {
    expect(snapshotJson).not.toContain('kommer-senere')
  })

  it('is text on the site page', () => {
    expect(siteHtml).toContain(`<p>${plain}</p>`)
    noAddress(siteHtml)
  })

  it('is text in the newsletter, HTML and plain text', () => {
    expect(newsletterHtml).toContain(plain)
    expect(newsletterText).toContain(plain)
    noAddress(newsletterHtml)
    noAddress(newsletterText)
  })

  it('is text in the printed letter', () => {
    expect(letterText).toContain(plain)
    noAddress(letterText)
  })

  it('gets one warning per link, naming the target', () => {
    const naming = (key: string) =>
      warnings
        .filter((w) => `${w.document} ${w.field ?? ''} ${w.message}`.includes(key))
        .map((w) => w.document.split(' ')[0])
        .sort()
    // Settled by the export, once: the channels never see the link.
    expect(naming('articles/kommer-senere')).toEqual([
      'articles/henviser',
      'letters/brev',
      'newsletters/juni',
    ])
    // Expired after the export: each channel that shows the link says so, once.
    expect(naming('kort-rabat')).toEqual(['articles/henviser', 'letters/brev', 'newsletters/juni'])
  })
})
