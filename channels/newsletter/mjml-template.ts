/**
 * MJML templates with `[[slot]]` placeholders, filled with escaped markup or with other filled
 * templates. Every output line remembers the template file and line it came from, so an MJML
 * validation error names `templates/newsletter/<file>.mjml line N` rather than a line of the
 * assembled document nobody has seen.
 */
import { readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Markup } from './escape.ts'

export const defaultTemplatesDir = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../templates/newsletter',
)

export interface Origin {
  /** e.g. `templates/newsletter/article-teaser.mjml`. */
  source: string
  line: number
}

/** Assembled MJML with the origin of each line. */
export class MjmlFragment {
  constructor(
    readonly lines: string[],
    readonly origins: Origin[],
  ) {}

  static empty(): MjmlFragment {
    return new MjmlFragment([], [])
  }

  /** MJML written by code (e.g. rich-text blocks); `source` names the code. */
  static generated(mjml: string, source: string): MjmlFragment {
    const lines = mjml.split('\n')
    return new MjmlFragment(
      lines,
      lines.map((_, index) => ({ source, line: index + 1 })),
    )
  }

  static concat(fragments: MjmlFragment[]): MjmlFragment {
    return new MjmlFragment(
      fragments.flatMap((f) => f.lines),
      fragments.flatMap((f) => f.origins),
    )
  }

  toString(): string {
    return this.lines.join('\n')
  }
}

export type SlotValue = Markup | MjmlFragment

export interface Template {
  name: string
  source: string
  lines: string[]
}

export type TemplateSet = Map<string, Template>

const templateSets = new Map<string, TemplateSet>()

/** Reads every `*.mjml` of a folder once per process. */
export function loadTemplates(dir = defaultTemplatesDir): TemplateSet {
  const cached = templateSets.get(dir)
  if (cached) return cached
  const set: TemplateSet = new Map()
  const shown = path.relative(process.cwd(), dir) || dir
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.mjml'))
    .sort()) {
    const name = file.replace(/\.mjml$/, '')
    set.set(name, {
      name,
      source: `${shown}/${file}`,
      lines: readFileSync(path.join(dir, file), 'utf8').replace(/\n$/, '').split('\n'),
    })
  }
  templateSets.set(dir, set)
  return set
}

const wholeLineSlot = /^\s*\[\[(\w+)\]\]\s*$/
const inlineSlot = /\[\[(\w+)\]\]/g

/** Fills a template; a fragment must stand alone on its line, markup may go anywhere. */
export function fillTemplate(
  templates: TemplateSet,
  name: string,
  values: Record<string, SlotValue>,
): MjmlFragment {
  const template = templates.get(name)
  if (!template) throw new Error(`newsletter template "${name}.mjml" is missing from the templates folder`)
  const lines: string[] = []
  const origins: Origin[] = []
  template.lines.forEach((line, index) => {
    const origin = { source: template.source, line: index + 1 }
    const whole = wholeLineSlot.exec(line)
    const wholeValue = whole ? values[whole[1]] : undefined
    if (wholeValue instanceof MjmlFragment) {
      lines.push(...wholeValue.lines)
      origins.push(...wholeValue.origins)
      return
    }
    lines.push(
      line.replace(inlineSlot, (_, slot: string) => {
        const value = values[slot]
        if (value === undefined)
          throw new Error(`${template.source} line ${index + 1}: no value for [[${slot}]]`)
        if (value instanceof MjmlFragment)
          throw new Error(
            `${template.source} line ${index + 1}: [[${slot}]] takes MJML and must stand alone on its line`,
          )
        return value.markup
      }),
    )
    origins.push(origin)
  })
  return new MjmlFragment(lines, origins)
}

interface MjmlValidationError {
  line: number
  message: string
  tagName: string
}

export interface CompileOptions {
  minify: boolean
  /** Names the edition in error messages. */
  label: string
}

type Mjml2Html = (typeof import('mjml-core'))['default']
let mjmlLoading: Promise<Mjml2Html> | undefined

/** MJML takes long to import: load it once, on first use (not when `--help` runs). */
function loadMjml(): Promise<Mjml2Html> {
  mjmlLoading ??= import('mjml').then((module) => (module as unknown as { default: Mjml2Html }).default)
  return mjmlLoading
}

/** Compiles with MJML's strict validation; an error names the template file and line. */
export async function compileMjml(fragment: MjmlFragment, options: CompileOptions): Promise<string> {
  const mjml2html = await loadMjml()
  try {
    // cssnano's lite preset gives the same size as the default here at a fraction of the time.
    const result = await mjml2html(fragment.toString(), {
      validationLevel: 'strict',
      minify: options.minify,
      minifyOptions: { minifyCss: 'lite', minifyJs: false },
      keepComments: false,
      fonts: {},
    })
    return result.html
  } catch (error) {
    const errors = (error as { errors?: MjmlValidationError[] }).errors
    if (!Array.isArray(errors) || errors.length === 0)
      throw new Error(`${options.label}: MJML failed: ${(error as Error).message}`)
    const lines = errors.map((e) => {
      const origin = fragment.origins[e.line - 1]
      const place = origin ? `${origin.source} line ${origin.line}` : `assembled MJML line ${e.line}`
      return `  ${place} (${e.tagName}): ${e.message}`
    })
    throw new Error(`${options.label}: MJML validation failed:\n${lines.join('\n')}`)
  }
}
