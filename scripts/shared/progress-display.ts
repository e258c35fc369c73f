/**
 * How a long command shows its progress, the same for every command (publish, letters, import,
 * export, cards, site, newsletter, seed): on a terminal one line redrawn in place
 * (`cards        ████████░░░░  120/159 · 35/s · 1 s left`); in a log (no terminal, `CI=true`, the
 * admin's jobs) plain lines, at the start, every 5 s and at the end (`letters: 1,200/20,000 (410/s,
 * 45 s left)`), so a log stays readable and grep-able. Progress goes to stderr: stdout keeps only a
 * command's result, for scripts that read it. Progress carries counts only, never member data.
 *
 * A new command (e.g. `import-wordpress`, `dispatch`) uses it in three steps:
 *
 *   .option('--quiet', QUIET_HELP, false)
 *   const display = commandProgress('dispatch', { quiet: options.quiet })
 *   await sendAll(..., { onProgress: (done, total) => display.progress('messages', done, total) })
 *   display.finish('messages')
 *
 * The work itself (a channel, the import) only takes an `onProgress(done, total?)` callback and never
 * draws; `total` may be left out until it is known (a streamed file), and the display then shows items
 * done and rate. `display.log(line)` prints a line without breaking the bar; `--quiet` silences the
 * progress, never log lines (warnings, errors).
 */
import { setting } from '../../channels/shared/config.ts'

export interface ProgressDisplay {
  /** A line of log output (never silenced); on a terminal it is printed above the progress line. */
  log(line: string): void
  /** Items done of total for a task (a channel, `members`, `items`); total undefined while unknown. */
  progress(task: string, done: number, total?: number): void
  /** The task has finished: its line is left as it is (terminal) or printed once more (plain). */
  finish(task: string): void
}

export interface ProgressOutput {
  write(text: string): unknown
  isTTY?: boolean
}

export interface ProgressOptions {
  /** The command, prefixing plain lines: `letters: members 1,200/20,000`. */
  command: string
  /** Where `log` lines go (default: the progress stream); publish keeps its channel lines on stdout. */
  logTo?: ProgressOutput
  now?: () => number
}

/** `--quiet` help text, the same on every command. */
export const QUIET_HELP = 'no progress display (errors and warnings are still printed)'

const BAR_WIDTH = 24
const PLAIN_INTERVAL_MS = 5000
const REDRAW_INTERVAL_MS = 50
/** Rate and time left appear once a task has run this long: earlier they jump about. */
const RATE_AFTER_MS = 1000

interface TaskState {
  done: number
  total: number | undefined
  started: number
}

function bar(done: number, total: number): string {
  const filled = total > 0 ? Math.round((Math.min(done, total) / total) * BAR_WIDTH) : BAR_WIDTH
  return '█'.repeat(filled) + '░'.repeat(BAR_WIDTH - filled)
}

const count = (n: number) => n.toLocaleString('en-US')

function counts(done: number, total: number | undefined): string {
  return total === undefined ? count(done) : `${count(done)}/${count(total)}`
}

