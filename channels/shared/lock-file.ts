/**
 * One job at a time per place (a publish per output folder, a print run per `--out`, a dispatch per
 * edition): a lock file naming the process that holds it. A second job is refused with a message naming
 * the first; a lock left by a killed process is taken over.
 *
 * The lock is written whole or not at all: its content goes to a draft of its own first, which is then
 * hard-linked to the lock's name (a link, unlike a rename, fails when the name exists). A disk that
 * filled up while writing a lock once left a 0-byte `dist.lock` that blocked every later publish, so an
 * empty, cut or garbled lock counts as naming no live holder: stale.
 */
import { link, readFile, rm, writeFile } from 'node:fs/promises'
import { withPath } from './file-system-errors.ts'
import { isProcessAlive } from './process-alive.ts'

export class LockBusyError extends Error {}

export interface LockHolder {
  pid?: number
  since?: string
}

export interface HeldLock {
  release(): Promise<void>
}

/** Who holds the lock, as far as the file tells; a pid that can still be read from a cut file counts. */
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

let drafts = 0

/** The draft's name: `<lock>-<pid>-<n>`, so a folder's owner can clear drafts of processes that are gone. */
export const lockDraftPattern = (lockName: string): RegExp =>
  new RegExp(`^${lockName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-(\\d+)-\\d+$`)

/** Creates `file` with `content` in one step, or fails with EEXIST when it exists. */
async function createWhole(file: string, content: string): Promise<void> {
  const draft = `${file}-${process.pid}-${++drafts}`
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

/**
 * Takes the lock `file`, or throws LockBusyError with `busy(holder)` when a live process holds it.
 * Unreadable counts as naming no holder; removing it then says why, if it cannot be removed either.
 */
export async function acquireLockFile(file: string, busy: (holder: LockHolder) => string): Promise<HeldLock> {
  const mine = JSON.stringify({ pid: process.pid, since: new Date().toISOString() })
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await createWhole(file, mine)
      return { release: () => rm(file, { force: true }) }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const holder = parseLockHolder(await readFile(file, 'utf8').catch(() => ''))
      if (holder.pid && holder.pid !== process.pid && isProcessAlive(holder.pid))
        throw new LockBusyError(busy(holder))
      await rm(file, { force: true }) // stale: its process is gone, or it names none
    }
  }
  throw new LockBusyError(`could not take the lock ${file}`)
}
