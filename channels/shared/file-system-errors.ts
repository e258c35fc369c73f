/**
 * Errors from the file system (disk full, no permission, read-only, another file system…) are the
 * operator's to fix, not a bug: they become one line naming the path and what to do, never a stack
 * trace. Node's own message often lacks the path (a failed `write` on an open file names none).
 */

/** What the code means, and what the operator can do about it. */
const WHAT: Record<string, [string, string]> = {
  ENOSPC: ['no space left on the device', 'free space there or write elsewhere'],
  EDQUOT: ['disk quota exceeded', 'free space there or write elsewhere'],
  EFBIG: ['file too large for the file system or the file-size limit (ulimit -f)', 'raise the limit or write elsewhere'],
  EACCES: ['permission denied', 'check who may write there'],
  EPERM: ['operation not permitted', 'check who may write there'],
  EROFS: ['read-only file system', 'write elsewhere'],
  EXDEV: ['on another file system than its staging copy', 'write to a folder on one file system'],
  EIO: ['input/output error', 'check the disk'],
  EMFILE: ['too many open files', 'raise the open-file limit (ulimit -n)'],
  ENOTDIR: ['a part of the path is a file, not a folder', 'check the path'],
  EBUSY: ['busy (a mount point, or held by another program)', 'use a folder inside it'],
}

export function isFileSystemError(error: unknown): error is NodeJS.ErrnoException & { code: string } {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string' && (error as NodeJS.ErrnoException).code! in WHAT
}

/** `<place>: <what went wrong> (CODE); <outcome>; <what to do>`; `place` is the path the user gave or knows. */
export function fileSystemErrorLine(error: NodeJS.ErrnoException & { code: string }, place: string, outcome = ''): string {
  const [what, todo] = WHAT[error.code]
  return `${place}: ${what} (${error.code})${outcome ? `; ${outcome}` : ''}; ${todo}`
}
