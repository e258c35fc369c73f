/**
 * Every environment variable Budstikke reads, parsed and validated here and nowhere else (the README's
 * "Environment variables" table lists the same names; tests/unit/config.test.ts keeps the two in step).
 *
 * Read at call time, not import time: tests and the CLI set a variable after modules are loaded
 * (BUDSTIKKE_DATA_DIR for a temp CMS, BUDSTIKKE_SNAPSHOT in astro.config.mjs). An empty value counts as
 * unset, as the tests and child processes use `DATABASE_URI: ''` to mean "the default". A bad value is
 * one error naming the variable: `BUDSTIKKE_PREVIEW_KEEP=zero: not a whole number ≥ 1`.
 */
import { z } from 'zod'
import { mergeSyntaxNames } from '../newsletter/merge-syntax.ts'

const text = z.string()
const path = z.string()
const wholeNumber = (min: number, max = Number.MAX_SAFE_INTEGER) =>
  z
    .string()
    .regex(/^\d+$/, `not a whole number ≥ ${min}`)
    .transform(Number)
    .refine((value) => value >= min && value <= max, `not a whole number from ${min} to ${max}`)
const flag = z.string().transform((value) => value !== '0' && value.toLowerCase() !== 'false')

/** Name → schema of the raw string (present and non-empty), default when unset, and what it is for. */
export const SETTINGS = {
  DATABASE_URI: {
    schema: z.string().regex(/^[a-z][a-z0-9+.-]*:/i, 'not a URI (file:/path/to.db or mongodb://…)'),
    default: undefined,
  },
  PAYLOAD_SECRET: { schema: text, default: undefined },
  PORT: { schema: wholeNumber(1, 65535), default: 3000 },
  CI: { schema: flag, default: false },
  BUDSTIKKE_DATA_DIR: { schema: path, default: undefined },
  BUDSTIKKE_SERVER_URL: { schema: z.url({ error: 'not an absolute URL' }), default: '' },
  BUDSTIKKE_CLI: { schema: flag, default: false },
  BUDSTIKKE_LOG_LEVEL: {
    schema: z.enum(
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
      'not a log level (fatal, error, warn, info, debug, trace, silent)',
    ),
    default: 'info',
  },
  BUDSTIKKE_LOG_FORMAT: {
    schema: z.enum(['json', 'pretty'], 'not a log format (json, pretty)'),
    default: 'pretty',
  },
  BUDSTIKKE_PUBLISH_DEBOUNCE_SECONDS: {
    schema: z
      .string()
      .regex(/^\d+(\.\d+)?$/, 'not a number of seconds ≥ 0')
      .transform(Number),
    default: 30,
  },
  BUDSTIKKE_PUBLISH_ARGS: {
    schema: text.transform((value) => value.split(/\s+/).filter(Boolean)),
    default: [],
  },
  BUDSTIKKE_PREVIEW_DIR: { schema: path, default: undefined },
  BUDSTIKKE_PREVIEW_WARM_UP: { schema: flag, default: true },
  BUDSTIKKE_PREVIEW_KEEP: { schema: wholeNumber(1), default: 12 },
  BUDSTIKKE_MERGE_SYNTAX: {
    schema: z.enum(mergeSyntaxNames, `unknown merge syntax (known: ${mergeSyntaxNames.join(', ')})`),
    default: 'mailchimp',
  },
  BUDSTIKKE_SNAPSHOT: { schema: path, default: undefined },
  BUDSTIKKE_SITE_OUT: { schema: path, default: undefined },
  BUDSTIKKE_ASTRO_OUT: { schema: path, default: undefined },
  BUDSTIKKE_SITE_WORK: { schema: path, default: undefined },
  BUDSTIKKE_SITE_WORK_ROOT: { schema: path, default: undefined },
  BUDSTIKKE_SITE_PLAN: { schema: path, default: undefined },
  BUDSTIKKE_ADMIN_URL: {
    schema: z
      .string()
      .refine(
        (value) => /^https?:\/\/[^/]/i.test(value) && URL.canParse(value),
        'not an http(s) URL (e.g. https://cms.example.org)',
      ),
    default: 'http://localhost:3000',
  },
  BUDSTIKKE_SMTP_URL: {
    schema: z
      .string()
      .trim()
      .refine(
        (value) => /^smtps?:\/\//i.test(value) && URL.canParse(value),
        'not an smtp:// or smtps:// URL (smtp://user:password@host:587)',
      ),
    default: undefined,
  },
  BUDSTIKKE_SMTP_FROM: { schema: text.trim(), default: undefined },
  BUDSTIKKE_AUTH_RATE_LIMIT: { schema: wholeNumber(1), default: 30 },
  BUDSTIKKE_DKIM_DOMAIN: { schema: text, default: undefined },
  BUDSTIKKE_DKIM_SELECTOR: { schema: text, default: undefined },
  BUDSTIKKE_DKIM_PRIVATE_KEY: { schema: path, default: undefined },
  BUDSTIKKE_BUILD_DATE: {
    schema: z
      .string()
      .transform((value) => new Date(value))
      .refine((date) => !Number.isNaN(date.getTime()), 'not a date'),
    default: undefined,
  },
} as const satisfies Record<string, { schema: z.ZodType<unknown, string>; default: unknown }>

export type SettingName = keyof typeof SETTINGS
type Setting<N extends SettingName> = (typeof SETTINGS)[N]
export type SettingValue<N extends SettingName> = z.output<Setting<N>['schema']> | Setting<N>['default']

/** The variable's value, parsed; its default when unset or empty. Throws `NAME=value: problem` for a bad value. */
export function setting<N extends SettingName>(
  name: N,
  env: Readonly<Record<string, string | undefined>> = process.env,
): SettingValue<N> {
  return parseSetting(name, env[name], name)
}

/**
 * Parses a value under a variable's rules; `label` names where it came from in the error (a command-line
 * flag that takes the same values, e.g. `--merge-syntax`).
 */
export function parseSetting<N extends SettingName>(
  name: N,
  raw: string | undefined,
  label: string = name,
): SettingValue<N> {
  const { schema, default: fallback } = SETTINGS[name]
  if (raw === undefined || raw === '') return fallback
  const parsed = (schema as z.ZodType<unknown, string>).safeParse(raw)
  if (!parsed.success) throw new Error(`${label}=${raw}: ${parsed.error.issues[0]?.message ?? 'invalid'}`)
  return parsed.data as SettingValue<N>
}

/** Every variable at once, so a start-up can report the first bad value before doing any work. */
export function checkSettings(env: Readonly<Record<string, string | undefined>> = process.env): void {
  for (const name of Object.keys(SETTINGS) as SettingName[]) setting(name, env)
}
