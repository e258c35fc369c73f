import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { renderNewsletters } from '../../channels/newsletter/render-newsletters.ts'
import { defaultTemplatesDir } from '../../channels/newsletter/mjml-template.ts'
import { newsletterFixture } from './fixtures/newsletter-snapshot.ts'

let dir: string

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'newsletter-templates-'))
  await cp(defaultTemplatesDir, dir, { recursive: true })
  // A template mistake on line 4 of the teaser: an element MJML does not know.
  const file = path.join(dir, 'article-teaser.mjml')
  const lines = (await readFile(file, 'utf8')).split('\n')
  lines.splice(3, 0, '    <mj-bogus>not MJML</mj-bogus>')
  await writeFile(file, lines.join('\n'))
})

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('strict MJML validation', () => {
  it('fails the render and names the edition, the template file and its line', async () => {
    const loaded = await newsletterFixture()
    const error = await renderNewsletters(loaded, {
      mergeSyntax: 'plain',
      templatesDir: dir,
      edition: 'student-update',
    }).then(
      () => null,
      (e: Error) => e,
    )
    expect(error?.message).toMatch(/^newsletters\/student-update \(en\): MJML validation failed:/)
    expect(error?.message).toMatch(/article-teaser\.mjml line 4 \(mj-bogus\)/)
  })
})
