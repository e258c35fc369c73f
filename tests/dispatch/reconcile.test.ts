import { generateKeyPairSync } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  EDITION,
  dispatchArgs,
  csvLine,
  memberLine,
  pdfText,
  readReport,
  runCli,
  startSmtp,
  tempDir,
  writeMembers,
  writeTestSnapshot,
  type CliResult,
  type TestSmtp,
} from './helpers.ts'

const mail = (n: string) => `${n.toLowerCase()}-adresse@example.test`
const LONG_STREET = Array.from({ length: 12 }, () => 'Langstrakteprøvevej').join(' ')

/** Every bucket and every kind of bad row, with what each must end as. */
const ROWS = [
  memberLine({ number: 'E1', email: mail('E1') }),
  memberLine({ number: 'E2', email: mail('E2'), locale: 'sv' }),
  memberLine({ number: 'E3', email: mail('E3'), postal: '' }), // no postal code: still e-mailed
  memberLine({ number: 'ES', email: mail('ES'), segments: 'students|retirees' }),
  memberLine({ number: 'R451', email: mail('R451') }), // 451 twice, then accepted
  memberLine({ number: 'R550', email: mail('R550') }), // refused: a letter instead
  memberLine({ number: 'P1' }), // no e-mail
  memberLine({ number: 'P2', email: 'ikke-en-adresse' }),
  memberLine({ number: 'P3', email: mail('P3'), emailOptOut: 'ja' }),
  memberLine({ number: 'O1', email: mail('O1'), emailOptOut: 'yes', postOptOut: '1' }),
  memberLine({ number: 'O2', postOptOut: 'true' }),
  memberLine({ number: 'N1', email: mail('N1'), segments: 'students' }),
  memberLine({ number: 'N2', segments: '' }),
  memberLine({ number: 'X1', postal: '' }), // neither e-mail nor postal code
  memberLine({ number: 'P1', email: mail('X2') }), // duplicate member number
  'X3,Testa,Forkortsen,Prøvevej 3', // too few fields
  memberLine({ number: 'X4' }).replace('TestaX4', 'Te"staX4'), // stray quote
  memberLine({ number: 'X5', email: mail('X5'), emailOptOut: 'måske' }),
  memberLine({ number: '', email: mail('X6') }).replace(/^/, ''), // member number missing
  memberLine({ number: 'X7', first: 'Testa\u0007X7' }),
  memberLine({ number: 'X8', line1: LONG_STREET }), // does not fit the envelope window
]
const EXPECTED = {
  read: 21,
  not_in_segment: 2,
  opted_out: 2,
  emailed: 5,
  printed: 4,
  rejected: 8,
  uncertain: 0,
}

