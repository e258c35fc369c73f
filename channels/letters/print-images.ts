/**
 * Images as pdfkit can embed them deterministically. pdfkit decodes a PNG's transparency (alpha
 * channel or palette tRNS) asynchronously and numbers the soft-mask objects when that decode
 * finishes, so the same input could give different object numbers, and so different bytes, from one
 * run to the next. Letters are printed on white paper: flattening onto white changes nothing a
 * reader sees and makes embedding synchronous. pdfkit reads only JPEG and PNG, so any other format
 * sharp can read (WebP, AVIF, GIF, SVG) is converted here too, with an error that names the image.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import sharp from 'sharp'
import type { RendererSetup } from './letter-renderer.ts'

export interface PrintImages {
  setup: RendererSetup
  /** Removes the converted copies (call when the run is over). */
  dispose(): Promise<void>
}

async function printableCopy(file: string, dir: string, index: number): Promise<string> {
  let meta: Awaited<ReturnType<ReturnType<typeof sharp>['metadata']>>
  try {
    meta = await sharp(file).metadata()
  } catch (error) {
    throw new Error(`image ${path.basename(file)} cannot be read: ${(error as Error).message}`)
  }
  if (meta.format === 'jpeg' && !meta.hasAlpha) return file
  if (meta.format === 'png' && !meta.hasAlpha) return file
  const out = path.join(dir, `${index}.png`)
  await sharp(file).flatten({ background: '#ffffff' }).png().toFile(out)
  return out
}

/** A copy of `setup` whose logo, signature and body image paths point at printable files. */
export async function preparePrintImages(setup: RendererSetup): Promise<PrintImages> {
  const files = new Set<string>()
  if (setup.logoPath) files.add(setup.logoPath)
  for (const version of Object.values(setup.versions)) {
    if (version?.signaturePath) files.add(version.signaturePath)
    for (const file of version?.imagePaths.values() ?? []) files.add(file)
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'budstikke-letter-images-'))
  const dispose = () => rm(dir, { recursive: true, force: true })
  try {
    const mapped = new Map<string, string>()
    let index = 0
    for (const file of files) mapped.set(file, await printableCopy(file, dir, index++))
    const to = (file: string) => mapped.get(file) ?? file
    const versions: RendererSetup['versions'] = {}
    for (const [locale, version] of Object.entries(setup.versions) as Array<
      [
        keyof RendererSetup['versions'],
        NonNullable<RendererSetup['versions'][keyof RendererSetup['versions']]>,
      ]
    >) {
      versions[locale] = {
        ...version,
        signaturePath: version.signaturePath ? to(version.signaturePath) : null,
        imagePaths: new Map([...version.imagePaths].map(([id, file]) => [id, to(file)])),
      }
    }
    return { setup: { ...setup, logoPath: setup.logoPath ? to(setup.logoPath) : null, versions }, dispose }
  } catch (error) {
    await dispose()
    throw error
  }
}
