import path from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  dispatchArgs,
  memberLine,
  readReport,
  runCli,
  startCli,
  startSmtp,
  tempDir,
  writeMembers,
  writeTestSnapshot,
} from './helpers.ts'

const mail = (n: string) => `${n.toLowerCase()}-adresse@example.test`

function setup(name: string, count: number) {
  const dir = tempDir(name)
  const snapshot = writeTestSnapshot(dir)
  const numbers = Array.from({ length: count }, (_, i) => `M${String(i + 1).padStart(3, '0')}`)
  const members = writeMembers(
    dir,
    numbers.map((n) => memberLine({ number: n, email: mail(n) })),
  )
  const env = { BUDSTIKKE_DATA_DIR: path.join(dir, 'data') }
  const args = (out: string, smtpUrl: string, extra: string[] = []) =>
    dispatchArgs({ members, out, snapshot, smtp: smtpUrl, extra })
  return { dir, numbers, env, args }
}

describe('dispatch killed mid-run', () => {
  it(
    'resumes without duplicates; the message in flight is uncertain and resent only with --resend-uncertain',
    { timeout: 400_000 },
    async () => {
      const { dir, numbers, env, args } = setup('kill', 10)
      const smtp = await startSmtp()
      const out = path.join(dir, 'out')
      try {
        const first = startCli(args(out, smtp.url, ['--rate', '4']), env)
        let inFlight = ''
        // The fourth message has arrived but is not yet answered: kill the dispatcher there.
        smtp.beforeAccept = async (count, to) => {
          if (count !== 4) return
          inFlight = to[0]
          first.child.kill('SIGKILL')
          await new Promise((resolve) => first.child.once('close', resolve))
          throw new Error('the sender is gone')
        }
        const killed = await first.done
        expect(killed.signal).toBe('SIGKILL')
        smtp.beforeAccept = undefined
        expect(smtp.arrivals.length).toBe(3)
        const uncertainMember = numbers.find((n) => mail(n) === inFlight)!
        expect(uncertainMember).toBeTruthy()

        const second = await runCli(args(out, smtp.url), env)
        expect(second.status).not.toBe(0)
        let report = readReport(out)
        expect(report).toMatchObject({
          read: 10,
          emailed: 9,
          uncertain: 1,
          uncertain_members: [uncertainMember],
          balanced: false,
        })
        expect(second.stderr).toContain(`1 uncertain`)
        expect(second.stderr).toContain(uncertainMember)
        expect(smtp.arrivals.length).toBe(9)
        expect(smtp.arrivals.map((a) => a.to)).not.toContain(inFlight)

        // Without the flag a rerun still leaves it alone.
        await runCli(args(out, smtp.url), env)
        expect(smtp.arrivals.length).toBe(9)

        const third = await runCli(args(out, smtp.url, ['--resend-uncertain']), env)
        expect(third.status, third.stderr).toBe(0)
        report = readReport(out)
        expect(report).toMatchObject({
          read: 10,
          emailed: 10,
          uncertain: 0,
          uncertain_members: [],
          balanced: true,
        })
        const to = smtp.arrivals.map((a) => a.to)
        expect(new Set(to).size).toBe(to.length)
        expect(to.length).toBe(report.emailed)
      } finally {
        await smtp.close()
      }
    },
  )
})

