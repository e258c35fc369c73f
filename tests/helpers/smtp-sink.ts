/**
 * A real SMTP server (smtp-server, parsed with mailparser) in a child process, for tests that send
 * e-mail. Out of the test's process on purpose: a mail server is another machine in production, and its
 * parsing work must not slow the server code a test is timing.
 */
import { spawn } from 'node:child_process'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'

export interface ReceivedMail {
  to: string
  subject: string
  /** Text and HTML parts, one after the other. */
  text: string
}

export interface SmtpSink {
  url: string
  mails: ReceivedMail[]
  close(): Promise<void>
}

const serverScript = path.join(path.dirname(fileURLToPath(import.meta.url)), 'smtp-sink-server.mjs')

export async function startSmtpSink(): Promise<SmtpSink> {
  const child = spawn(process.execPath, [serverScript], { stdio: ['ignore', 'pipe', 'inherit'] })
  const mails: ReceivedMail[] = []
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the SMTP sink exited (${code}) before listening`)))
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const message = JSON.parse(line) as { listening?: number; mail?: ReceivedMail }
      if (message.listening) resolve(message.listening)
      if (message.mail) mails.push(message.mail)
    })
  })
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    async close() {
      if (child.exitCode === null) child.kill('SIGTERM')
      await exited
    },
  }
}
