// The fast layer: tests of pure modules only (no Payload, Astro, Chromium, SMTP or worker threads),
// `npm run test:unit`, seconds on its own. The full suite (vitest.config.ts) runs these too.
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    testTimeout: 10_000,
    env: { BUDSTIKKE_LOG_LEVEL: 'error' },
  },
})
