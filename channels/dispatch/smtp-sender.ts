/**
 * Sends one message per member through nodemailer's pooled SMTP transport. The SMTP reply decides:
 * 250 → accepted; 5xx → refused (the member gets a letter instead); 4xx or a broken connection →
 * retried with back-off, then failed (left for the next run).
 */
import nodemailer, { type Transporter } from 'nodemailer'
import { RateLimiter } from './rate-limiter.ts'

export interface DkimSettings {
  domainName: string
  keySelector: string
  privateKey: string
}

export interface SmtpSettings {
  /** `smtp://user:pass@host:port` or `smtps://…`. */
  url: string
  /** Messages per second; undefined or 0: as fast as the server takes them. */
  rate?: number
  dkim?: DkimSettings
  /** Waits before the retries of a 4xx (default 0.5 s, 1 s, 2 s). */
  retryDelaysMs?: number[]
  /** Parallel SMTP connections (default 4); as many messages are in flight, so none waits in nodemailer's queue. */
  connections?: number
}

export interface OutgoingMessage {
  from: { name: string; address: string }
  to: string
  subject: string
  html: string
  text: string
  messageId: string
  locale: string
  unsubscribeUrl: string
}

export type SendOutcome =
  | { kind: 'accepted'; attempts: number }
  | { kind: 'refused'; code: number; attempts: number }
  | { kind: 'failed'; code: number | null; attempts: number; detail: string }

/** The URL as nodemailer's options, with a clear error for a wrong one (the password is never repeated). */
export function smtpOptions(url: string): {
  host: string
  port: number
  secure: boolean
  auth?: { user: string; pass: string }
} {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new Error('--smtp is not a URL (expected smtp://user:pass@host:port or smtps://…)')
  }
  if (parsed.protocol !== 'smtp:' && parsed.protocol !== 'smtps:')
    throw new Error(`--smtp: use smtp:// or smtps://, not ${parsed.protocol}//`)
  const secure = parsed.protocol === 'smtps:'
  const auth = parsed.username
    ? { user: decodeURIComponent(parsed.username), pass: decodeURIComponent(parsed.password) }
    : undefined
  return {
    host: parsed.hostname.replace(/^\[|\]$/g, ''),
    port: parsed.port ? Number(parsed.port) : secure ? 465 : 587,
    secure,
    auth,
  }
}

function replyCode(error: unknown): number | null {
  const code = (error as { responseCode?: unknown }).responseCode
  return typeof code === 'number' ? code : null
}

export class SmtpSender {
  private readonly transport: Transporter
  private readonly limiter: RateLimiter
  private readonly retryDelays: number[]

  constructor(settings: SmtpSettings) {
    const connections = settings.connections ?? 4
    this.transport = nodemailer.createTransport({
      ...smtpOptions(settings.url),
      pool: true,
      maxConnections: connections,
      maxMessages: Infinity,
      dkim: settings.dkim,
    })
    this.limiter = new RateLimiter(settings.rate)
    this.retryDelays = settings.retryDelaysMs ?? [500, 1000, 2000]
  }

  /** Fails early (before any member is marked) when the server cannot be reached or refuses the login. */
  async verify(): Promise<void> {
    try {
      await this.transport.verify()
    } catch (error) {
      throw new Error(`--smtp: cannot connect or log in: ${(error as Error).message}`)
    }
  }

  /**
   * `onStart` runs once, after the rate limiter let the message go and right before the SMTP
   * conversation (the ledger's `sending` mark): a message still waiting for its turn is not uncertain.
   */
  async send(message: OutgoingMessage, onStart: () => void = () => {}): Promise<SendOutcome> {
    for (let attempt = 1; ; attempt++) {
      await this.limiter.take()
      if (attempt === 1) onStart()
      try {
        await this.transport.sendMail({
          from: message.from,
          to: message.to,
          subject: message.subject,
          html: message.html,
          text: message.text,
          messageId: message.messageId,
          // Measured: guessing the encoding and quoted-printable took most of nodemailer's time per message.
          textEncoding: 'base64',
          headers: {
            'Content-Language': message.locale,
            'List-Unsubscribe': `<${message.unsubscribeUrl}>`,
            'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
          },
        })
        return { kind: 'accepted', attempts: attempt }
      } catch (error) {
        const code = replyCode(error)
        if (code !== null && code >= 500 && code < 600) return { kind: 'refused', code, attempts: attempt }
        const delay = this.retryDelays[attempt - 1]
        if (delay === undefined)
          return {
            kind: 'failed',
            code,
            attempts: attempt,
            detail: code ? `SMTP ${code}` : ((error as NodeJS.ErrnoException).code ?? 'connection error'),
          }
        await new Promise((resolve) => setTimeout(resolve, delay))
      }
    }
  }

  close(): void {
    this.transport.close()
  }
}
