/** The made-up WordPress site of the tests: its export and a copy of its uploads folder (pictures drawn here). */
import { mkdir, mkdtemp } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import sharp from 'sharp'

export const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/wordpress/fagforening-nord.xml')

/** Words that stand only in posts that must never be public (draft, pending, private, password, future, trash). */
export const HIDDEN_WORDS = [
  'HEMMELIGTUDKAST',
  'UDKASTTEKST',
  'UDKASTRESUME',
  'AFVENTERTITEL',
  'AFVENTERTEKST',
  'PRIVATTITEL',
  'PRIVATTEKST',
  'KODEORDTITEL',
  'KODEORDTEKST',
  'KODEORDRESUME',
  'FREMTIDTITEL',
  'FREMTIDTEKST',
  'SKRALDETITEL',
  'SKRALDETEKST',
  'REVISIONTEKST',
  'SIDEKLADDETITEL',
  'SIDEKLADDETEKST',
]

/** `wp-content/uploads` with two of the three pictures the export names (`2019/02/mangler.jpg` is missing). */
export async function makeUploads(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'budstikke-wp-uploads-'))
  const pictures: [string, string][] = [
    ['2018/11/demonstration.jpg', '#b03a2e'],
    ['2019/03/moede.jpg', '#1f618d'],
  ]
  for (const [file, colour] of pictures) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true })
    await sharp({ create: { width: 64, height: 48, channels: 3, background: colour } })
      .jpeg()
      .toFile(path.join(dir, file))
  }
  return dir
}
