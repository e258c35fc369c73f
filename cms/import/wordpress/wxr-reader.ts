/**
 * A streaming reader of WordPress's export format (WXR 1.0–1.2: RSS 2.0 with `wp:`, `content:`,
 * `excerpt:` and `dc:` elements). The file is read in chunks through saxes (a strict, streaming XML
 * parser), and each `<item>` is handed out as soon as it is complete, so memory stays flat however
 * many posts an export holds: only the channel header (authors, categories, tags) is kept.
 *
 * The header comes before the first item in every export WordPress writes; `readWxr` yields it once,
 * then every item in file order. A malformed file ends with an error naming its line and column.
 */
import { createReadStream } from 'node:fs'
import { SaxesParser } from 'saxes'

export interface WxrAuthor {
  login: string
  displayName: string
}

export interface WxrTerm {
  /** `category_nicename` / `tag_slug` as written (may be percent-encoded). */
  slug: string
  name: string
  /** A category's parent, by its slug; empty at the top. */
  parent: string
  kind: 'category' | 'tag'
}

export interface WxrSite {
  wxrVersion: string
  /** `wp:base_site_url`, else the channel `<link>`; no trailing slash. */
  siteUrl: string
  /** `wp:base_blog_url`, else the site URL. */
  blogUrl: string
  authors: Map<string, WxrAuthor>
  terms: WxrTerm[]
}

export interface WxrItem {
  /** 1-based position among the file's items, for messages. */
  position: number
  /** The `<item>` element's line in the file. */
  line: number
  id: number
  type: string
  status: string
  title: string
  /** `wp:post_name` as written (percent-encoded for non-ASCII letters); empty for most drafts. */
  name: string
  link: string
  guid: string
  creator: string
  content: string
  excerpt: string
  /** `wp:post_date_gmt` (`0000-00-00 00:00:00` for drafts never scheduled). */
  dateGmt: string
  /** `wp:post_date`, the site's local time. */
  date: string
  parent: number
  menuOrder: number
  password: string
  attachmentUrl: string
  /** Categories and tags the item is filed under. */
  terms: { kind: 'category' | 'tag'; slug: string; name: string }[]
  meta: Map<string, string>
}

export type WxrEvent = { kind: 'site'; site: WxrSite } | { kind: 'item'; item: WxrItem }

/** The file is not a WordPress export, or not well-formed XML; the message names the place. */
export class WxrError extends Error {}

const SUPPORTED_VERSIONS = new Set(['1.0', '1.1', '1.2'])

/** Every event of the export at `file`, in file order (the site header first). */
export async function* readWxr(file: string): AsyncGenerator<WxrEvent> {
  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 256 * 1024 })
  const parser = new WxrParser(file)
  try {
    for await (const chunk of stream) {
      parser.write(chunk as string)
      yield* parser.take()
    }
    parser.end()
    yield* parser.take()
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') throw new WxrError(`${file}: no such file`)
    if (code === 'EISDIR') throw new WxrError(`${file}: is a folder, not a file`)
    throw error
  } finally {
    stream.destroy()
  }
}

class WxrParser {
  private readonly sax = new SaxesParser({ xmlns: false, position: true })
  private readonly events: WxrEvent[] = []
  /** Open element names from the root. */
  private readonly stack: string[] = []
  private text = ''
  private site: WxrSite = { wxrVersion: '', siteUrl: '', blogUrl: '', authors: new Map(), terms: [] }
  private siteSent = false
  private sawRss = false
  private channelLink = ''
  private item: WxrItem | null = null
  private itemCount = 0
  private record: Record<string, string> = {}
  private metaKey = ''
  private categoryAttrs: { domain: string; nicename: string } | null = null

  constructor(private readonly file: string) {
    this.sax.on('opentag', (tag) => this.open(tag.name, tag.attributes as Record<string, string>))
    this.sax.on('closetag', (tag) => this.closeElement(tag.name))
    this.sax.on('text', (text) => (this.text += text))
    this.sax.on('cdata', (text) => (this.text += text))
  }

  write(chunk: string): void {
    try {
      this.sax.write(chunk)
    } catch (error) {
      throw this.placed(error)
    }
  }

  end(): void {
    try {
      this.sax.close()
    } catch (error) {
      throw this.placed(error)
    }
    if (!this.sawRss) throw new WxrError(`${this.file}: not a WordPress export (no <rss> element)`)
    this.sendSite()
  }

  take(): WxrEvent[] {
    return this.events.splice(0)
  }

  private placed(error: unknown): WxrError {
    if (error instanceof WxrError) return error
    // saxes prefixes its messages with `line:column: `.
    const message = (error as Error).message.replace(/^\d+:\d+: /, '')
    return new WxrError(
      `${this.file} line ${this.sax.line} column ${this.sax.column}: not well-formed XML: ${message}`,
    )
  }

  private open(name: string, attributes: Record<string, string>): void {
    if (this.stack.length === 0) {
      if (name !== 'rss') throw new WxrError(`${this.file}: not a WordPress export (root is <${name}>)`)
      this.sawRss = true
    }
    this.stack.push(name)
    this.text = ''
    if (name === 'item' && this.stack.length === 3) {
      this.sendSite()
      this.item = emptyItem(++this.itemCount, this.sax.line)
    } else if (name === 'wp:author' || name === 'wp:category' || name === 'wp:tag' || name === 'wp:term') {
      if (!this.item) this.record = {}
    } else if (name === 'category' && this.item) {
      this.categoryAttrs = { domain: attributes.domain ?? '', nicename: attributes.nicename ?? '' }
    }
  }

