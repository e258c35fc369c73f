/**
 * A child process (the Astro build, Pagefind) that fails on a full or read-only disk prints the system
 * error inside its own output (a Node stack or a Rust message). Recognised there, it is rethrown as the
 * system error it is (code and path), so the CLI can print it as one line instead of 40 lines of stack.
 */

/** Rust's `(os error N)` numbers on Linux and macOS for the codes the CLI explains. */
const OS_ERRORS: Record<string, string> = {
  '1': 'EPERM',
  '13': 'EACCES',
  '18': 'EXDEV',
  '28': 'ENOSPC',
  '30': 'EROFS',
  '122': 'EDQUOT',
  '69': 'EDQUOT',
}
const CODES = ['ENOSPC', 'EDQUOT', 'EACCES', 'EPERM', 'EROFS', 'EXDEV']

/** Node's form: `ENOSPC: no space left on device, write` / `EXDEV: …, rename 'a' -> 'b'`. */
const NODE_ERROR = new RegExp(`\\b(${CODES.join('|')}): [^,]+, (\\w+)(?: '([^']*)')?(?: -> '([^']*)')?`)

/**
 * The system error in a child's output, or undefined. `fallbackPath` is named when the output names
 * none (a write to an open file, or Rust's message): the folder the child was writing into.
 */
export function systemErrorFromOutput(
  lines: string[],
  fallbackPath: string,
): NodeJS.ErrnoException | undefined {
  for (const line of lines) {
    const node = NODE_ERROR.exec(line)
    if (node) {
      const [message, code, syscall, file, dest] = node
      return Object.assign(new Error(message), {
        code,
        syscall,
        path: file ?? fallbackPath,
        ...(dest ? { dest } : {}),
      })
    }
    const rust = /\(os error (\d+)\)/.exec(line)
    if (rust && OS_ERRORS[rust[1]])
      return Object.assign(new Error(line.trim()), { code: OS_ERRORS[rust[1]], path: fallbackPath })
  }
  return undefined
}
