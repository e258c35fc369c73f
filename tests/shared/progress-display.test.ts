/**
 * What a person watching a long command sees: on a terminal a bar with items done of total, rate and
 * time left, redrawn in place, with log lines printed above it; in a CI log plain lines, not
 * thousands of them; with --quiet no progress, but every log line.
 */
import { describe, expect, it } from 'vitest'
import { screen } from '../helpers/run-cli.ts'
import {
  formatDuration,
  plainProgress,
  progressDisplayFor,
  quietProgress,
  terminalProgress,
} from '../../scripts/shared/progress-display.ts'

function recorder(isTTY: boolean) {
  const chunks: string[] = []
  return { out: { isTTY, write: (text: string) => chunks.push(text) }, chunks, text: () => chunks.join('') }
}

describe('progress display', () => {
  it('on a terminal shows one bar per channel with items done of total, log lines above it', () => {
    let now = 0
    const { out, text } = recorder(true)
    const display = terminalProgress(out, { command: 'publish', now: () => now })
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
    const display = plainProgress(out, { command: 'publish', now: () => now })
    for (let done = 0; done <= 10_000; done++) {
      now += 2 // 20 s in all
      display.progress('cards', done, 10_000)
    }
    display.finish('cards')
    expect(chunks[0]).toBe('publish: cards 0/10,000\n')
    expect(chunks.at(-1)).toBe('publish: cards 10,000/10,000 (500/s, in 20 s)\n')
    expect(chunks.length).toBeGreaterThanOrEqual(4)
    expect(chunks.length).toBeLessThanOrEqual(7)
    expect(chunks.join('')).not.toMatch(/\r|\x1b/)
  })

  it('picks the bar only for a terminal', () => {
    const tty = recorder(true)
    progressDisplayFor(tty.out, { command: 'publish' }).progress('site', 0, 3)
    expect(tty.text()).toContain('\r')
    const pipe = recorder(false)
    progressDisplayFor(pipe.out, { command: 'publish' }).progress('site', 0, 3)
    expect(pipe.text()).toBe('publish: site 0/3\n')
  })

  it('shows rate and time left once a task has run a second, and the time taken at the end', () => {
    let now = 0
    const { out, text } = recorder(true)
    const display = terminalProgress(out, { command: 'letters', now: () => now })
    display.progress('letters', 0, 20_000)
    now = 10_000
    display.progress('letters', 4_000, 20_000)
    expect(screen(text()).at(-1)).toMatch(/^letters\s+█{5}░{19} 4,000\/20,000 · 400\/s · 40 s left$/)
    now = 50_000
    display.progress('letters', 20_000, 20_000)
    display.finish('letters')
    expect(screen(text()).at(-2)).toMatch(/^letters\s+█{24} 20,000\/20,000 · 400\/s · in 50 s$/)
  })

  it('without a known total shows items done and rate, then the total once known', () => {
    let now = 0
    const tty = recorder(true)
    const bar = terminalProgress(tty.out, { command: 'letters', now: () => now })
    const pipe = recorder(false)
    const plain = plainProgress(pipe.out, { command: 'letters', now: () => now })
    for (const display of [bar, plain]) display.progress('members', 0)
    now = 6_000
    for (const display of [bar, plain]) display.progress('members', 1_200)
    expect(screen(tty.text()).at(-1)).toBe('members      1,200 · 200/s')
    now = 8_000
    for (const display of [bar, plain]) {
      display.progress('members', 1_600, 1_600)
      display.finish('members')
    }
    expect(screen(tty.text()).at(-2)).toMatch(/^members\s+█{24} 1,600\/1,600 · 200\/s · in 8.0 s$/)
    expect(pipe.chunks).toEqual([
      'letters: members 0\n',
      'letters: members 1,200 (200/s)\n',
      'letters: members 1,600/1,600 (200/s, in 8.0 s)\n',
    ])
  })

  it('names the command once when the task is the command itself', () => {
    const pipe = recorder(false)
    plainProgress(pipe.out, { command: 'letters' }).progress('letters', 0, 3)
    expect(pipe.text()).toBe('letters: 0/3\n')
  })

  it('with --quiet prints log lines (warnings, errors) but no progress', () => {
    for (const isTTY of [true, false]) {
      const { out, text } = recorder(isTTY)
      const display = progressDisplayFor(out, { command: 'import', quiet: true })
      display.progress('items', 0, 10)
      display.log('import: warning: articles[3] title: trimmed')
      display.progress('items', 10, 10)
      display.finish('items')
      expect(text()).toBe('import: warning: articles[3] title: trimmed\n')
    }
    const { out, text } = recorder(false)
    quietProgress(out).progress('items', 1, 2)
    expect(text()).toBe('')
  })

  it('prints plain lines on a terminal when CI asks for them, and log lines to their own stream', () => {
    const tty = recorder(true)
    const results = recorder(false)
    const display = progressDisplayFor(tty.out, { command: 'publish', ci: true, logTo: results.out })
    display.progress('site', 0, 3)
    display.log('publish: site: 3 rendered')
    expect(tty.text()).toBe('publish: site 0/3\n')
    expect(results.text()).toBe('publish: site: 3 rendered\n')
  })

  it('formats durations for people', () => {
    expect([formatDuration(4.24), formatDuration(45.4), formatDuration(200), formatDuration(3900)]).toEqual([
      '4.2 s',
      '45 s',
      '3 min 20 s',
      '1 h 05 min',
    ])
  })
})
