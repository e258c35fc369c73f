/**
 * HTML checks over every page: HTML5 parse errors (html5lib, Debian python3-html5lib, the spec's parsing
 * algorithm; html-validate cannot be installed here) plus rules a validator would flag: duplicate ids,
 * images without alt/width/height, a page without exactly one h1 or without lang.
 */
import { execFileSync } from 'node:child_process'

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
  return JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, ...files], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 })) as string[]
}
