import type { Command } from 'commander'

export function register(program: Command): void {
  program
    .command('migrate')
    .description(
      'Apply the committed database migrations (the CLI and the admin start do this by themselves).',
    )
    .action(async () => {
      const { openPayload, closePayload } = await import('../../cms/payload-client.ts')
      await openPayload()
      await closePayload()
      console.log('migrate: database schema is up to date')
    })
}