  private closeElement(name: string): void {
    this.stack.pop()
    const text = this.text
    this.text = ''
    const item = this.item
    if (item) {
      this.itemField(item, name, text)
      return
    }
    const depth = this.stack.length
    if (depth === 3 && this.stack[2]?.startsWith('wp:')) {
      this.record[name] = text.trim()
      return
    }
    if (depth !== 2) return
    switch (name) {
      case 'wp:wxr_version':
        this.site.wxrVersion = text.trim()
        if (!SUPPORTED_VERSIONS.has(this.site.wxrVersion))
          throw new WxrError(
            `${this.file}: WXR version ${JSON.stringify(this.site.wxrVersion)} is not supported (1.0, 1.1 or 1.2)`,
          )
        return
      case 'link':
        this.channelLink = text.trim()
        return
      case 'wp:base_site_url':
        this.site.siteUrl = trimSlash(text.trim())
        return
      case 'wp:base_blog_url':
        this.site.blogUrl = trimSlash(text.trim())
        return
      case 'wp:author': {
        const login = this.record['wp:author_login'] ?? ''
        if (login)
          this.site.authors.set(login, {
            login,
            displayName: this.record['wp:author_display_name'] || login,
          })
        return
      }
      case 'wp:category':
        this.pushTerm('category', 'wp:category_nicename', 'wp:cat_name', 'wp:category_parent')
        return
      case 'wp:tag':
        this.pushTerm('tag', 'wp:tag_slug', 'wp:tag_name', '')
        return
      case 'wp:term': {
        // WXR 1.2 lists categories and tags again as generic terms; only those not seen are added.
        const taxonomy = this.record['wp:term_taxonomy']
        if (taxonomy === 'category')
          this.pushTerm('category', 'wp:term_slug', 'wp:term_name', 'wp:term_parent')
        else if (taxonomy === 'post_tag') this.pushTerm('tag', 'wp:term_slug', 'wp:term_name', '')
        return
      }
    }
  }

  private pushTerm(kind: 'category' | 'tag', slugKey: string, nameKey: string, parentKey: string): void {
    const slug = this.record[slugKey] ?? ''
    if (!slug || this.site.terms.some((term) => term.kind === kind && term.slug === slug)) return
    this.site.terms.push({
      kind,
      slug,
      name: this.record[nameKey] || slug,
      parent: parentKey ? (this.record[parentKey] ?? '') : '',
    })
  }

  private itemField(item: WxrItem, name: string, text: string): void {
    switch (name) {
      case 'item':
        if (this.stack.length === 2) {
          this.events.push({ kind: 'item', item })
          this.item = null
        }
        return
      case 'title':
        item.title = text
        return
      case 'link':
        item.link = text.trim()
        return
      case 'guid':
        item.guid = text.trim()
        return
      case 'dc:creator':
        item.creator = text.trim()
        return
      case 'content:encoded':
        item.content = text
        return
      case 'excerpt:encoded':
        item.excerpt = text
        return
      case 'wp:post_id':
        item.id = Number(text.trim()) || 0
        return
      case 'wp:post_date':
        item.date = text.trim()
        return
      case 'wp:post_date_gmt':
        item.dateGmt = text.trim()
        return
      case 'wp:post_name':
        item.name = text.trim()
        return
      case 'wp:status':
        item.status = text.trim()
        return
      case 'wp:post_parent':
        item.parent = Number(text.trim()) || 0
        return
      case 'wp:menu_order':
        item.menuOrder = Number(text.trim()) || 0
        return
      case 'wp:post_type':
        item.type = text.trim()
        return
      case 'wp:post_password':
        item.password = text
        return
      case 'wp:attachment_url':
        item.attachmentUrl = text.trim()
        return
      case 'category': {
        const attrs = this.categoryAttrs
        this.categoryAttrs = null
        if (!attrs) return
        const kind = attrs.domain === 'category' ? 'category' : attrs.domain === 'post_tag' ? 'tag' : null
        if (kind) item.terms.push({ kind, slug: attrs.nicename, name: text.trim() })
        return
      }
      case 'wp:meta_key':
        if (this.stack.at(-1) === 'wp:postmeta') this.metaKey = text.trim()
        return
      case 'wp:meta_value':
        if (this.stack.at(-1) === 'wp:postmeta' && this.metaKey) item.meta.set(this.metaKey, text)
        return
    }
  }

  private sendSite(): void {
    if (this.siteSent) return
    this.siteSent = true
    if (!this.site.wxrVersion)
      throw new WxrError(`${this.file}: not a WordPress export (no <wp:wxr_version> before the first item)`)
    this.site.siteUrl ||= trimSlash(this.channelLink)
    this.site.blogUrl ||= this.site.siteUrl
    this.events.push({ kind: 'site', site: this.site })
  }
}

function emptyItem(position: number, line: number): WxrItem {
  return {
    position,
    line,
    id: 0,
    type: '',
    status: '',
    title: '',
    name: '',
    link: '',
    guid: '',
    creator: '',
    content: '',
    excerpt: '',
    dateGmt: '',
    date: '',
    parent: 0,
    menuOrder: 0,
    password: '',
    attachmentUrl: '',
    terms: [],
    meta: new Map(),
  }
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '')
}
