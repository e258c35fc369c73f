/**
 * What the conversion of one post needs to know about the others, gathered in a first streaming pass
 * over the export: each post's and page's new slug (unique per collection), each attachment's file
 * and alt text, and every old address (`/?p=123`, `/2018/11/03/slug/`, `/slug/`, `/category/slug/`)
 * mapped to what replaces it. A few hundred bytes per item, so 5,000 posts cost about a megabyte;
 * the posts' text is read again, one at a time, in the second pass.
 */
import { decodeHTML } from 'entities'
import { normalizeOldPath } from '../../../channels/shared/old-path.ts'
import { reservedPageSlug } from '../../../channels/site/routes.ts'
import { slugifyAnyScript } from '../../lib/slugify.ts'
import type { WxrItem, WxrSite, WxrTerm } from './wxr-reader.ts'

export type WordPressCollection = 'articles' | 'pages'

export interface IndexedDocument {
  id: number
  collection: WordPressCollection
  slug: string
  status: string
  parent: number
  /** 1-based position among the export's items (links to later ones are resolved in a last pass). */
  position: number
}

export interface IndexedAttachment {
  id: number
  url: string
  alt: string
  parent: number
  menuOrder: number
}

export interface IndexedTopic {
  slug: string
  name: string
}

/** What an old address on the WordPress site stands for in the new site. */
export type OldAddressTarget = { kind: 'document'; id: number } | { kind: 'topic'; slug: string }

export class WxrIndex {
  readonly documents = new Map<number, IndexedDocument>()
  readonly attachments = new Map<number, IndexedAttachment>()
  /** Topic for each `category:slug` / `tag:slug` (decoded, lower case). */
  private readonly topicOfTerm = new Map<string, IndexedTopic>()
  private readonly addresses = new Map<string, OldAddressTarget>()
  private readonly slugsInUse = { articles: new Set<string>(), pages: new Set<string>() }
  private readonly siteHosts: Set<string>
  private readonly sitePaths: string[]

  constructor(readonly site: WxrSite) {
    const urls = [site.siteUrl, site.blogUrl].flatMap((url) => {
      try {
        return [new URL(url)]
      } catch {
        return []
      }
    })
    this.siteHosts = new Set(urls.map((url) => url.host.toLowerCase().replace(/^www\./, '')))
    // A site in a subfolder (`https://example.org/fagforening`): its paths start with the folder.
    this.sitePaths = [...new Set(urls.map((url) => url.pathname.replace(/\/+$/, '')))].sort(
      (a, b) => b.length - a.length,
    )
    this.addTopics(site.terms)
  }

  /** Records one item of the first pass. */
  add(item: WxrItem): void {
    if (item.type === 'attachment') {
      this.attachments.set(item.id, {
        id: item.id,
        url: item.attachmentUrl || item.guid,
        alt: plainText(item.meta.get('_wp_attachment_image_alt') ?? '') || plainText(item.title),
        parent: item.parent,
        menuOrder: item.menuOrder,
      })
      return
    }
    for (const term of item.terms) this.addItemTerm(term)
    const collection = collectionOfType(item.type)
    if (!collection || !isImportedStatus(item.status)) return
    const slug = this.uniqueSlug(collection, item)
    this.documents.set(item.id, {
      id: item.id,
      collection,
      slug,
      status: item.status,
      parent: item.parent,
      position: item.position,
    })
    const target: OldAddressTarget = { kind: 'document', id: item.id }
    for (const address of oldAddresses(item)) this.addresses.set(addressKey(address), target)
    // The bare `/name/` form (a common permalink setting, and a page's last segment): first one wins.
    const name = safeDecode(item.name)
      .replace(/__trashed(-\d+)?$/, '')
      .toLowerCase()
    if (name && !this.addresses.has(`/${name}/`)) this.addresses.set(`/${name}/`, target)
  }

  /** What an address on the old site (absolute, or a path) stands for now; null when it is not the site's or unknown. */
  target(href: string): OldAddressTarget | null {
    const key = this.siteKey(href)
    if (key === null) return null
    const direct = this.addresses.get(key)
    if (direct) return direct
    // `/category/parent/child/` and `/tag/slug/` are topic archives.
    const archive = /^\/(category|tag)\/(?:.*\/)?([^/]+)\/$/.exec(key)
    if (archive) {
      const topic = this.topicOfTerm.get(termKey(archive[1] === 'tag' ? 'tag' : 'category', archive[2]))
      if (topic) return { kind: 'topic', slug: topic.slug }
    }
    // `/slug/` or `/parent/child/` (the "post name" permalink form, and pages): by the last segment.
    const last = /\/([^/]+)\/$/.exec(key)?.[1]
    return last ? (this.addresses.get(`/${last}/`) ?? null) : null
  }

