import path from 'node:path'
import { buildConfig } from 'payload'
import sharp from 'sharp'
import { Users } from './collections/Users.ts'
import { COLLECTIONS, GLOBALS } from './content-model.ts'
import { editor } from './fields/rich-text.ts'
import { adminI18n } from './i18n/admin-languages.ts'
import { withCollectionLabels, withGlobalLabels } from './i18n/admin-labels.ts'
import { publishTask } from './publishing/publish-task.ts'
import { PUBLISH_QUEUE } from './publishing/queue-publish.ts'
import { databaseAdapter } from './lib/database.ts'
import { emailAdapter } from './lib/email-adapter.ts'
import { rejectMalformedIds } from './lib/request-guards.ts'
import { authLoggingLevels } from './auth/auth-guards.ts'
import { payloadLogger } from './lib/logger.ts'
import { cmsDir } from './lib/paths.ts'
import { payloadSecret } from './lib/secret.ts'
import { trustedOrigins, trustOrganisationSite } from './lib/trusted-origins.ts'
import { warmPreviewsAtBoot } from './preview/warm-at-boot.ts'
import { checkSettings, setting } from '../channels/shared/config.ts'
import { DEFAULT_LOCALE, LOCALE_INFO, LOCALES } from '../channels/snapshot/locales.ts'

// A bad environment variable stops the admin and the CLI at start, with one line naming it.
checkSettings()

export default buildConfig({
  secret: payloadSecret(),
  serverURL: setting('BUDSTIKKE_SERVER_URL'),
  // The session cookie counts only from the admin's own origin and the Organisation's site; the same two may read the API.
  csrf: trustedOrigins(),
  cors: trustedOrigins(),
  onInit: async (payload) => {
    await trustOrganisationSite(payload)
    // The admin server only: the preview worker builds its renderers before the first preview.
    warmPreviewsAtBoot(payload)
  },
  admin: {
    user: Users.slug,
    importMap: { baseDir: cmsDir, importMapFile: path.join(cmsDir, 'app/(payload)/admin/importMap.js') },
    meta: { titleSuffix: ' · Budstikke' },
    // No Gravatar: the admin must work offline and send nothing about its users elsewhere.
    avatar: 'default',
  },
  // Names and labels in the editor's language: one table, cms/i18n/admin-texts.ts (docs/admin-languages.md).
  collections: withCollectionLabels(COLLECTIONS),
  globals: withGlobalLabels(GLOBALS),
  // The admin in da, sv, nb and en: the editor's pick, else the browser's, else the Organisation's default locale.
  i18n: adminI18n,
  editor,
  localization: {
    locales: LOCALES.map((code) => ({ code, label: LOCALE_INFO[code].label })),
    defaultLocale: DEFAULT_LOCALE,
    fallback: true,
  },
  // Awaited: only the adapter in use is imported (cms/lib/database.ts). Payload takes its config as a
  // Promise everywhere (getPayload, its CLI, the admin's `@payload-config`): buildConfig returns one.
  db: await databaseAdapter(),
  sharp,
  // Password-reset e-mail: SMTP when BUDSTIKKE_SMTP_URL is set, else only a log line (cms/lib/email-adapter.ts).
  email: emailAdapter(),
  // Refused sign-in attempts (cms/auth/auth-guards.ts) are one log line each, not a stack trace.
  loggingLevels: authLoggingLevels,
  // `npm run types` writes the documents' types (committed; tests/cms/payload-types.test.ts checks they are
  // current). No `declare module 'payload'`: export and import name the types they read and write.
  typescript: { outputFile: path.join(cmsDir, 'payload-types.ts'), autoGenerate: false, declare: false },
  graphQL: { schemaOutputFile: path.join(cmsDir, 'schema.graphql') },
  jobs: {
    tasks: [publishTask],
    // The admin server runs due jobs: scheduled publishing (queue "default") every minute, and the
    // debounced publish of every channel (queue "publish") every ten seconds, one at a time.
    // The CLI runs scheduled jobs itself before exporting (cms/export), so it sets BUDSTIKKE_CLI.
    autoRun: setting('BUDSTIKKE_CLI')
      ? []
      : [
          { cron: '* * * * *', queue: 'default', limit: 50 },
          { cron: '*/10 * * * * *', queue: PUBLISH_QUEUE, limit: 1 },
        ],
  },
  telemetry: false,
  // A document id that cannot exist answers 404, not a failed query (cms/lib/request-guards.ts).
  plugins: [rejectMalformedIds],
  // Readable lines on stderr; BUDSTIKKE_LOG_LEVEL=warn (the tests set it) hides per-migration and job lines.
  logger: payloadLogger(),
})
