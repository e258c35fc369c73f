/**
 * One publish at a time per output folder: `<out>.lock` beside it (channels/shared/lock-file.ts says how a
 * lock is written whole and when a left-over one is taken over).
 */
import {
  acquireLockFile,
  LockBusyError,
  parseLockHolder,
  type HeldLock,
} from '../../channels/shared/lock-file.ts'

export { LockBusyError as PublishBusyError, parseLockHolder }
export type PublishLock = HeldLock

/** `what` names the job in the refusal (`dispatch` uses it for one dispatch of an edition at a time). */
export async function acquirePublishLock(
  outDir: string,
  what = `publish into ${outDir}`,
): Promise<PublishLock> {
  return acquireLockFile(
    `${outDir}.lock`,
    (holder) =>
      `another ${what} is running (pid ${holder.pid}, since ${holder.since ?? 'an unknown time'}); try again when it has finished`,
  )
}
