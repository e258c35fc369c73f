/**
 * HTML checks over every page, two independent ones:
 * - html-validate with its presets for the HTML standard, accessibility and whole documents;
 * - HTML5 parse errors by html5lib (Debian python3-html5lib, the spec's parsing algorithm) plus rules of
 *   our own: duplicate ids, images without alt/width/height, a page without exactly one h1 or without lang.
 */
import { execFileSync } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { HtmlValidate } from 'html-validate'

const validator = new HtmlValidate({
  extends: ['html-validate:standard', 'html-validate:a11y', 'html-validate:document'],
  rules: {
    // Subresource integrity matters for files from other origins; the site only loads its own (Pagefind's UI).
    'require-sri': ['error', { target: 'crossorigin' }],
  },
})

/** `file:line:column: [rule] message` for every error html-validate finds. */
export async function htmlValidateProblems(files: string[]): Promise<string[]> {
  const problems: string[] = []
  for (const file of files) {
    const report = await validator.validateString(await readFile(file, 'utf8'), file)
    for (const result of report.results) {
      for (const message of result.messages)
        problems.push(`${file}:${message.line}:${message.column}: [${message.ruleId}] ${message.message}`)
    }
  }
  return problems
}

const script = `
import html5lib, json, sys, collections
problems = []
for f in sys.argv[1:]:
    parser = html5lib.HTMLParser(namespaceHTMLElements=False)
    doc = parser.parse(open(f, 'rb').read().decode('utf-8'))
    for pos, code, data in parser.errors:
        problems.append(f"{f}:{pos[0]}:{pos[1]}: parse error {code} {data}")
    ids = collections.Counter(e.get('id') for e in doc.iter() if e.get('id'))
    problems += [f"{f}: duplicate id {i}" for i, n in ids.items() if n > 1]
    for img in doc.iter('img'):
        for attr in ('alt', 'width', 'height'):
            if img.get(attr) is None: problems.append(f"{f}: <img src={img.get('src')}> without {attr}")
    if len(list(doc.iter('h1'))) != 1: problems.append(f"{f}: {len(list(doc.iter('h1')))} h1 elements")
    if not doc.get('lang'): problems.append(f"{f}: <html> without lang")
print(json.dumps(problems))
`

export function htmlProblems(files: string[]): string[] {
  return JSON.parse(
    execFileSync('/usr/bin/python3', ['-c', script, ...files], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 }),
  ) as string[]
}