  /** A page's parent page, when it is imported too (not a trashed one). */
  parentPage(document: IndexedDocument): IndexedDocument | undefined {
    const parent = this.documents.get(document.parent)
    return parent && parent.collection === 'pages' && parent.status !== 'trash' ? parent : undefined
  }

  /** A page's slugs from the top of the hierarchy down to its own. */
  pageSlugs(document: IndexedDocument): string[] {
    const slugs: string[] = []
    const seen = new Set<number>()
    for (
      let page: IndexedDocument | undefined = document;
      page && !seen.has(page.id);
      page = this.parentPage(page)
    ) {
      seen.add(page.id)
      slugs.unshift(page.slug)
    }
    return slugs
  }

  /** Attachments placed in a post (a `[gallery]` without ids shows those), in WordPress's order. */
  childAttachments(postId: number): IndexedAttachment[] {
    return [...this.attachments.values()]
      .filter((attachment) => attachment.parent === postId)
      .sort((a, b) => a.menuOrder - b.menuOrder || a.id - b.id)
  }

  /** The path of `href` on the old site, normalised (`/2018/11/03/slug/`, `/?p=12`); null when it is elsewhere. */
  siteKey(href: string): string | null {
    let url: URL
    try {
      url = new URL(href, this.site.siteUrl + '/')
    } catch {
      return null
    }
    if (!/^https?:$/.test(url.protocol)) return null
    if (!this.siteHosts.has(url.host.toLowerCase().replace(/^www\./, ''))) return null
    let pathname = url.pathname
    for (const prefix of this.sitePaths)
      if (prefix && (pathname === prefix || pathname.startsWith(prefix + '/'))) {
        pathname = pathname.slice(prefix.length) || '/'
        break
      }
    return addressKey(pathname + url.search)
  }

  private uniqueSlug(collection: WordPressCollection, item: WxrItem): string {
    const used = this.slugsInUse[collection]
    // A trashed post's name carries `__trashed`; its slug is what it had before.
    const name = safeDecode(item.name).replace(/__trashed(-\d+)?$/, '')
    let slug =
      slugifyAnyScript(name) ||
      slugifyAnyScript(plainText(item.title)) ||
      slugifyAnyScript(titleFromText(item.content)) ||
      `post-${item.id}`
    // A top-level page may not take a slug the site itself uses (`arkiv`, `emner`, `sv`…).
    const reserved = collection === 'pages' && item.parent === 0 && reservedPageSlug(slug) !== null
    if (used.has(slug) || reserved) slug = `${slug.slice(0, 70)}-${item.id}`
    used.add(slug)
    return slug
  }

  private addTopics(terms: WxrTerm[]): void {
    const bySlug = new Map(terms.filter((t) => t.kind === 'category').map((t) => [t.slug, t]))
    // Categories first: a tag with the same slug joins the category's topic.
    for (const term of [...terms].sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'category' ? -1 : 1))) {
      const slug = slugifyAnyScript(safeDecode(term.slug)) || slugifyAnyScript(term.name)
      if (!slug) continue
      // The category hierarchy is kept in the topic's name: `Overenskomst › Løn`.
      const names: string[] = []
      let current: WxrTerm | undefined = term
      const seen = new Set<string>()
      while (current && !seen.has(current.slug)) {
        seen.add(current.slug)
        names.unshift(plainText(current.name))
        current = current.kind === 'category' && current.parent ? bySlug.get(current.parent) : undefined
      }
      const existing = [...this.topicOfTerm.values()].find((topic) => topic.slug === slug)
      const topic = existing ?? { slug, name: names.join(' › ') || slug }
      this.topicOfTerm.set(termKey(term.kind, term.slug), topic)
    }
  }

  private addItemTerm(term: WxrItem['terms'][number]): void {
    if (this.topicOfTerm.has(termKey(term.kind, term.slug))) return
    this.addTopics([{ kind: term.kind, slug: term.slug, name: term.name, parent: '' }])
  }

  /** The topic a post's category or tag stands for. */
  topicOf(kind: 'category' | 'tag', slug: string): IndexedTopic | undefined {
    return this.topicOfTerm.get(termKey(kind, slug))
  }

  /** Every topic once, in the order first seen. */
  topics(): IndexedTopic[] {
    return [...new Map([...this.topicOfTerm.values()].map((topic) => [topic.slug, topic])).values()]
  }
}

