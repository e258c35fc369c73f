import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'dist/**', 'cms/.next/**', '.tmp/**'],
    // Integration tests start Payload, Astro, Chromium: minutes, not milliseconds.
    testTimeout: 180_000,
    hookTimeout: 300_000,
    // Two cores: run test files two at a time.
    maxWorkers: 2,
    env: { BUDSTIKKE_LOG_LEVEL: 'error' },
  },
})
