/**
 * The newsletter channel in `budstikke publish`, incrementally (channels/shared/output-cache.ts): an
 * edition (per locale) whose hash matches the previous output's manifest is carried over from there
 * as hard links; any other is rendered. The preview list `newsletters/index.html` is always written anew
 * (cheap), from the rendered and the reused metas. A previous edition folder missing a file is
 * rendered instead.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import {
  linkOrCopy,
  planReuse,
  readManifest,
  writeManifest,
  type CacheEntry,
} from '../shared/output-cache.ts'
import type { ChannelResult, ChannelWarning, PublishContext } from '../types.ts'
import {
  editionHash,
  NEWSLETTER_MANIFEST,
  newsletterSourceHash,
  type EditionSettings,
} from './edition-hash.ts'
import { editionFolder, renderEdition, type EditionMeta } from './render-newsletters.ts'
import { EDITION_FILES, previewIndex, writeEdition } from './write-newsletters.ts'

export async function publishNewsletters(
  context: PublishContext,
  settings: EditionSettings,
): Promise<ChannelResult> {
  const started = performance.now()
  const { snapshot } = context.loaded
  const root = path.join(context.outDir, 'newsletters')
  await mkdir(root, { recursive: true })
  const previousRoot = context.previousOutDir ? path.join(context.previousOutDir, 'newsletters') : null
  // Building in place (previous output = this output) has nothing to copy from; render everything.
  const canReuse = !context.full && previousRoot !== null && path.resolve(previousRoot) !== path.resolve(root)
  const previous = canReuse ? await readManifest(previousRoot, NEWSLETTER_MANIFEST) : null
  const sourceHash = await newsletterSourceHash(snapshot, settings)

  const editions = snapshot.newsletters
  const hashes = new Map(
    editions.map((edition) => [editionFolder(edition), editionHash(snapshot, edition, context.buildDate)]),
  )
  const reusable = new Set(planReuse(previous, sourceHash, hashes).reuse)
  const listed: Array<{ folder: string; meta: EditionMeta }> = []
  const written: Record<string, CacheEntry> = {}
  const warnings: ChannelWarning[] = []
  let rendered = 0
  let reused = 0
  context.progress?.(0, editions.length)

  for (const [done, edition] of editions.entries()) {
    const folder = editionFolder(edition)
    const reusedMeta =
      previousRoot && reusable.has(folder)
        ? await carryEdition(path.join(previousRoot, folder), path.join(root, folder))
        : null
    if (reusedMeta) {
      listed.push({ folder, meta: reusedMeta })
      reused++
    } else {
      const edited = await renderEdition(context.loaded, edition, {
        ...settings,
        buildDate: context.buildDate,
      })
      await writeEdition(root, edited)
      listed.push(edited)
      rendered++
    }
    written[folder] = { hash: hashes.get(folder) as string }
    warnings.push(...listed[listed.length - 1].meta.warnings)
    context.progress?.(done + 1, editions.length)
  }

  await writeFile(path.join(root, 'index.html'), previewIndex({ editions: listed }))
  await writeManifest(root, { ...NEWSLETTER_MANIFEST, sourceHash, entries: written })
  for (const warning of warnings)
    context.log(`newsletters: ${warning.document} ${warning.field ?? ''}: ${warning.message}`)
  return { channel: 'newsletters', rendered, reused, warnings, seconds: (performance.now() - started) / 1000 }
}

/**
 * Carries an edition's files over from the previous output as hard links (copied where the file system
 * has none: linkOrCopy) and returns its meta (its warnings are reported again, as if rendered); null
 * when the previous folder is incomplete, and the edition is rendered instead. Nothing writes into a
 * carried file afterwards (the index and the manifest are new files), so the previous output, serving
 * until the swap, never changes; a half-carried folder is removed before the edition is rendered into it.
 */
async function carryEdition(from: string, to: string): Promise<EditionMeta | null> {
  try {
    const meta = JSON.parse(await readFile(path.join(from, 'meta.json'), 'utf8')) as EditionMeta
    if (!Array.isArray(meta.warnings) || typeof meta.subject !== 'string') return null
    await mkdir(to, { recursive: true })
    await Promise.all(EDITION_FILES.map((file) => linkOrCopy(path.join(from, file), path.join(to, file))))
    return meta
  } catch {
    await rm(to, { recursive: true, force: true })
    return null
  }
}
