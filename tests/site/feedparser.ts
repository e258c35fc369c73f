/** Parses feeds with a real feed client: Debian's python3-feedparser (the system Python, not a pyenv one). */
import { execFileSync } from 'node:child_process'

export interface ParsedFeed {
  file: string
  bozo: boolean
  bozoException: string
  title: string
  language: string
  entries: Array<{
    title: string
    link: string
    id: string
    published: string
    summary: string
    content: string
    tags: string[]
    enclosures: Array<{ href: string; length: string; type: string }>
  }>
}

const script = `
import feedparser, json, sys
out = []
for f in sys.argv[1:]:
    d = feedparser.parse(f)
    out.append({"file": f, "bozo": bool(d.bozo), "bozoException": str(d.get("bozo_exception", "")), "title": d.feed.get("title", ""),
      "language": d.feed.get("language", ""),
      "entries": [{"title": e.get("title", ""), "link": e.get("link", ""), "id": e.get("id", ""), "published": e.get("published", ""),
        "summary": e.get("summary", ""), "content": (e.get("content") or [{"value": ""}])[0]["value"],
        "tags": [t["term"] for t in e.get("tags", [])], "enclosures": [dict(href=x.get("href"), length=x.get("length"), type=x.get("type")) for x in e.get("enclosures", [])]}
        for e in d.entries]})
print(json.dumps(out))
`

export function parseFeeds(files: string[]): ParsedFeed[] {
  return JSON.parse(
    execFileSync('/usr/bin/python3', ['-c', script, ...files], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 }),
  ) as ParsedFeed[]
}
