/**
 * A WordPress post's content as the HTML the import path reads (cms/import/html-to-lexical.ts), done
 * the way WordPress's own `the_content` does it, in its order:
 *
 * 1. block-editor posts (`<!-- wp:… -->`): embed, video and audio blocks become embeds, the block
 *    comments go; classic posts: `[embed]` and a video address alone on its line become embeds
 *    (WordPress's auto-embed runs before the paragraphs), then automatic paragraphs with
 *    @wordpress/autop, WordPress's own JavaScript port of `wpautop` (block posts get none, as in WordPress);
 * 2. shortcodes: `[caption]` → picture with caption, `[gallery]` → gallery, `[embed]`, `[audio]`,
 *    `[video]` → embed; any other is removed with a warning naming it (its enclosed text stays);
 * 3. pictures: matched to the `--uploads` copy by the path after `/uploads/`; one without its file
 *    leaves its alt text and a warning naming the address; links to posts, pages and categories of the
 *    same site point at their new addresses.
 *
 * Pure: the file lookup and the old-address lookup come in as functions.
 */
import { autop } from '@wordpress/autop'
import { decodeHTML, escapeAttribute, escapeText } from 'entities'

export interface ContentHooks {
  /** The path under `--uploads` of the file at this address, when that file exists. */
  uploadedFile(url: string): string | null
  /** Address and alt text of an attachment (`[gallery ids]`, `[caption id]`). */
  attachment(id: number): { url: string; alt: string } | undefined
  /** Attachments of this post, for a `[gallery]` without ids. */
  childAttachments(): { url: string; alt: string }[]
  /** The new address for a link to the old site (`/artikler/slug/`); null for other links. */
  rewriteLink(href: string): string | null
  warn(message: string): void
  /** `--uploads` was given (the warning for a missing file says which). */
  hasUploads: boolean
}

/** Marks an embed for html-to-lexical (a titled link, never a player, without the "not supported" warning). */
export function embedMarker(url: string, title: string): string {
  return `\n<figure data-embed="${escapeAttribute(url)}" data-title="${escapeAttribute(title)}"></figure>\n`
}

const BLOCK_COMMENT = /<!--\s+(\/)?wp:([a-z0-9-]+(?:\/[a-z0-9-]+)?)(\s+\{[\s\S]*?\})?\s+(\/)?-->/g

/** Hosts whose addresses WordPress shows as a video when alone on a line (its oEmbed list, video part). */
const VIDEO_HOSTS =
  /^(?:www\.|m\.)?(?:youtube\.com|youtu\.be|vimeo\.com|player\.vimeo\.com|dailymotion\.com|dai\.ly|ted\.com|tiktok\.com|videopress\.com|twitch\.tv|facebook\.com\/[^/]+\/videos|flickr\.com)$/i
