/**
 * Payload's e-mail (the password-reset link): nodemailer over SMTP when `BUDSTIKKE_SMTP_URL` is set
 * (`smtp://user:password@mail.example.org:587`, or `smtps://…` for TLS from the start; the sender is
 * `BUDSTIKKE_SMTP_FROM`, else the SMTP user when it is an address). Without it, a console adapter like Payload's
 * writes recipient and subject to the log and nothing is sent; a warning at start says so.
 *
 * Sending returns once the message is handed over, and delivery runs after it, because Payload sends
 * inside the operation's database transaction: forgot-password holds the one write turn of
 * sqlite-transactions.ts until it commits, and a slow or unreachable mail server would have held every
 * editor's save with it (nodemailer waits up to minutes for a connection). It also keeps the answer to
 * a reset request the same whether or not the address has an account: a failed send no longer turns
 * only the known addresses into errors. Failed deliveries are logged with the recipient.
 */
import os from 'node:os'
import nodemailer, { type SendMailOptions } from 'nodemailer'
import type { EmailAdapter, Payload, SendEmailOptions } from 'payload'
import { setting } from '../../channels/shared/config.ts'

export interface SmtpSettings {
  url: string
  fromAddress: string
  fromName: string
}

/** The SMTP settings from the environment, or null when e-mail is not configured. Throws on a malformed URL, naming the variable (never the password). */
export function smtpSettings(
  env: Readonly<Record<string, string | undefined>> = process.env,
): SmtpSettings | null {
  const url = setting('BUDSTIKKE_SMTP_URL', env)
  if (!url) return null
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new Error(
      'BUDSTIKKE_SMTP_URL is not a URL: write it as smtp://user:password@host:587 or smtps://user:password@host:465',
    )
  }
  if (parsed.protocol !== 'smtp:' && parsed.protocol !== 'smtps:') {
    throw new Error(`BUDSTIKKE_SMTP_URL must start with smtp:// or smtps://, not ${parsed.protocol}//`)
  }
  const user = decodeURIComponent(parsed.username)
  const fromAddress =
    setting('BUDSTIKKE_SMTP_FROM', env) || (user.includes('@') ? user : `budstikke@${os.hostname()}`)
  return { url, fromAddress, fromName: 'Budstikke' }
}

/** Payload's `email` setting: SMTP when configured, otherwise the console adapter below. */
export function emailAdapter(settings = smtpSettings()): EmailAdapter {
  if (!settings) return ({ payload }) => consoleAdapter(payload, !setting('BUDSTIKKE_CLI'))
  return ({ payload }) => smtpAdapter(payload, settings)
}

function smtpAdapter(payload: Payload, settings: SmtpSettings): ReturnType<EmailAdapter> {
  // Payload writes links in e-mails from serverURL, or (without it) from a Host it has been told to trust.
  if (!payload.config.serverURL && !setting('BUDSTIKKE_CLI')) {
    payload.logger.warn(
      "BUDSTIKKE_SERVER_URL is not set: the reset link in password e-mails may lack the admin's address. Set it to the address editors open, e.g. https://admin.example.org",
    )
  }
  // Short waits: a mail server that does not answer is logged within a minute instead of holding sockets.
  const transport = nodemailer.createTransport({
    url: settings.url,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  })
  return {
    name: 'budstikke-smtp',
    defaultFromAddress: settings.fromAddress,
    defaultFromName: settings.fromName,
    sendEmail: async (message: SendEmailOptions) => {
      const to = recipients(message)
      const mail = {
        ...message,
        from: message.from ?? { name: settings.fromName, address: settings.fromAddress },
      }
      void transport.sendMail(mail as SendMailOptions).then(
        () => payload.logger.info(`E-mail "${String(message.subject ?? '')}" sent to ${to}`),
        (error: unknown) =>
          payload.logger.error(
            `E-mail "${String(message.subject ?? '')}" to ${to} could not be sent through BUDSTIKKE_SMTP_URL: ${(error as Error).message}`,
          ),
      )
      return { queued: true }
    },
  }
}

/**
 * Like Payload's console adapter, announced in the admin server: an operator should learn at start, not
 * from a user, that reset links go nowhere. The CLI sends no e-mail, so it stays quiet.
 */
function consoleAdapter(payload: Payload, announce: boolean): ReturnType<EmailAdapter> {
  if (announce)
    payload.logger.warn(
      'E-mail is off: BUDSTIKKE_SMTP_URL is not set, so password-reset links are not sent (the log shows only recipient and subject). See the README, "E-mail and sign-in limits".',
    )
  return {
    name: 'console',
    defaultFromAddress: 'budstikke@localhost',
    defaultFromName: 'Budstikke',
    sendEmail: async (message: SendEmailOptions) => {
      payload.logger.info(
        `E-mail not sent (BUDSTIKKE_SMTP_URL is not set): to ${recipients(message)}, subject "${String(message.subject ?? '')}"`,
      )
    },
  }
}

function recipients(message: SendEmailOptions): string {
  const list: unknown[] = Array.isArray(message.to) ? message.to.flat() : [message.to]
  return list
    .map((entry) =>
      typeof entry === 'string' ? entry : ((entry as { address?: string } | undefined)?.address ?? ''),
    )
    .filter(Boolean)
    .join(', ')
}
