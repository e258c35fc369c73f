/**
 * One publish at a time per output folder. A second one is refused with a clear message (never
 * interleaved); a lock left by a killed process is taken over.
 *
 * The lock is written whole or not at all: its content goes to a file of its own first, which is then
 * hard-linked to the lock's name (a link, unlike a rename, fails when the name exists). A disk that
 * fills up while writing a lock once left a 0-byte `dist.lock` that blocked every later publish.
 */
import { link, readFile, rm, writeFile } from 'node:fs/promises'
import { withPath } from '../../channels/shared/file-system-errors.ts'
import { isProcessAlive } from '../../channels/shared/process-alive.ts'

export class PublishBusyError extends Error {}

export interface PublishLock {
  release(): Promise<void>
}

interface LockHolder {
  pid?: number
  since?: string
}

/**
 * Who holds the lock, as far as the file tells. An empty, cut or garbled file (a disk that filled up
 * under an older version, a stray editor) names no live holder: it is stale. A pid that can still be
 * read from a cut file is checked like any other.
 */
export function parseLockHolder(text: string): LockHolder {
  try {
    const parsed = JSON.parse(text) as LockHolder
    if (parsed && typeof parsed === 'object' && Number.isInteger(parsed.pid) && parsed.pid! > 0)
      return { pid: parsed.pid, since: typeof parsed.since === 'string' ? parsed.since : undefined }
  } catch {
    // not JSON: look for the pid below
  }
  const pid = /"pid"\s*:\s*(\d+)/.exec(text)
  return pid ? { pid: Number(pid[1]) } : {}
}

/** Creates `file` with `content` in one step, or fails with EEXIST when it exists. */
async function createWhole(file: string, content: string): Promise<void> {
  const draft = `${file}.${process.pid}.tmp`
  try {
    // A full disk fails the write, not the open: name the file.
    await writeFile(draft, content).catch((error: unknown) => Promise.reject(withPath(error, draft)))
    try {
      await link(draft, file)
    } catch (error) {
      // A file system without hard links: an exclusive create (not atomic, but no worse than before).
      if (!['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS'].includes((error as NodeJS.ErrnoException).code ?? ''))
        throw error
      await writeFile(file, content, { flag: 'wx' })
    }
  } finally {
    await rm(draft, { force: true })
  }
}

/** `what` names the job in the refusal (`dispatch` uses it for one dispatch of an edition at a time). */
export async function acquirePublishLock(
  outDir: string,
  what = `publish into ${outDir}`,
): Promise<PublishLock> {
  const file = `${outDir}.lock`
  const mine = JSON.stringify({ pid: process.pid, since: new Date().toISOString() })
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await createWhole(file, mine)
      return { release: () => rm(file, { force: true }) }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      // Unreadable counts as naming no holder; removing it below then says why, if it cannot be removed either.
      const holder = parseLockHolder(await readFile(file, 'utf8').catch(() => ''))
      if (holder.pid && holder.pid !== process.pid && isProcessAlive(holder.pid)) {
        throw new PublishBusyError(
          `another ${what} is running (pid ${holder.pid}, since ${holder.since ?? 'an unknown time'}); try again when it has finished`,
        )
      }
      await rm(file, { force: true }) // stale: its process is gone, or it names none
    }
  }
  throw new PublishBusyError(`could not take the publish lock ${file}`)
}
