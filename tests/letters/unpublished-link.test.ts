/**
 * Paper cannot be corrected after printing: a link in a letter to a document that is not published
 * prints as its text, without an address, and the print run says so.
 */
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { renderPrintRun } from '../../channels/letters/print-run.ts'
import { readSnapshot } from '../../channels/snapshot/read-snapshot.ts'
import type { Block } from '../../channels/snapshot/schema.ts'
import { FIXTURE_SNAPSHOT, HEADER, fakeMembers, memberRow, pageText, tempDir } from './helpers.ts'

describe('a letter linking to an unpublished document', () => {
  it('prints the link text without its address and warns once', async () => {
    const loaded = await readSnapshot(FIXTURE_SNAPSHOT)
    const letter = loaded.snapshot.letters[0]
    const links: Block = {
      type: 'paragraph',
      children: [
        { type: 'text', text: 'Se ' },
        {
          type: 'link',
          href: '/artikler/ok26-afstemning/',
          internal: { collection: 'articles', key: 'ok26-afstemning' },
          children: [{ type: 'text', text: 'afstemningen' }],
        },
        { type: 'text', text: ' og ' },
        {
          type: 'link',
          href: '/artikler/hemmelig-kladde/',
          internal: { collection: 'articles', key: 'hemmelig-kladde' },
          children: [{ type: 'text', text: 'kladden' }],
        },
        { type: 'text', text: '.' },
      ],
    }
    const snapshot = { ...loaded.snapshot, letters: [{ ...letter, body: [...letter.body, links] }] }
    const dir = tempDir('unpublished-link')
    const recipients = path.join(dir, 'members.csv')
    writeFileSync(recipients, [HEADER, ...fakeMembers(1).map((m) => memberRow(m))].join('\n') + '\n')
    const report = await renderPrintRun(
      { ...loaded, snapshot },
      { letter: letter.key, recipients, outDir: path.join(dir, 'out'), date: '2026-11-24', log: () => {} },
    )

    const text = pageText(path.join(dir, 'out', report.files[0]), 1).replace(/\s+/g, ' ')
    expect(text).toContain('Se afstemningen (faf.example.org/artikler/ok26-afstemning/) og kladden.')
    expect(text).not.toContain('hemmelig-kladde')
    expect(report.warnings.filter((w) => w.includes('hemmelig-kladde'))).toEqual([
      `letters/${letter.slug} (da) body: a link points at articles/hemmelig-kladde, which is not published; printed as text`,
    ])
  })
})
