/**
 * How a publish shows its progress: on a terminal, one line per channel redrawn in place
 * (`cards      ████████░░░░  120/159`); elsewhere (CI logs, the CMS's publish job) plain lines,
 * at most one per channel every few seconds, so a log stays readable and grep-able.
 */

export interface ProgressDisplay {
  /** A line of log output; on a terminal it is printed above the progress line. */
  log(line: string): void
  /** Items done of total for a channel. */
  progress(channel: string, done: number, total: number): void
  /** The channel has finished: its line is left as it is (terminal) or printed once more (plain). */
  finish(channel: string): void
}

export interface ProgressOutput {
  write(text: string): unknown
  isTTY?: boolean
  columns?: number
}

const BAR_WIDTH = 24
const PLAIN_INTERVAL_MS = 5000

function bar(done: number, total: number): string {
  const filled = total > 0 ? Math.round((Math.min(done, total) / total) * BAR_WIDTH) : BAR_WIDTH
  return '█'.repeat(filled) + '░'.repeat(BAR_WIDTH - filled)
}

function counts(done: number, total: number): string {
  return `${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')}`
}

/** A terminal display: the current channel's bar is the last line, rewritten with `\r`. */
export function terminalProgress(out: ProgressOutput, now: () => number = Date.now): ProgressDisplay {
  let current: { channel: string; done: number; total: number } | null = null
  let lastDraw = 0
  const render = () => (current ? `${current.channel.padEnd(12)} ${bar(current.done, current.total)} ${counts(current.done, current.total)}` : '')
  // \x1b[2K clears the whole line: a shorter line must not leave the end of a longer one behind.
  const draw = () => out.write(`\r\x1b[2K${render()}`)
  return {
    log(line) {
      out.write(`\r\x1b[2K${line}\n`)
      if (current) draw()
    },
    progress(channel, done, total) {
      current = { channel, done, total }
      // Redraw at most ~20 times a second: a channel of 30,000 cards must not spend its time drawing.
      if (done === 0 || done >= total || now() - lastDraw >= 50) {
        lastDraw = now()
        draw()
      }
    },
    finish(channel) {
      if (current?.channel !== channel) return
      draw()
      out.write('\n')
      current = null
    },
  }
}

/** Plain lines for logs: `publish: cards 120/159`, at start, every few seconds, and at the end. */
export function plainProgress(out: ProgressOutput, now: () => number = Date.now): ProgressDisplay {
  const lastLine = new Map<string, number>()
  const state = new Map<string, { done: number; total: number; printed: string }>()
  const print = (channel: string) => {
    const s = state.get(channel)
    if (!s) return
    const text = counts(s.done, s.total)
    if (text === s.printed) return
    s.printed = text
    lastLine.set(channel, now())
    out.write(`publish: ${channel} ${text}\n`)
  }
  return {
    log(line) {
      out.write(`${line}\n`)
    },
    progress(channel, done, total) {
      const s = state.get(channel) ?? { done, total, printed: '' }
      s.done = done
      s.total = total
      state.set(channel, s)
      const last = lastLine.get(channel)
      if (last === undefined || done >= total || now() - last >= PLAIN_INTERVAL_MS) print(channel)
    },
    finish(channel) {
      print(channel)
      state.delete(channel)
      lastLine.delete(channel)
    },
  }
}

/** The display for a stream: a bar on a terminal, plain lines otherwise. */
export function progressDisplayFor(out: ProgressOutput): ProgressDisplay {
  return out.isTTY ? terminalProgress(out) : plainProgress(out)
}
