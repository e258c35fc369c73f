import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { HEADER, fakeMembers, lettersArgs, memberRow, tempDir } from './helpers.ts'

function budstikke(args: string[]) {
  return spawnSync('npx', ['budstikke', ...args], { encoding: 'utf8', cwd: path.resolve('.') })
}

describe('npx budstikke letters', () => {
  it('writes letters.pdf, manifest.csv, rejected.csv and report.json, logging no member data', () => {
    const dir = tempDir('cli')
    const recipients = path.join(dir, 'members.csv')
    writeFileSync(recipients, [HEADER, ...fakeMembers(3).map((m) => memberRow(m))].join('\n'))
    const out = path.join(dir, 'out')
    const result = budstikke(lettersArgs(recipients, out, { extra: ['--envelope', 'no-c5'] }))
    expect(result.status, result.stderr).toBe(0)
    for (const file of ['letters.pdf', 'manifest.csv', 'rejected.csv', 'report.json'])
      expect(existsSync(path.join(out, file))).toBe(true)
    const report = JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8'))
    expect(report).toMatchObject({ read: 3, printed: 3, rejected: 0, pages: 3, sheets: 3, envelope: 'no-c5' })
    expect(result.stdout + result.stderr).not.toMatch(/Testa|Fiktivsen|Prøvevej|T0000/)
  })

  it('fails with the place named for an unknown letter or envelope', () => {
    const dir = tempDir('cli-bad')
    const recipients = path.join(dir, 'members.csv')
    writeFileSync(recipients, HEADER + '\n')
    const unknownLetter = budstikke(
      lettersArgs(recipients, path.join(dir, 'a'), { letter: 'findes-ikke', date: null }),
    )
    expect(unknownLetter.status).not.toBe(0)
    expect(unknownLetter.stderr).toMatch(
      /letters\/findes-ikke: no published letter with that slug in the snapshot \(known: velkommen\)/,
    )
    const unknownEnvelope = budstikke(
      lettersArgs(recipients, path.join(dir, 'b'), { date: null, extra: ['--envelope', 'c4-right'] }),
    )
    expect(unknownEnvelope.stderr).toMatch(
      /unknown envelope "c4-right"; known: c5-left, no-c5, no-e65, se-left/,
    )
  })
})
