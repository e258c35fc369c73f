/**
 * `--bounces FILE`: what the mail service reported, one line per bounce: a member number or an
 * e-mail address, then `hard` or `soft` (comma or semicolon; a header line is allowed). Hard bounces
 * are marked in the ledger so the member gets a letter; soft ones are only counted (the address may
 * work next time). The file is read into memory and nothing of it is written anywhere.
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { normaliseEmail } from './member-columns.ts'

export interface BounceList {
  hardMemberNumbers: Set<string>
  hardEmails: Set<string>
  soft: number
}

export async function readBounces(file: string): Promise<BounceList> {
  const label = path.basename(file)
  let content: string
  try {
    content = await readFile(file, 'utf8')
  } catch (error) {
    throw new Error(
      `${file}: cannot read the bounce file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    )
  }
  const list: BounceList = { hardMemberNumbers: new Set(), hardEmails: new Set(), soft: 0 }
  content
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .forEach((raw, index) => {
      if (!raw.trim()) return
      const [id = '', kind = ''] = raw.split(/[;,\t]/).map((cell) =>
        cell
          .trim()
          .replace(/^"(.*)"$/, '$1')
          .trim(),
      )
      const type = kind.toLowerCase()
      if (type !== 'hard' && type !== 'soft') {
        if (index === 0) return // a header line
        throw new Error(`${label} line ${index + 1}: second column must be hard or soft`)
      }
      if (!id) throw new Error(`${label} line ${index + 1}: member number or e-mail address missing`)
      if (type === 'soft') {
        list.soft++
        return
      }
      if (id.includes('@')) {
        const email = normaliseEmail(id)
        if (!email) throw new Error(`${label} line ${index + 1}: not a valid e-mail address`)
        list.hardEmails.add(email.toLowerCase()) // matched without regard to case, as mail services report them
      } else list.hardMemberNumbers.add(id)
    })
  return list
}
