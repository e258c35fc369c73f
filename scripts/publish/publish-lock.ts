/**
 * One publish at a time per output folder. A second one is refused with a clear message (never
 * interleaved); a lock left by a killed process is taken over.
 */
import { readFileSync } from 'node:fs'
import { readFile, rm, writeFile } from 'node:fs/promises'

export class PublishBusyError extends Error {}

export interface PublishLock {
  release(): Promise<void>
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
  // A killed process whose parent has not reaped it yet still answers signal 0; on Linux, /proc says "Z".
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'))
  } catch {
    return true
  }
}

/** `what` names the job in the refusal (`dispatch` uses it for one dispatch of an edition at a time). */
export async function acquirePublishLock(outDir: string, what = `publish into ${outDir}`): Promise<PublishLock> {
  const file = `${outDir}.lock`
  const mine = JSON.stringify({ pid: process.pid, since: new Date().toISOString() })
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(file, mine, { flag: 'wx' })
      return { release: () => rm(file, { force: true }) }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const holder = JSON.parse(await readFile(file, 'utf8').catch(() => '{}')) as { pid?: number; since?: string }
      if (holder.pid && holder.pid !== process.pid && isAlive(holder.pid)) {
        throw new PublishBusyError(`another ${what} is running (pid ${holder.pid}, since ${holder.since}); try again when it has finished`)
      }
      await rm(file, { force: true }) // stale: its process is gone
    }
  }
  throw new PublishBusyError(`could not take the publish lock ${file}`)
}
