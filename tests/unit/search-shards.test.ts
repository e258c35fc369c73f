// The search index's shard rules (channels/site/search-shards.ts): languages never mixed, every record
// in one shard, the same shards whatever order the records come in, and one new record moving no other.
import { describe, expect, it } from 'vitest'
import {
  mergeList,
  planShards,
  ROOT_SHARD,
  SHARD_SIZE,
  shardCount,
  type RecordInfo,
} from '../../channels/site/search-shards.ts'

function records(counts: Record<string, number>): Map<string, RecordInfo> {
  const map = new Map<string, RecordInfo>()
  for (const [lang, count] of Object.entries(counts))
    for (let i = 0; i < count; i++) {
      const prefix = lang === 'da' ? '' : `${lang}/`
      map.set(`${prefix}artikler/artikel-${i}/index.html`, { lang, hash: `h${lang}${i}` })
    }
  return map
}

const langOf = (page: string) => /^(sv|nb|en)\//.exec(page)?.[1] ?? 'da'

describe('shardCount', () => {
  it('keeps shards at or under the target size with the fewest power-of-two shards', () => {
    for (const n of [1, SHARD_SIZE, SHARD_SIZE + 1, 2 * SHARD_SIZE + 1, 10_000, 50_000]) {
      const count = shardCount(n)
      expect(Number.isInteger(Math.log2(count)), `${n}`).toBe(true)
      expect(n / count, `${n}`).toBeLessThanOrEqual(SHARD_SIZE)
      if (count > 1) expect(n / (count / 2), `${n}`).toBeGreaterThan(SHARD_SIZE)
    }
  })
})

describe('planShards', () => {
  const site = records({ da: 10_000, sv: 2_500, nb: 40 })
  const shards = planShards(site)

  it('puts every record in exactly one shard, and never two languages in one shard but the root', () => {
    const all = [...shards.values()].flat()
    expect(all.length).toBe(site.size)
    expect(new Set(all).size).toBe(site.size)
    for (const [name, members] of shards) {
      const langs = new Set(members.map(langOf))
      if (name === ROOT_SHARD) expect([...langs].sort()).toEqual(['da', 'nb', 'sv'])
      else expect([...langs]).toEqual([name.split('-')[0]])
    }
    expect(shards.size).toBe(1 + (shardCount(10_000) - 1) + (shardCount(2_500) - 1))
    for (const members of shards.values()) expect(members.length).toBeLessThan(3 * SHARD_SIZE)
  })

  it('gives the same shards whatever order the records are listed in', () => {
    const reversed = new Map([...site].reverse())
    expect([...planShards(reversed)]).toEqual([...shards])
  })

  it('moves no other record when one is added below a power of two', () => {
    const more = new Map(site).set('artikler/ny-artikel/index.html', { lang: 'da', hash: 'ny' })
    const after = planShards(more)
    const changed = [...after].filter(([name, members]) => shards.get(name)?.join() !== members.join())
    expect(changed).toHaveLength(1)
    expect(changed[0][1]).toContain('artikler/ny-artikel/index.html')
  })

  it('lists each language’s other shards for the search page, in order', () => {
    const list = mergeList(shards, site)
    expect(Object.keys(list)).toEqual(['da', 'sv'])
    expect(list.da).toEqual(Array.from({ length: shardCount(10_000) - 1 }, (_, i) => `da-${i + 1}`))
    expect(list.sv).toEqual(Array.from({ length: shardCount(2_500) - 1 }, (_, i) => `sv-${i + 1}`))
  })
})
