/** One line of `npm run bench`'s table and of `bench/results.json`. */
export interface BenchRow {
  /** e.g. `import 10,000 articles`. */
  benchmark: string
  value: number
  /** e.g. `items/s`, `ms`, `MB peak RSS`, `ratio`. */
  unit: string
  note?: string
}

/**
 * Each `scripts/bench/*.bench.ts` exports `run(): Promise<BenchRow[]>`.
 * `BENCH_QUICK=1` asks for smaller sizes (used by the bench smoke test).
 */
export type BenchModule = { run: () => Promise<BenchRow[]> }

export const quick = process.env.BENCH_QUICK === '1'
