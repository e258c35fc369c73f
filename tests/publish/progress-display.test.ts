/**
 * What a person watching a publish sees: on a terminal a bar with items done of total that is
 * redrawn in place, with log lines printed above it; in a CI log plain lines, not thousands of them.
 */
import { describe, expect, it } from 'vitest'
import { plainProgress, progressDisplayFor, terminalProgress } from '../../scripts/publish/progress-display.ts'

function recorder(isTTY: boolean) {
  const chunks: string[] = []
  return { out: { isTTY, write: (text: string) => chunks.push(text) }, chunks, text: () => chunks.join('') }
}

/** What a terminal shows: `\r` returns to the line start, `\x1b[2K` clears the line. */
function screen(raw: string): string[] {
  const lines: string[] = ['']
  for (const part of raw.split(/(\r|\n|\x1b\[2K)/)) {
    if (part === '\n') lines.push('')
    else if (part === '\r' || part === '') continue
    else if (part === '\x1b[2K') lines[lines.length - 1] = ''
    else lines[lines.length - 1] += part
  }
  return lines
}

describe('progress display', () => {
  it('on a terminal shows one bar per channel with items done of total, log lines above it', () => {
    let now = 0
    const { out, text } = recorder(true)
    const display = terminalProgress(out, () => now)
    display.progress('cards', 0, 1200)
    for (let done = 1; done <= 600; done++) {
      now += 1
      display.progress('cards', done, 1200)
    }
    display.log('cards: a warning about benefits/x (da)')
    let shown = screen(text())
    expect(shown.at(-2)).toBe('cards: a warning about benefits/x (da)')
    expect(shown.at(-1)).toMatch(/^cards\s+█{12}░{12} 600\/1,200$/)
    display.progress('cards', 1200, 1200)
    display.finish('cards')
    display.progress('site', 0, 80)
    shown = screen(text())
    expect(shown.at(-2)).toMatch(/^cards\s+█{24} 1,200\/1,200$/)
    expect(shown.at(-1)).toMatch(/^site\s+░{24} 0\/80$/)
    // Redrawn at most every 50 ms, not once per item.
    expect(text().split('\r').length).toBeLessThan(40)
  })

  it('in a log prints plain lines: at the start, every few seconds and at the end', () => {
    let now = 0
    const { out, chunks } = recorder(false)
    const display = plainProgress(out, () => now)
    for (let done = 0; done <= 10_000; done++) {
      now += 2 // 20 s in all
      display.progress('cards', done, 10_000)
    }
    display.finish('cards')
    expect(chunks[0]).toBe('publish: cards 0/10,000\n')
    expect(chunks.at(-1)).toBe('publish: cards 10,000/10,000\n')
    expect(chunks.length).toBeGreaterThanOrEqual(4)
    expect(chunks.length).toBeLessThanOrEqual(7)
    expect(chunks.join('')).not.toMatch(/\r|\x1b/)
  })

  it('picks the bar only for a terminal', () => {
    const tty = recorder(true)
    progressDisplayFor(tty.out).progress('site', 0, 3)
    expect(tty.text()).toContain('\r')
    const pipe = recorder(false)
    progressDisplayFor(pipe.out).progress('site', 0, 3)
    expect(pipe.text()).toBe('publish: site 0/3\n')
  })
})
