/**
 * A file-system error (disk full, no permission, read-only disk, a move across disks) is the operator's
 * to fix, not a bug: the CLI prints it as one line naming the path and what to do, never a stack trace.
 */

/** The errors the operator can act on, with what to do about each. */
const ADVICE: Record<string, { what: string; todo: string }> = {
  ENOSPC: { what: 'no space left on the disk', todo: 'free space on that disk (or choose another folder) and run again' },
  EDQUOT: { what: 'disk quota exceeded', todo: 'free space within your quota (or choose another folder) and run again' },
  EACCES: { what: 'permission denied', todo: 'give this user write access to it (or choose another folder) and run again' },
  EPERM: { what: 'operation not permitted', todo: 'give this user write access to it (or choose another folder) and run again' },
  EROFS: { what: 'the file system is read-only', todo: 'choose a folder on a writable disk and run again' },
  EXDEV: { what: 'cannot move a file across file systems', todo: 'report this as a bug; meanwhile keep the output on the same disk as the project' },
}

export const SYSTEM_ERROR_CODES = Object.keys(ADVICE)

/** An error with a Node system error code (`error.code`), optionally the path it concerns. */
type SystemError = NodeJS.ErrnoException & { dest?: string }

export function isSystemError(error: unknown): error is SystemError {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string' && (error as NodeJS.ErrnoException).code! in ADVICE
}

/**
 * `<path>: no space left on the disk (ENOSPC); free space on that disk … and run again`, or undefined
 * when the error is not one of those. Node names the path for open/mkdir/rename, not for a write to an
 * open file: callers that know the folder being written set `error.path` before it gets here.
 */
export function systemErrorLine(error: unknown): string | undefined {
  if (!isSystemError(error)) return undefined
  const advice = ADVICE[error.code!]
  // A copy or rename that fails for want of room or write access fails at its destination.
  const where = (error.code === 'EXDEV' ? error.path : (error.dest ?? error.path)) ?? 'a file'
  const detail = error.code === 'EXDEV' && error.dest ? ` (moving it to ${error.dest})` : ''
  return `${where}${detail}: ${advice.what} (${error.code}); ${advice.todo}`
}

/** Gives a system error that has no path the folder the work was writing into. */
export function withPath<T>(error: T, folder: string): T {
  if (isSystemError(error) && !error.path) error.path = folder
  return error
}
