/**
 * The newsletter channel in `budstikke publish`, incrementally (channels/shared/output-cache.ts): an
 * edition (per locale) whose hash matches the previous output's manifest is copied from there; any
 * other is rendered. The preview list `newsletters/index.html` is always written anew (cheap), from the
 * rendered and the reused metas. Editions are few (tens), so each reused one is still checked whole
 * before it is copied: a previous folder missing a file is rendered instead.
 */
import { constants } from 'node:fs'
import { copyFile, mkdir, readFile, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { planReuse, readManifest, writeManifest, type CacheEntry } from '../shared/output-cache.ts'
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
        ? await copyEdition(path.join(previousRoot, folder), path.join(root, folder))
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
 * Copies an edition's files from the previous output and returns its meta (its warnings are reported
 * again, as if rendered); null when the previous folder is incomplete, and the edition is rendered instead.
 */
async function copyEdition(from: string, to: string): Promise<EditionMeta | null> {
  try {
    await Promise.all(EDITION_FILES.map((file) => stat(path.join(from, file))))
    const meta = JSON.parse(await readFile(path.join(from, 'meta.json'), 'utf8')) as EditionMeta
    if (!Array.isArray(meta.warnings) || typeof meta.subject !== 'string') return null
    await mkdir(to, { recursive: true })
    // A copy, never a hard link: the previous output keeps serving until the swap and must not change.
    for (const file of EDITION_FILES)
      await copyFile(path.join(from, file), path.join(to, file), constants.COPYFILE_FICLONE)
    return meta
  } catch {
    return null
  }
}