export function collectionOfType(type: string): WordPressCollection | null {
  return type === 'post' ? 'articles' : type === 'page' ? 'pages' : null
}

/** Statuses that become a document (trash only takes an earlier import off the channels). */
export function isImportedStatus(status: string): boolean {
  return !['auto-draft', 'inherit'].includes(status)
}

/**
 * The addresses a post or page had on the old site, as the redirects store them (channels/shared/old-path.ts):
 * its permalink (`link`), WordPress's default permalink (`/?p=123` for a post, `/?page_id=45` for a page,
 * which keeps answering on a WordPress site whatever the permalink setting) and, for a post, the
 * `/year/month/day/name/` form WordPress offers.
 */
export function oldPaths(item: WxrItem): string[] {
  return oldAddresses(item)
    .flatMap((address) => {
      const result = normalizeOldPath(address)
      return 'path' in result ? [result.path] : []
    })
    .filter((address, index, all) => all.indexOf(address) === index)
}

/** Every address of the item on the old site, `?p=` / `?page_id=` form included. */
function oldAddresses(item: WxrItem): string[] {
  const paths: string[] = []
  const add = (href: string) => {
    try {
      const url = new URL(href, 'http://old.invalid/')
      const path = url.pathname + url.search
      if (path !== '/' && !paths.includes(path)) paths.push(path)
    } catch {
      // not an address
    }
  }
  if (item.link) add(item.link)
  add(item.type === 'page' ? `/?page_id=${item.id}` : `/?p=${item.id}`)
  const name = item.name.replace(/__trashed(-\d+)?$/, '')
  const date = /^(\d{4})-(\d{2})-(\d{2})/.exec(item.date)
  if (item.type === 'post' && name && date && date[1] !== '0000')
    add(`/${date[1]}/${date[2]}/${date[3]}/${name}/`)
  return paths
}

/** Old addresses compare without case in the name, with a closing slash, `?p=` kept. */
function addressKey(pathAndQuery: string): string {
  const [pathname, query = ''] = pathAndQuery.split('?', 2)
  let path = safeDecode(pathname).toLowerCase()
  if (!path.endsWith('/')) path += '/'
  const params = new URLSearchParams(query)
  for (const key of ['p', 'page_id']) {
    const value = params.get(key)
    if (value && /^\d+$/.test(value)) return `/?p=${value}`
  }
  return path
}

function termKey(kind: 'category' | 'tag', slug: string): string {
  return `${kind}:${safeDecode(slug).toLowerCase()}`
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

/** Text without tags, entities decoded, spaces collapsed: titles, excerpts and alt texts. */
export function plainText(html: string): string {
  const text = html
    .replace(/<!--[\s\S]*?-->/g, ' ')
    // As WordPress's wp_strip_all_tags: a script's or style's text is no text.
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<\/?(?:p|div|br|li|ul|ol|h[1-6]|figure|figcaption|blockquote|tr|td|th|table|hr)\b[^>]*>/gi, ' ')
    .replace(/<[^>]*>/g, '')
  return decodeHTML(text).replace(/\s+/g, ' ').trim()
}

const TITLE_FROM_TEXT_MAX = 60

/** The first words of a text (HTML, shortcodes and pictures left out), at most 60 characters, cut at a word. */
export function titleFromText(html: string): string {
  const text = plainText(html.replace(/<figure\b[\s\S]*?<\/figure>/gi, ' ').replace(/\[[^\]]*\]/g, ' '))
  if (text.length <= TITLE_FROM_TEXT_MAX) return text
  const cut = text.slice(0, TITLE_FROM_TEXT_MAX + 1)
  const space = cut.lastIndexOf(' ')
  return (space > 0 ? cut.slice(0, space) : text.slice(0, TITLE_FROM_TEXT_MAX)).replace(/[\s,.;:–-]+$/, '')
}