/** `4.2 s`, `45 s`, `3 min 20 s`, `1 h 05 min`. */
export function formatDuration(seconds: number): string {
  if (seconds < 10) return `${Math.max(0, seconds).toFixed(1)} s`
  const s = Math.round(seconds)
  if (s < 60) return `${s} s`
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`
}

function formatRate(perSecond: number): string {
  return `${perSecond >= 10 ? count(Math.round(perSecond)) : perSecond.toFixed(1)}/s`
}

/**
 * Rate and time left (or time taken, once done); empty until the task has run RATE_AFTER_MS, when a rate
 * starts to mean something. `endAlways`: a finished task's time however short (a log's last line is
 * read by people and scripts; a bar on a terminal stays as short as it can).
 */
function timing(state: TaskState, now: number, endAlways = false): string[] {
  const elapsed = Math.max(now - state.started, 1)
  const rate = state.done / (elapsed / 1000)
  const finished = state.total !== undefined && state.done >= state.total
  if (finished && (endAlways || elapsed >= RATE_AFTER_MS))
    return [formatRate(rate), `in ${formatDuration(elapsed / 1000)}`]
  if (elapsed < RATE_AFTER_MS) return []
  if (state.total === undefined || rate <= 0) return [formatRate(rate)]
  return [formatRate(rate), `${formatDuration((state.total - state.done) / rate)} left`]
}

function track(
  states: Map<string, TaskState>,
  task: string,
  done: number,
  total: number | undefined,
  now: number,
): TaskState {
  const state = states.get(task) ?? { done, total, started: now }
  state.done = done
  state.total = total
  states.set(task, state)
  return state
}

/** A terminal display: the current task's bar is the last line, rewritten with `\r`. */
export function terminalProgress(out: ProgressOutput, options: ProgressOptions): ProgressDisplay {
  const now = options.now ?? Date.now
  const logTo = options.logTo ?? out
  const states = new Map<string, TaskState>()
  let current: string | null = null
  let lastDraw = 0
  const render = () => {
    const state = current === null ? undefined : states.get(current)
    if (!state || current === null) return ''
    const parts = [
      state.total === undefined
        ? counts(state.done, undefined)
        : `${bar(state.done, state.total)} ${counts(state.done, state.total)}`,
      ...timing(state, now()),
    ]
    return `${current.padEnd(12)} ${parts.join(' · ')}`
  }
  // \x1b[2K clears the whole line: a shorter line must not leave the end of a longer one behind.
  const draw = () => out.write(`\r\x1b[2K${render()}`)
  return {
    log(line) {
      if (current !== null) out.write('\r\x1b[2K')
      logTo.write(`${line}\n`)
      if (current !== null) draw()
    },
    progress(task, done, total) {
      const state = track(states, task, done, total, now())
      const switched = current !== task
      current = task
      // Redraw at most ~20 times a second: a print run of 300,000 letters must not spend its time drawing.
      if (
        switched ||
        done === 0 ||
        (state.total !== undefined && done >= state.total) ||
        now() - lastDraw >= REDRAW_INTERVAL_MS
      ) {
        lastDraw = now()
        draw()
      }
    },
    finish(task) {
      if (current === task) {
        draw()
        out.write('\n')
        current = null
      }
      states.delete(task)
    },
  }
}

/** Plain lines for logs: `publish: cards 120/159 (35/s, 1 s left)`, at the start, every 5 s and at the end. */
export function plainProgress(out: ProgressOutput, options: ProgressOptions): ProgressDisplay {
  const now = options.now ?? Date.now
  const logTo = options.logTo ?? out
  const states = new Map<string, TaskState & { printedAt: number; printed: string }>()
  const print = (task: string) => {
    const state = states.get(task)
    if (!state) return
    const text = counts(state.done, state.total)
    if (text === state.printed) return
    state.printed = text
    state.printedAt = now()
    const details = timing(state, now(), true)
    // `letters: 1,200/20,000`, not `letters: letters 1,200/20,000`.
    const label = task === options.command ? `${options.command}:` : `${options.command}: ${task}`
    out.write(`${label} ${text}${details.length ? ` (${details.join(', ')})` : ''}\n`)
  }
  return {
    log(line) {
      logTo.write(`${line}\n`)
    },
    progress(task, done, total) {
      const known = states.get(task)
      const state = known ?? { done, total, started: now(), printedAt: 0, printed: '' }
      state.done = done
      state.total = total
      states.set(task, state)
      const finished = total !== undefined && done >= total
      if (!known || finished || now() - state.printedAt >= PLAIN_INTERVAL_MS) print(task)
    },
    finish(task) {
      print(task)
      states.delete(task)
    },
  }
}

/** `--quiet`: log lines only. */
export function quietProgress(logTo: ProgressOutput): ProgressDisplay {
  return { log: (line) => void logTo.write(`${line}\n`), progress: () => {}, finish: () => {} }
}

/** The display for a stream: a bar on a terminal (unless `ci`), plain lines otherwise, none when quiet. */
export function progressDisplayFor(
  out: ProgressOutput,
  options: ProgressOptions & { quiet?: boolean; ci?: boolean },
): ProgressDisplay {
  if (options.quiet) return quietProgress(options.logTo ?? out)
  return out.isTTY && !options.ci ? terminalProgress(out, options) : plainProgress(out, options)
}

/** `CI=true` (or any value but `false`/`0`) asks for plain lines even on a terminal, as CI logs need. */
export function isCi(env: Readonly<Record<string, string | undefined>> = process.env): boolean {
  return setting('CI', env)
}

/** What a command uses: progress on stderr; a bar on a terminal, plain lines in a log; nothing with `--quiet`. */
export function commandProgress(
  command: string,
  options: { quiet?: boolean; logTo?: ProgressOutput } = {},
): ProgressDisplay {
  return progressDisplayFor(process.stderr, {
    command,
    quiet: options.quiet,
    logTo: options.logTo,
    ci: isCi(),
  })
}
