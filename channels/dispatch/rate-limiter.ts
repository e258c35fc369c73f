/**
 * At most `rate` message starts per second: starts are spaced 1/rate s apart, so any wall-clock
 * second at the server holds at most rate + 1 of them (one may straddle the boundary).
 */
export class RateLimiter {
  private next = 0
  private readonly spacingMs: number
  constructor(rate: number | undefined) {
    this.spacingMs = rate && rate > 0 ? 1000 / rate : 0
  }
  async take(): Promise<void> {
    if (this.spacingMs === 0) return
    const now = performance.now()
    const at = Math.max(now, this.next)
    this.next = at + this.spacingMs
    if (at > now) await new Promise((resolve) => setTimeout(resolve, at - now))
  }
}