const VIDEO_FILE = /\.(?:mp4|m4v|webm|ogv|mov|wmv|flv)(?:[?#]|$)/i
const MEDIA_ATTRIBUTES = ['src', 'mp3', 'ogg', 'm4a', 'wav', 'mp4', 'webm', 'ogv', 'm4v', 'flv', 'wmv', 'mov']

export function wordpressContentToHtml(raw: string, hooks: ContentHooks): string {
  // `<!--nextpage-->` splits a post into pages; here they follow each other with a rule between.
  let html = raw.replace(/<!--nextpage-->/g, '\n\n<hr />\n\n').replace(/<!--(?:more|noteaser)\b.*?-->/g, '')
  if (/<!--\s+\/?wp:[a-z]/.test(html)) html = blockEditorHtml(html)
  else html = classicHtml(html)
  html = shortcodes(html, hooks)
  html = unwrapUploadLinks(html)
  html = pictures(html, hooks)
  return links(html, hooks)
}

/** The part before `<!--more-->`, when the post has one (WordPress's teaser). */
export function teaserOf(raw: string): string | null {
  const match = /<!--more\b.*?-->/.exec(raw)
  return match ? raw.slice(0, match.index) : null
}

// ---------------------------------------------------------------- editors

function blockEditorHtml(html: string): string {
  // Embed, video and audio blocks carry their address; their inner HTML is a wrapper around it.
  html = html.replace(
    /<!--\s+wp:(embed|core-embed\/[a-z0-9-]+|video|audio)(\s+\{[\s\S]*?\})?\s+-->([\s\S]*?)<!--\s+\/wp:\1\s+-->/g,
    (_all, _name: string, json: string | undefined, inner: string) => {
      const attributes = parseJson(json)
      const url =
        (typeof attributes.url === 'string' ? attributes.url : '') ||
        /\ssrc="([^"]+)"/.exec(inner)?.[1] ||
        /(https?:\/\/[^\s<"]+)/.exec(inner)?.[1] ||
        ''
      const caption = /<figcaption[^>]*>([\s\S]*?)<\/figcaption>/.exec(inner)?.[1] ?? ''
      return url ? embedMarker(decodeAmp(url), plain(caption) || titleOfUrl(url)) : ''
    },
  )
  return html.replace(BLOCK_COMMENT, '\n')
}

function classicHtml(html: string): string {
  // A video address alone on its line (WordPress's auto-embed), outside any tag.
  html = html.replace(/^[ \t]*(https?:\/\/[^\s<>"]+)[ \t]*$/gim, (line, url: string) =>
    isVideoUrl(url) ? embedMarker(url, titleOfUrl(url)) : line,
  )
  html = autop(html)
  // WordPress's shortcode_unautop: a shortcode alone in a paragraph is not wrapped in one.
  return html.replace(/<p>\s*(\[[a-zA-Z][\s\S]*?\])\s*<\/p>/g, (all, inner: string) =>
    /^\[([a-zA-Z][\w-]*)[\s\S]*(?:\[\/\1\]|\])$/.test(inner) && !/<\/?p>/.test(inner) ? inner : all,
  )
}

function isVideoUrl(url: string): boolean {
  try {
    const parsed = new URL(url)
    const hostAndPath = parsed.host + (/facebook\.com$/.test(parsed.host) ? parsed.pathname : '')
    return VIDEO_HOSTS.test(parsed.host) || VIDEO_HOSTS.test(hostAndPath) || VIDEO_FILE.test(parsed.pathname)
  } catch {
    return false
  }
}

// ---------------------------------------------------------------- shortcodes

/** WordPress's get_shortcode_regex() for any name: `[[escaped]]`, `[name attrs /]`, `[name]…[/name]`. */
const SHORTCODE =
  /\[(\[?)([a-zA-Z][\w-]*)(?![\w-])([^\]/]*(?:\/(?!\])[^\]/]*)*?)(?:(\/)\]|\](?:([^[]*(?:\[(?!\/\2\])[^[]*)*)(\[\/\2\]))?)(\]?)/g

function shortcodes(html: string, hooks: ContentHooks): string {
  return html.replace(
    SHORTCODE,
    (
      all,
      open: string,
      name: string,
      attributeText: string,
      _self,
      content: string | undefined,
      _c,
      close: string,
    ) => {
      if (open === '[' && close === ']') return all.slice(1, -1)
      const attributes = parseAttributes(attributeText)
      const tag = name.toLowerCase()
      switch (tag) {
        case 'caption':
        case 'wp_caption':
          return caption(content ?? '', attributes, hooks)
        case 'gallery':
          return gallery(attributes, hooks)
        case 'embed': {
          const url = (content ?? '').trim() || attributes.src || ''
          if (/^https?:\/\//i.test(url)) return embedMarker(decodeAmp(url), titleOfUrl(url))
          hooks.warn(`shortcode [embed] without a web address removed`)
          return ''
        }
        case 'audio':
        case 'video': {
          const url = MEDIA_ATTRIBUTES.map((key) => attributes[key]).find(Boolean) ?? ''
          if (/^https?:\/\//i.test(url)) return embedMarker(decodeAmp(url), titleOfUrl(url))
          hooks.warn(`shortcode [${tag}] without a web address removed`)
          return ''
        }
        default:
          hooks.warn(`shortcode [${name}] removed${content ? ' (the text it enclosed is kept)' : ''}`)
          return content ? shortcodes(content, hooks) : ''
      }
    },
  )
}

/** WordPress's shortcode_parse_atts. */
function parseAttributes(text: string): Record<string, string> {
  const attributes: Record<string, string> = {}
  const pattern =
    /([\w-]+)\s*=\s*"([^"]*)"(?:\s|$)|([\w-]+)\s*=\s*'([^']*)'(?:\s|$)|([\w-]+)\s*=\s*([^\s'"]+)(?:\s|$)|"([^"]*)"(?:\s|$)|'([^']*)'(?:\s|$)|(\S+)(?:\s|$)/g
  const normalised = text.replace(/[\u00a0\u200b]/g, ' ').replace(/[\u2033\u201d\u201c]/g, '"')
  for (const m of normalised.matchAll(pattern)) {
    if (m[1]) attributes[m[1].toLowerCase()] = m[2]
    else if (m[3]) attributes[m[3].toLowerCase()] = m[4]
    else if (m[5]) attributes[m[5].toLowerCase()] = m[6]
  }
  return attributes
}

