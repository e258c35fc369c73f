/** Writes a rendered set of editions and the browser preview list under `<out>/newsletters/`. */
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { escapeHtml } from './escape.ts'
import type { NewsletterRender, RenderedEdition } from './render-newsletters.ts'

export async function writeNewsletters(render: NewsletterRender, outDir: string): Promise<string> {
  const root = path.join(outDir, 'newsletters')
  await mkdir(root, { recursive: true })
  for (const edition of render.editions) await writeEdition(root, edition)
  await writeFile(path.join(root, 'index.html'), previewIndex(render))
  return root
}

/** The files of one edition: `<root>/<edition>/<locale>/` index.html, index.txt and meta.json. */
export const EDITION_FILES = ['index.html', 'index.txt', 'meta.json'] as const

export async function writeEdition(
  root: string,
  edition: Pick<RenderedEdition, 'folder' | 'html' | 'text' | 'meta'>,
): Promise<void> {
  const dir = path.join(root, edition.folder)
  await mkdir(dir, { recursive: true })
  await writeFile(path.join(dir, 'index.html'), edition.html)
  await writeFile(path.join(dir, 'index.txt'), edition.text)
  await writeFile(path.join(dir, 'meta.json'), JSON.stringify(edition.meta, null, 2) + '\n')
}

/** A plain page listing every edition with links to its HTML and text parts (rendered now or reused: only folder and meta count). */
export function previewIndex(render: {
  editions: ReadonlyArray<Pick<RenderedEdition, 'folder' | 'meta'>>
}): string {
  const rows = render.editions
    .map((edition) => {
      const { meta } = edition
      const warnings = meta.warnings.length
        ? ` <span class="warn">${meta.warnings.length} warning${meta.warnings.length === 1 ? '' : 's'}</span>`
        : ''
      return `<li lang="${meta.locale}"><a href="${encodeURI(edition.folder)}/index.html">${escapeHtml(meta.subject)}</a> <small>${escapeHtml(meta.edition)} · ${meta.locale} · ${(meta.bytes.html / 1024).toFixed(1)} KB · <a href="${encodeURI(edition.folder)}/index.txt">text</a> · <a href="${encodeURI(edition.folder)}/meta.json">meta</a></small>${warnings}</li>`
    })
    .join('\n    ')
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <meta name="viewport" content="width=device-width, initial-scale=1" />
  <meta name="color-scheme" content="light dark" />
  <title>Newsletter previews</title>
  <style>body{font-family:system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem;line-height:1.5}li{margin:.5rem 0}.warn{color:#b35900}</style>
</head>
<body>
  <h1>Newsletter previews</h1>
  <ul>
    ${rows || '<li>No published editions.</li>'}
  </ul>
</body>
</html>
`
}
