/**
 * Per-client limits on the anonymous auth endpoints (login, forgot-password, first-register).
 *
 * In memory, on purpose: the admin is one Next process (SQLite allows no more), so one map sees every
 * request, and a restart forgetting the counts only gives an attacker a fresh window, which Payload's
 * own per-account lock (5 failed logins) still bounds. A shared store (Redis, the database) would add a
 * service to run, or a write per attempt on the very database a flood should not reach.
 *
 * The client is the last `X-Forwarded-For` entry: Next sets the header to the socket's address when a
 * request arrives without one, and a reverse proxy that appends (`$proxy_add_x_forwarded_for`) puts the
 * address it saw last. A client talking to Next directly can still send its own header, so the admin
 * belongs behind the proxy the README describes.
 */
import { setting } from '../../channels/shared/config.ts'

export interface Limit {
  /** Requests allowed per key within `windowMs`. */
  max: number
  windowMs: number
}

interface Window {
  count: number
  resetAt: number
}

/** Keys kept at most; an attacker cycling addresses cannot grow the map beyond this. */
const MAX_KEYS = 50_000

/** Fixed-window counters: `max` requests per key per window. */
export class RateLimiter {
  #windows = new Map<string, Window>()

  /** Counts one request for `key`; returns the milliseconds until it may try again, or 0 when allowed. */
  hit(key: string, limit: Limit, now = Date.now()): number {
    let window = this.#windows.get(key)
    if (!window || window.resetAt <= now) {
      this.#makeRoom(now)
      window = { count: 0, resetAt: now + limit.windowMs }
      this.#windows.delete(key)
      this.#windows.set(key, window)
    }
    window.count++
    return window.count > limit.max ? window.resetAt - now : 0
  }

  #makeRoom(now: number): void {
    if (this.#windows.size < MAX_KEYS) return
    for (const [key, window] of this.#windows) if (window.resetAt <= now) this.#windows.delete(key)
    // Still full: drop the oldest windows (a Map iterates in insertion order).
    for (const key of this.#windows.keys()) {
      if (this.#windows.size < MAX_KEYS) break
      this.#windows.delete(key)
    }
  }
}

/** The requesting client's address as Next (or the reverse proxy in front of it) recorded it. */
export function clientAddress(headers: Headers): string {
  const forwarded = headers.get('x-forwarded-for')
  const last = forwarded?.split(',').pop()?.trim()
  return last || 'unknown'
}

/** `BUDSTIKKE_AUTH_RATE_LIMIT`: attempts per client address per 10 minutes on login, forgot-password and first-register together (default 30). */
export function authAttemptLimit(env: Readonly<Record<string, string | undefined>> = process.env): Limit {
  return { max: setting('BUDSTIKKE_AUTH_RATE_LIMIT', env), windowMs: 10 * 60_000 }
}

export function minutes(ms: number): string {
  const value = Math.max(1, Math.ceil(ms / 60_000))
  return value === 1 ? '1 minute' : `${value} minutes`
}