describe('dispatch rate and locking', () => {
  it('never puts more than --rate + 1 messages into one second', { timeout: 400_000 }, async () => {
    const { dir, env, args } = setup('rate', 12)
    const smtp = await startSmtp()
    try {
      const result = await runCli(args(path.join(dir, 'out'), smtp.url, ['--rate', '5']), env)
      expect(result.status, result.stderr).toBe(0)
      expect(smtp.arrivals.length).toBe(12)
      const perSecond = new Map<number, number>()
      for (const arrival of smtp.arrivals)
        perSecond.set(Math.floor(arrival.at / 1000), (perSecond.get(Math.floor(arrival.at / 1000)) ?? 0) + 1)
      expect(Math.max(...perSecond.values())).toBeLessThanOrEqual(6)
      const seconds = (smtp.arrivals.at(-1)!.at - smtp.arrivals[0].at) / 1000
      // Starts 0.2 s apart, each after the previous reply: the 2nd to the 12th start span 2 s.
      expect(seconds).toBeGreaterThanOrEqual((12 - 2) / 5 - 0.05)
    } finally {
      await smtp.close()
    }
  })

  it(
    'refuses a second dispatch of the same edition while one runs, naming the first',
    { timeout: 400_000 },
    async () => {
      const { dir, env, args } = setup('lock', 40)
      const smtp = await startSmtp()
      try {
        const first = startCli(args(path.join(dir, 'out'), smtp.url, ['--rate', '2']), env)
        while (smtp.arrivals.length === 0) await new Promise((resolve) => setTimeout(resolve, 50))
        const second = await runCli(args(path.join(dir, 'out2'), smtp.url), env)
        expect(second.status).not.toBe(0)
        expect(second.stderr).toMatch(
          new RegExp(
            `another dispatch of edition nyhedsbrev-marts-2026 is running \\(pid ${first.child.pid}, since `,
          ),
        )
        first.child.kill('SIGKILL')
        await first.done
      } finally {
        await smtp.close()
      }
    },
  )
})

describe('dispatch with a temporary failure that lasts', () => {
  it(
    'counts a 451 that does not go away as failed (exit non-zero) and reaches the member on a later run',
    { timeout: 400_000 },
    async () => {
      const { dir, numbers, env, args } = setup('451', 3)
      const answers: Record<string, number> = { [mail(numbers[1])]: 451 }
      const smtp = await startSmtp(answers)
      const out = path.join(dir, 'out')
      try {
        const first = await runCli(args(out, smtp.url), env)
        expect(first.status).not.toBe(0)
        expect(readReport(out)).toMatchObject({
          read: 3,
          emailed: 2,
          failed: 1,
          failed_members: [numbers[1]],
          balanced: false,
          reasons: { failed: { 'SMTP 451': 1 } },
        })
        expect(first.stderr).toMatch(/1 failed .*the next run retries/)
        delete answers[mail(numbers[1])]
        const second = await runCli(args(out, smtp.url), env)
        expect(second.status, second.stderr).toBe(0)
        expect(readReport(out)).toMatchObject({
          read: 3,
          emailed: 3,
          failed: 0,
          balanced: true,
          this_run: { emailed: 1 },
        })
        expect(smtp.arrivals.map((a) => a.to).sort()).toEqual(numbers.map(mail).sort())
      } finally {
        await smtp.close()
      }
    },
  )
})

describe('dispatch against a server that keeps failing', () => {
  it(
    'stops trying after 20 failures in a row and leaves the rest failed for the next run',
    { timeout: 400_000 },
    async () => {
      const { dir, numbers, env, args } = setup('breaker', 30)
      const smtp = await startSmtp(Object.fromEntries(numbers.map((n) => [mail(n), 451])))
      const out = path.join(dir, 'out')
      try {
        const result = await runCli(args(out, smtp.url), env)
        expect(result.status).not.toBe(0)
        expect(result.stderr).toMatch(
          /20 messages in a row failed; the remaining e-mails are left for the next run/,
        )
        const report = readReport(out) as ReturnType<typeof readReport> & {
          failed: number
          reasons: { failed: Record<string, number> }
        }
        expect(report).toMatchObject({ read: 30, emailed: 0, failed: 30, balanced: false })
        const tried = report.reasons.failed['SMTP 451']
        expect(tried).toBeGreaterThanOrEqual(20)
        expect(tried).toBeLessThan(24)
        expect(report.reasons.failed['not tried: the SMTP server kept failing']).toBe(30 - tried)
        expect(smtp.arrivals).toEqual([])
      } finally {
        await smtp.close()
      }
    },
  )
})
