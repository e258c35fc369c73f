/** Output of an earlier run is kept: a folder about to be rewritten is renamed aside, never deleted. */
import { existsSync } from 'node:fs'
import { rename } from 'node:fs/promises'

export async function setAside(dir: string, now = new Date()): Promise<string | null> {
  if (!existsSync(dir)) return null
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')
  let target = `${dir}-${stamp}`
  for (let n = 2; existsSync(target); n++) target = `${dir}-${stamp}-${n}`
  await rename(dir, target)
  return target
}