describe('npx budstikke dispatch over SMTP', () => {
  let dir: string
  let smtp: TestSmtp
  let members: string
  let snapshot: string
  let env: Record<string, string>
  const logs: CliResult[] = []
  const run = async (out: string, extra: string[] = []) => {
    const result = await runCli(
      dispatchArgs({ members, out, snapshot, smtp: smtp.url, extra: ['--date', '2026-11-27', ...extra] }),
      env,
    )
    logs.push(result)
    return result
  }

  beforeAll(async () => {
    dir = tempDir('reconcile')
    snapshot = writeTestSnapshot(dir)
    members = writeMembers(dir, ROWS)
    smtp = await startSmtp({ [mail('R550')]: 550, [mail('R451')]: { code: 451, times: 2 } })
    const { privateKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    })
    const keyFile = path.join(dir, 'dkim.pem')
    writeFileSync(keyFile, privateKey)
    env = {
      BUDSTIKKE_DATA_DIR: path.join(dir, 'data'),
      BUDSTIKKE_DKIM_DOMAIN: 'example.org',
      BUDSTIKKE_DKIM_SELECTOR: 'budstikke2026',
      BUDSTIKKE_DKIM_PRIVATE_KEY: keyFile,
    }
  })
  afterAll(async () => smtp?.close())

  it(
    'puts every row in exactly one bucket, e-mails, prints the rest and reconciles',
    { timeout: 400_000 },
    async () => {
      const out = path.join(dir, 'out')
      const result = await run(out)
      expect(result.status, result.stderr).toBe(0)
      const report = readReport(out)
      expect(report).toMatchObject({
        ...EXPECTED,
        failed: 0,
        balanced: true,
        this_run: { emailed: 5, printed: 4, moved_to_print_after_5xx: 1 },
      })
      expect((report.this_run as { retried_after_4xx: number }).retried_after_4xx).toBe(1)
      expect(report.reasons).toMatchObject({
        printed: {
          'no e-mail address': 1,
          'e-mail address not valid': 1,
          'opted out of e-mail': 1,
          'e-mail refused (SMTP 550)': 1,
        },
        opted_out: { 'opted out of e-mail and post': 1, 'opted out of post; no e-mail address': 1 },
      })
      const rejected = report.reasons as { rejected: Record<string, number> }
      const reasons = Object.keys(rejected.rejected).join('\n')
      for (const pattern of [
        /postal code missing/,
        /duplicate member number/,
        /11 fields where the header has 13|4 fields where the header has 13/,
        /CSV quoting/,
        /email_opt_out is not one of/,
        /member number missing/,
        /control character/,
        /too long for the c5-left window/,
      ])
        expect(reasons).toMatch(pattern)
      expect(report.locales).toEqual({ da: { emailed: 4, printed: 4 }, sv: { emailed: 1, printed: 0 } })

      // The server got one message per e-mailed member; 550 got none, 451 got one after two refusals.
      const to = smtp.arrivals.map((a) => a.to).sort()
      expect(to).toEqual([mail('E1'), mail('E2'), mail('E3'), mail('ES'), mail('R451')].sort())

      // 550: the member is in the print run exactly once, with the other print members and no one else.
      const manifest = readFileSync(path.join(out, 'print/manifest.csv'), 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(',')[0])
      expect(manifest.sort()).toEqual(['P1', 'P2', 'P3', 'R550'])
      const text = pdfText(path.join(out, 'print/letters.pdf'))
      const printedNumbers = [...text.matchAll(/Medlemsnummer: (\S+)/g)].map((m) => m[1]).sort()
      expect(printedNumbers).toEqual(['P1', 'P2', 'P3', 'R550'])
      // The printed edition: each item's title, short URL and a QR code image per item.
      expect(text).toMatch(/Læs mere: faf\.example\.org\/artikler\/ok26-afstemning/)
      expect(text).toMatch(/Hej TestaR550,/)
    },
  )

  it('sends each member a personal, multipart message in their language with unsubscribe headers and DKIM', () => {
    const ids = new Set<string>()
    for (const arrival of smtp.arrivals) {
      const number = arrival.to.split('-')[0].toUpperCase()
      const { mail: m, raw } = arrival
      expect(m.to && 'text' in m.to ? m.to.text : '').toContain(arrival.to)
      const locale = number === 'E2' ? 'sv' : 'da'
      expect(m.headers.get('content-language')).toBe(locale)
      if (locale === 'sv') expect(m.subject).toBe('Nyhetsbrev för mars')
      else expect(m.subject).toBe('OK26: nu skal du stemme')
      expect(m.html, `${number} html part`).toBeTruthy()
      expect(m.text, `${number} text part`).toBeTruthy()
      // Merge fields filled from the member row, in both parts; no tag left over.
      expect(m.text).toContain(`Testa${number},`)
      expect(m.html).toContain(`Testa${number}`)
      expect(m.text).toContain(`: ${number}`)
      expect(m.text! + m.html).not.toMatch(/\{\{|\*\||\uE000/)
      expect(raw).toMatch(
        new RegExp(`^List-Unsubscribe: <https://faf\\.example\\.org/afmeld\\?m=${number}>`, 'mi'),
      )
      expect(raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click/im)
      expect(raw).toMatch(/^DKIM-Signature: .*d=example\.org/im)
      expect(raw).toMatch(/s=budstikke2026/)
      expect(m.messageId).toMatch(/^<[0-9a-f-]+@faf\.example\.org>$/)
      ids.add(m.messageId!)
    }
    expect(ids.size).toBe(smtp.arrivals.length)
    const sv = smtp.arrivals.find((a) => a.to === mail('E2'))!
    expect(sv.mail.html).toMatch(/lang="sv"/)
  })

  it(
    'sends and prints nothing new on a second run, and gives the same report',
    { timeout: 400_000 },
    async () => {
      const out = path.join(dir, 'out')
      const before = smtp.arrivals.length
      const pdfBefore = statSync(path.join(out, 'print/letters.pdf')).mtimeMs
      const result = await run(out)
      expect(result.status, result.stderr).toBe(0)
      expect(smtp.arrivals.length).toBe(before)
      expect(statSync(path.join(out, 'print/letters.pdf')).mtimeMs).toBe(pdfBefore)
      expect(readReport(out)).toMatchObject({ ...EXPECTED, this_run: { emailed: 0, printed: 0 } })
    },
  )

  it(
    'prints a letter for exactly the hard-bounced members on the next run',
    { timeout: 400_000 },
    async () => {
      const out = path.join(dir, 'out')
      const bounces = path.join(dir, 'bounces.csv')
      writeFileSync(
        bounces,
        ['address,type', 'E1,hard', `${mail('E2').toUpperCase()},hard`, 'ES,soft', ''].join('\n'),
      )
      const before = smtp.arrivals.length
      const result = await run(out, ['--bounces', bounces])
      expect(result.status, result.stderr).toBe(0)
      expect(smtp.arrivals.length).toBe(before)
      const report = readReport(out)
      expect(report).toMatchObject({
        read: 21,
        emailed: 3,
        printed: 6,
        printed_after_bounce: 2,
        bounces: { hard: 2, soft: 1, hard_matched: 2 },
        this_run: { emailed: 0, printed: 2 },
      })
      const text = pdfText(path.join(out, 'print/letters.pdf'))
      expect([...text.matchAll(/Medlemsnummer: (\S+)/g)].map((m) => m[1]).sort()).toEqual(['E1', 'E2'])
      expect(text).toMatch(/Hej TestaE2,/)
      expect(text).toMatch(/Medlemsnummer: E1/)
      // The first print run's output was kept beside the new one.
      expect(readdirSync(out).filter((f) => f.startsWith('print-')).length).toBe(1)
      const again = await run(out)
      expect(again.status).toBe(0)
      expect(readReport(out)).toMatchObject({
        emailed: 3,
        printed: 6,
        printed_after_bounce: 2,
        this_run: { emailed: 0, printed: 0 },
      })
    },
  )

  it('keeps member data out of the logs, the data folder (ledger: member numbers only) and dist/', () => {
    const secrets = [/Opdigtsen/, /TestaE/, /Prøvevej/, /Langstrakte/, /example\.test/i, /ikke-en-adresse/]
    const logText = logs.map((l) => l.stdout + l.stderr).join('\n')
    for (const secret of secrets) expect(logText).not.toMatch(secret)
    const files = (root: string): string[] =>
      existsSync(root)
        ? readdirSync(root, { recursive: true, withFileTypes: true })
            .filter((e) => e.isFile())
            .map((e) => path.join(e.parentPath, e.name))
        : []
    const dataFiles = files(path.join(dir, 'data'))
    expect(dataFiles.some((f) => f.endsWith('ledger.sqlite'))).toBe(true)
    for (const file of dataFiles) {
      const content = readFileSync(file)
      for (const secret of secrets) {
        expect(content.toString('utf8'), file).not.toMatch(secret)
        expect(content.toString('latin1'), file).not.toMatch(secret)
      }
    }
    const started = Date.now() - 10 * 60_000
    expect(
      files(path.resolve('dist')).filter(
        (f) => statSync(f).mtimeMs > started && /Opdigtsen|example\.test/.test(readFileSync(f, 'latin1')),
      ),
    ).toEqual([])
  })
})

describe('npx budstikke dispatch without --smtp', () => {
  it(
    'writes what a mail service imports: audience.csv and the edition per locale',
    { timeout: 400_000 },
    async () => {
      const dir = tempDir('export')
      const snapshot = writeTestSnapshot(dir)
      const members = writeMembers(dir, [
        memberLine({ number: 'E1', email: mail('E1') }),
        memberLine({ number: 'E2', email: mail('E2'), locale: 'sv' }),
        memberLine({ number: 'P1' }),
      ])
      const out = path.join(dir, 'out')
      const env = { BUDSTIKKE_DATA_DIR: path.join(dir, 'data'), BUDSTIKKE_MERGE_SYNTAX: 'listmonk' }
      const result = await runCli(
        dispatchArgs({ members, out, snapshot, extra: ['--date', '2026-11-27'] }),
        env,
      )
      expect(result.status, result.stderr).toBe(0)
      expect(readReport(out)).toMatchObject({ read: 3, emailed: 2, printed: 1, email: { mode: 'export' } })
      const audience = readFileSync(path.join(out, 'email/audience.csv'), 'utf8').trim().split('\n')
      expect(audience[0]).toBe('member_number,email,first_name,last_name,locale,unsubscribe_url')
      expect(audience.slice(1)).toEqual([
        csvLine(['E1', mail('E1'), 'TestaE1', 'OpdigtsenE1', 'da', 'https://faf.example.org/afmeld?m=E1']),
        csvLine(['E2', mail('E2'), 'TestaE2', 'OpdigtsenE2', 'sv', 'https://faf.example.org/afmeld?m=E2']),
      ])
      for (const locale of ['da', 'sv'])
        expect(readFileSync(path.join(out, `email/${EDITION}/${locale}/index.html`), 'utf8')).toMatch(
          /\{\{ or \.Subscriber\.FirstName/,
        )
      expect(existsSync(path.join(out, 'print/letters.pdf'))).toBe(true)
      const dry = await runCli(
        dispatchArgs({ members, out: path.join(dir, 'dry'), snapshot, extra: ['--dry-run'] }),
        env,
      )
      expect(dry.status, dry.stderr).toBe(0)
      expect(readReport(path.join(dir, 'dry'))).toMatchObject({
        dry_run: true,
        read: 3,
        emailed: 2,
        printed: 1,
      })
      expect(existsSync(path.join(dir, 'dry/email'))).toBe(false)

      // A campaign: its newsletter text in the edition layout by e-mail, its letter text on paper.
      const campaign = await runCli(
        dispatchArgs({
          campaign: 'stem-ok26',
          members,
          out: path.join(dir, 'campaign'),
          snapshot,
          extra: ['--date', '2026-11-27'],
        }),
        env,
      )
      expect(campaign.status, campaign.stderr).toBe(0)
      expect(readReport(path.join(dir, 'campaign'))).toMatchObject({
        dispatch: 'campaign:stem-ok26',
        read: 3,
        emailed: 2,
        printed: 1,
      })
      expect(readFileSync(path.join(dir, 'campaign/email/stem-ok26/da/index.txt'), 'utf8')).toContain(
        'Husk at stemme inden fredag kl. 12.',
      )
      const letter = pdfText(path.join(dir, 'campaign/print/letters.pdf'))
      expect(letter).toMatch(/Hej TestaP1,/)
      expect(letter).toContain('Du kan stemme digitalt eller med brevstemme.')
    },
  )
})
