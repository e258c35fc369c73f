/**
 * Guards on the users collection's anonymous auth operations, over REST and GraphQL alike:
 * - a per-client limit on login, forgot-password and first-register (rate-limit.ts says why in memory);
 * - forgot-password at most once per address every 15 s (Payload's own `minRequestInterval`, which is
 *   turned off in Users.ts because it writes outside the operation's transaction, see there);
 * - the same work for an unknown e-mail address as for a known one, so the login's answer time does
 *   not tell which addresses have accounts (Payload skips the password hash when there is no user).
 * - sign-in from a page of another site is refused (login CSRF: Payload's `csrf` list decides only
 *   whether a cookie counts, and login, forgot-password and first-register need no cookie);
 * The Local API (CLI, seed, tests) is trusted and not limited.
 */
import { pbkdf2, randomBytes } from 'node:crypto'
import { promisify } from 'node:util'
import {
  APIError,
  type CollectionBeforeOperationHook,
  type Config,
  type Endpoint,
  type PayloadRequest,
} from 'payload'
import { isForeignOrigin } from '../lib/trusted-origins.ts'
import { authAttemptLimit, clientAddress, minutes, RateLimiter, type Limit } from './rate-limit.ts'

/** A refused attempt: 429, logged as one info line (payload.config.ts `loggingLevels`), not an error with a stack. */
export class TooManyAttempts extends APIError {
  constructor(message: string) {
    super(message, 429)
  }
}

/** For payload.config.ts: Payload's type names only its own errors, but looks levels up by `error.name` (logError.js). */
export const authLoggingLevels = { TooManyAttempts: 'info' } as unknown as NonNullable<
  Config['loggingLevels']
>

/**
 * One limiter per process, kept on globalThis as Payload keeps its instance: Next may load this module
 * once per route bundle (REST, GraphQL) and again on every reload in development.
 */
const shared = globalThis as typeof globalThis & { budstikkeAuthLimiter?: RateLimiter }
const limiter = (shared.budstikkeAuthLimiter ??= new RateLimiter())
const attemptLimit: Limit = authAttemptLimit()
/** One reset e-mail per address per 15 s, as Payload's default `minRequestInterval`. */
const resetInterval: Limit = { max: 1, windowMs: 15_000 }
/** Set on a first-register request, whose inner login must not count a second attempt. */
const COUNTED = 'budstikkeAuthAttemptCounted'

/** Payload's password hash (generatePasswordSaltHash.js in payload 3.90): PBKDF2-SHA256, 600,000 rounds, 32 bytes. */
const hashPassword = promisify(pbkdf2)
const PASSWORD_HASH = { iterations: 600_000, keyLength: 32 }

function countAttempt(req: PayloadRequest): void {
  if (req.payloadAPI === 'local' || req.context[COUNTED]) return
  if (isForeignOrigin(req.payload, req.headers))
    throw new APIError('Signing in from another site is not allowed: open the admin at its own address.', 403)
  const client = clientAddress(req.headers)
  const wait = limiter.hit(`auth:${client}`, attemptLimit)
  if (wait > 0)
    throw new TooManyAttempts(`Too many sign-in attempts from your address. Try again in ${minutes(wait)}.`)
}

function emailOf(data: unknown): string | null {
  const email = (data as { email?: unknown } | undefined)?.email
  return typeof email === 'string' && email.trim() !== '' ? email.toLowerCase().trim() : null
}

export const guardAuthOperations: CollectionBeforeOperationHook = async ({ args, operation, req }) => {
  if (operation !== 'login' && operation !== 'forgotPassword') return undefined
  countAttempt(req)
  const email = emailOf((args as { data?: unknown }).data)
  if (!email) return undefined
  if (operation === 'forgotPassword') {
    if (req.payloadAPI !== 'local' && limiter.hit(`reset:${email}`, resetInterval) > 0) {
      throw new TooManyAttempts(
        'A password reset for this address was asked for a few seconds ago. Check the mailbox, or try again in a minute.',
      )
    }
    return undefined
  }
  // Login: for an unknown address, hash the given password as Payload does for a known one.
  const password = (args as { data?: { password?: unknown } }).data?.password
  if (typeof password !== 'string' || password.trim() === '') return undefined
  const user = await req.payload.db.findOne({ collection: 'users', req, where: { email: { equals: email } } })
  if (!user)
    await hashPassword(
      password,
      randomBytes(32).toString('hex'),
      PASSWORD_HASH.iterations,
      PASSWORD_HASH.keyLength,
      'sha256',
    )
  return undefined
}

/**
 * `POST /api/users/first-register`, counted like a login and then handed to Payload's own endpoint
 * (listed after this one). Once a user exists Payload refuses it anyway; the count keeps it from being
 * a free way to make the server work.
 */
export const limitedFirstRegister: Endpoint = {
  path: '/first-register',
  method: 'post',
  handler: async (req) => {
    countAttempt(req)
    req.context[COUNTED] = true
    const own = req.payload.collections.users?.config.endpoints
    const payloadEndpoint = Array.isArray(own)
      ? own.find(
          (endpoint) =>
            endpoint.path === '/first-register' &&
            endpoint.method === 'post' &&
            endpoint.handler !== limitedFirstRegister.handler,
        )
      : undefined
    if (!payloadEndpoint) throw new APIError('First registration is not available.', 404)
    return payloadEndpoint.handler(req)
  },
}
