/**
 * `budstikke`: one CLI for every job. Each file in `scripts/commands/` registers one command
 * (options and help); the heavy work is imported only when that command runs, so `--help` is quick.
 */
import { readdir } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { readFileSync } from 'node:fs'
import { Command } from 'commander'
import { systemErrorLine } from '../channels/shared/file-system-errors.ts'
import { checkSettings } from '../channels/shared/config.ts'

export type RegisterCommand = (program: Command) => void

const commandsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'commands')

const { version } = JSON.parse(readFileSync(path.join(commandsDir, '../../package.json'), 'utf8')) as {
  version: string
}

const program = new Command()
  .name('budstikke')
  .version(`budstikke ${version} (Node ${process.version})`, '-v, --version')
  .description(
    'Write once in the CMS; publish to the site, RSS, newsletters, print letters and social cards.',
  )
  .showHelpAfterError()

// Every environment variable is checked before a command is even registered (some give option
// defaults): a bad value is one line naming it, never a stack trace or a job stopped halfway.
try {
  checkSettings()
} catch (error) {
  console.error(`budstikke: ${(error as Error).message}`)
  process.exit(1)
}

const files = (await readdir(commandsDir))
  .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
  .sort()
for (const file of files) {
  const module = (await import(pathToFileURL(path.join(commandsDir, file)).href)) as {
    register?: RegisterCommand
  }
  module.register?.(program)
}

try {
  await program.parseAsync(process.argv)
} catch (error) {
  console.error(`budstikke: ${systemErrorLine(error) ?? (error as Error).message}`)
  process.exitCode = process.exitCode || 1
}
// The command's work is done (each closes what it opened, e.g. Payload's database). A handle some
// library leaves behind must not keep a finished command alive: `budstikke publish && rsync …`, cron
// and the admin's publish job wait for the exit. Output to a socket (how Node and the admin start a
// child) is written asynchronously: wait until what was printed has been handed over, then exit.
await Promise.all(
  [process.stdout, process.stderr].map((stream) => new Promise((resolve) => stream.write('', resolve))),
)
process.exit()
