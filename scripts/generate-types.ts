/**
 * `npm run types`: after changing a collection, global or field, regenerate `cms/payload-types.ts` with
 * Payload's own generator and commit it (tests/cms/payload-types.test.ts fails while it is stale).
 * Written as Payload writes it (not reformatted), so the check compares the generator's exact output.
 */
import { execFileSync } from 'node:child_process'
import os from 'node:os'
import path from 'node:path'

execFileSync('payload', ['generate:types'], {
  stdio: 'inherit',
  env: {
    ...process.env,
    BUDSTIKKE_CLI: '1',
    BUDSTIKKE_LOG_LEVEL: 'warn',
    PAYLOAD_CONFIG_PATH: 'cms/payload.config.ts',
    // Generating reads the config only; a throwaway data folder keeps it away from the real database.
    BUDSTIKKE_DATA_DIR: path.join(os.tmpdir(), 'budstikke-generate-types'),
  },
})
