/**
 * Newsletter channel: compile time per edition (cold: first render in the process, MJML loading
 * included; warm: median of repeated renders) and 100,000 personalised copies filled into one
 * compiled edition (the way a sender personalises, instead of compiling per member). And the newsletter
 * step of a publish after one article's title was edited on 10,000 articles (BENCH_QUICK: 300), four
 * editions, from the previous output of the unedited snapshot.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { readSnapshot } from '../../channels/snapshot/read-snapshot.ts'
import { generateSnapshot } from './synthetic-snapshot.ts'
import { quick, type BenchRow } from './types.ts'
import { SAMPLE_SNAPSHOT_FILE } from '../../channels/snapshot/sample-snapshot.ts'

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

const round = (value: number, digits = 1) => Number(value.toFixed(digits))

/** The newsletter publish step after one title edit (an article in no edition, as in the publish bench). */
export async function oneEditRow(count: number): Promise<BenchRow> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'newsletter-bench-'))
  try {
    const loaded = await readSnapshot(
      await generateSnapshot(count, path.join(dir, 'snapshot'), { withMedia: true }),
    )
    const { publishStep } = await import('../../channels/newsletter/publish-step.ts')
    const previous = path.join(dir, 'previous')
    await publishStep.run({ loaded, outDir: previous, full: true, log: () => {} })
    const snapshot = structuredClone(loaded.snapshot)
    snapshot.articles[Math.floor(count / 2)].title += ' (rettet)'
    const load = os.loadavg()[0]
    const cpu = process.cpuUsage()
    const result = await publishStep.run({
      loaded: { ...loaded, snapshot },
      outDir: path.join(dir, 'next'),
      previousOutDir: previous,
      full: false,
      log: () => {},
    })
    const used = process.cpuUsage(cpu)
    return {
      benchmark: `newsletter: step after one edit on ${count.toLocaleString('en')} articles`,
      value: round(result.seconds, 2),
      unit: 's',
      note: `${result.rendered} rendered, ${result.reused} reused; ${((used.user + used.system) / 1e6).toFixed(2)} CPU s; load ${load.toFixed(1)} at start`,
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

export async function run(): Promise<BenchRow[]> {
  const loaded = await readSnapshot(SAMPLE_SNAPSHOT_FILE)
  const edition = loaded.snapshot.newsletters[0].key
  const started = performance.now()
  const { renderNewsletters } = await import('../../channels/newsletter/render-newsletters.ts')
  const { personaliseHtml } = await import('../../channels/newsletter/merge-syntax.ts')
  const { escapeHtml } = await import('../../channels/newsletter/escape.ts')
  const first = await renderNewsletters(loaded, { mergeSyntax: 'mailchimp', edition })
  const cold = performance.now() - started

  const rounds = quick ? 5 : 30
  const warm = async (minify: boolean) => {
    const times: number[] = []
    for (let i = 0; i < rounds; i++) {
      const t = performance.now()
      await renderNewsletters(loaded, { mergeSyntax: 'mailchimp', edition, minify })
      times.push(performance.now() - t)
    }
    return median(times)
  }
  const warmMinified = await warm(true)
  const warmPlain = await warm(false)

  const compiled = first.editions[0]
  const copies = quick ? 10_000 : 100_000
  const names = ['Åse', 'Jens', 'Sámi <Ánne>', '', 'Mette "M" Kjær', 'Ola', 'Sigríður', 'Kalle & co']
  let bytes = 0
  const t = performance.now()
  for (let i = 0; i < copies; i++) {
    const copy = personaliseHtml(
      compiled.compiledHtml,
      { first_name: names[i % names.length], member_number: String(100000 + i), member_id: `m-${i}` },
      compiled.fallbacks,
      escapeHtml,
    )
    bytes += copy.length
  }
  const personaliseSeconds = (performance.now() - t) / 1000

  const note = `fixture edition ${edition} (${compiled.meta.items.length} items, ${(compiled.meta.bytes.html / 1024).toFixed(1)} KB minified)`
  const oneEdit = await oneEditRow(quick ? 300 : 10_000)
  return [
    {
      benchmark: 'newsletter: compile one edition, cold (incl. MJML load)',
      value: round(cold),
      unit: 'ms',
      note,
    },
    {
      benchmark: 'newsletter: compile one edition, warm, minified',
      value: round(warmMinified),
      unit: 'ms',
      note: `median of ${rounds}`,
    },
    {
      benchmark: 'newsletter: compile one edition, warm, not minified',
      value: round(warmPlain),
      unit: 'ms',
      note: `median of ${rounds}`,
    },
    {
      benchmark: `newsletter: ${copies.toLocaleString('en')} personalised copies from one compiled edition`,
      value: round(personaliseSeconds, 2),
      unit: 's',
      note: `${Math.round(copies / personaliseSeconds).toLocaleString('en')} copies/s, ${(bytes / 2 ** 20).toFixed(0)} MiB of HTML`,
    },
    {
      benchmark: 'newsletter: personalised copies per second',
      value: Math.round(copies / personaliseSeconds),
      unit: 'copies/s',
    },
    oneEdit,
  ]
}