function caption(content: string, attributes: Record<string, string>, hooks: ContentHooks): string {
  const img = /<img\b[^>]*>/i.exec(content)?.[0]
  if (!img) {
    hooks.warn('shortcode [caption] without a picture: its text is kept')
    return `<p>${content}</p>`
  }
  const text = attributes.caption ?? content.replace(/<a\b[^>]*>\s*<img\b[^>]*>\s*<\/a>|<img\b[^>]*>/i, '')
  return `\n<figure>${img}<figcaption>${escapeText(plain(text))}</figcaption></figure>\n`
}

function gallery(attributes: Record<string, string>, hooks: ContentHooks): string {
  const ids = (attributes.ids ?? attributes.include ?? '')
    .split(',')
    .map((id) => Number(id.trim()))
    .filter((id) => Number.isInteger(id) && id > 0)
  const pictures: { url: string; alt: string }[] = []
  if (ids.length > 0) {
    for (const id of ids) {
      const attachment = hooks.attachment(id)
      if (attachment) pictures.push(attachment)
      else hooks.warn(`[gallery]: attachment ${id} is not in the export; left out`)
    }
  } else pictures.push(...hooks.childAttachments())
  if (pictures.length === 0) {
    hooks.warn('[gallery] without pictures removed')
    return ''
  }
  // A picture without its file leaves the gallery; its alt text follows it, as for a single picture.
  const found = pictures.filter((p) => hooks.uploadedFile(p.url))
  const missing = pictures.filter((p) => !hooks.uploadedFile(p.url))
  for (const p of missing) hooks.warn(missingPicture(p.url, p.alt, hooks))
  const images = found
    .map((p) => `<img src="${escapeAttribute(p.url)}" alt="${escapeAttribute(p.alt)}">`)
    .join('')
  const alts = missing.map((p) => escapeText(p.alt)).filter(Boolean)
  return `\n${images ? `<figure>${images}</figure>` : ''}${alts.length ? `<p>${alts.join(' ')}</p>` : ''}\n`
}

// ---------------------------------------------------------------- pictures and links

/** A picture linked to its own file or attachment page: the link would lead to the old site, the picture stays. */
function unwrapUploadLinks(html: string): string {
  return html.replace(
    /<a\b[^>]*\bhref\s*=\s*["']([^"']*)["'][^>]*>\s*(<img\b[^>]*>)\s*<\/a>/gi,
    (all, href: string, img: string) =>
      /\/uploads\/|[?&]attachment_id=|\/attachment\//i.test(href) ? img : all,
  )
}

function pictures(html: string, hooks: ContentHooks): string {
  return html.replace(/<img\b[^>]*>/gi, (img) => {
    const src = decodeAmp(attribute(img, 'src') ?? '')
    const alt = plain(attribute(img, 'alt') ?? '')
    const file = src ? hooks.uploadedFile(src) : null
    if (file) return `<img src="${escapeAttribute(file)}" alt="${escapeAttribute(alt)}">`
    hooks.warn(missingPicture(src, alt, hooks))
    return alt ? ` ${escapeText(alt)} ` : ''
  })
}

function missingPicture(url: string, alt: string, hooks: ContentHooks): string {
  return `picture ${url || '(no address)'} not found${hooks.hasUploads ? ' under --uploads' : ' (no --uploads given)'}; ${alt ? 'its alt text is kept' : 'it has no alt text'}`
}

function links(html: string, hooks: ContentHooks): string {
  return html.replace(/<a\b[^>]*>/gi, (tag) => {
    const href = attribute(tag, 'href')
    if (href === null) return tag
    const target = hooks.rewriteLink(decodeAmp(href))
    return target === null ? tag : `<a href="${escapeAttribute(target)}">`
  })
}

function attribute(tag: string, name: string): string | null {
  const match = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag)
  return match ? (match[1] ?? match[2] ?? match[3]) : null
}

// ---------------------------------------------------------------- small helpers

function parseJson(json: string | undefined): Record<string, unknown> {
  if (!json) return {}
  try {
    const value: unknown = JSON.parse(json)
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {}
  } catch {
    return {}
  }
}

function decodeAmp(url: string): string {
  return url.replace(/&amp;/g, '&').replace(/&#0?38;/g, '&')
}

function plain(html: string): string {
  return decodeHTML(html.replace(/<[^>]*>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim()
}

/** A link's title when nothing better is known: the file name, else the host. */
function titleOfUrl(url: string): string {
  try {
    const parsed = new URL(decodeAmp(url))
    const file = decodeURIComponent(parsed.pathname.split('/').pop() ?? '')
    return /\.[a-z0-9]{2,4}$/i.test(file) ? file : parsed.host.replace(/^www\./, '')
  } catch {
    return url
  }
}
