/**
 * Errors from the file system (disk full, no permission, read-only disk, a move across disks…) are the
 * operator's to fix, not a bug: every command prints them as one line naming the path and what to do,
 * never a stack trace. One table for publish, print runs and the CLI, so the wording is decided once.
 * Node's own message often lacks the path (a failed `write` on an open file names none): callers that
 * know the folder being written give it (`withPath`, or `place`).
 */

/** What each code means, and what the operator can do about it. */
const ADVICE: Record<string, { what: string; todo: string }> = {
  ENOSPC: {
    what: 'no space left on the disk',
    todo: 'free space on that disk (or choose another folder) and run again',
  },
  EDQUOT: {
    what: 'disk quota exceeded',
    todo: 'free space within your quota (or choose another folder) and run again',
  },
  EFBIG: {
    what: 'file too large for the file system or the file-size limit (ulimit -f)',
    todo: 'raise the limit (or choose another folder) and run again',
  },
  EACCES: {
    what: 'permission denied',
    todo: 'give this user write access to it (or choose another folder) and run again',
  },
  EPERM: {
    what: 'operation not permitted',
    todo: 'give this user write access to it (or choose another folder) and run again',
  },
  EROFS: { what: 'the file system is read-only', todo: 'choose a folder on a writable disk and run again' },
  EXDEV: {
    what: 'cannot move a file across file systems',
    todo: 'report this as a bug; meanwhile keep the output on one disk and run again',
  },
  EIO: { what: 'input/output error', todo: 'check the disk and run again' },
  EMFILE: { what: 'too many open files', todo: 'raise the open-file limit (ulimit -n) and run again' },
  ENOTDIR: { what: 'a part of the path is a file, not a folder', todo: 'check the path and run again' },
  EBUSY: {
    what: 'busy (a mount point, or held by another program)',
    todo: 'use a folder inside it and run again',
  },
}

/** An error with a Node system error code (`error.code`), optionally the path it concerns. */
export type FileSystemError = NodeJS.ErrnoException & { code: string; dest?: string }

export function isFileSystemError(error: unknown): error is FileSystemError {
  return (
    error instanceof Error &&
    typeof (error as NodeJS.ErrnoException).code === 'string' &&
    (error as NodeJS.ErrnoException).code! in ADVICE
  )
}

/** `<place>: <what went wrong> (CODE); <outcome>; <what to do>`; `place` is the path the user gave or knows. */
export function fileSystemErrorLine(error: FileSystemError, place: string, outcome = ''): string {
  const advice = ADVICE[error.code]
  return `${place}: ${advice.what} (${error.code})${outcome ? `; ${outcome}` : ''}; ${advice.todo}`
}

/**
 * The CLI's line for any error that is one of these (undefined otherwise), naming the path the error
 * carries: a copy or rename that fails for want of room or write access fails at its destination.
 */
export function systemErrorLine(error: unknown): string | undefined {
  if (!isFileSystemError(error)) return undefined
  const where = (error.code === 'EXDEV' ? error.path : (error.dest ?? error.path)) ?? 'a file'
  const detail = error.code === 'EXDEV' && error.dest ? ` (moving it to ${error.dest})` : ''
  return fileSystemErrorLine(error, `${where}${detail}`)
}

/** Gives a file-system error that has no path the folder the work was writing into. */
export function withPath<T>(error: T, folder: string): T {
  if (isFileSystemError(error) && !error.path) error.path = folder
  return error
}
