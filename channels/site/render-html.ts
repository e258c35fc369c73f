/**
 * The block tree as HTML, for pages (through `set:html`) and for `content:encoded` in feeds.
 * Every editor text goes through `escapeHtml`: the CMS is never trusted to have escaped anything.
 */
import type { Block, Inline, ListBlock, Locale, Media } from '../snapshot/schema.ts'
import type { SiteModel } from './site-model.ts'
import { removeControlCharacters } from '../shared/control-characters.ts'
import { wrapMarks } from '../shared/html-marks.ts'
import { safeLink } from '../shared/safe-link.ts'

/** Drops characters no HTML or XML consumer accepts (a BEL pasted into a title, say). */
export const cleanText = removeControlCharacters

export function escapeHtml(text: string): string {
  return cleanText(text).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  )
}

export interface RenderOptions {
  model: SiteModel
  locale: Locale
  /** Turns a site path into the URL to print: identity on pages, absolute in feeds. */
  url: (path: string) => string
  /** Set when the blocks are fallback text from another locale. */
  lang?: Locale
}

function renderInlines(inlines: Inline[], options: RenderOptions): string {
  return inlines.map((inline) => renderInline(inline, options)).join('')
}

function renderInline(inline: Inline, options: RenderOptions): string {
  switch (inline.type) {
    case 'text':
      return wrapMarks(escapeHtml(inline.text), inline)
    case 'lineBreak':
      return '<br>'
    case 'mergeField':
      // Merge fields belong to letters; on a public page they would leak a placeholder.
      return ''
    case 'link': {
      const children = renderInlines(inline.children, options)
      let href: string | null
      let hreflang: Locale | undefined
      if (inline.internal) {
        // Settled by the site model (channels/snapshot/links.ts); unsettled, it leads nowhere known.
        const { path, locale } = inline.internal
        href = path ? options.url(path) : null
        hreflang = locale && locale !== options.locale ? locale : undefined
      } else {
        const safe = safeLink(inline.href)
        href = safe && safe.startsWith('/') ? options.url(safe) : safe
      }
      if (!href) return children
      const attrs = [`href="${escapeHtml(href)}"`]
      if (hreflang) attrs.push(`hreflang="${hreflang}"`)
      if (inline.newTab) attrs.push('target="_blank"', 'rel="noopener"')
      return `<a ${attrs.join(' ')}>${children}</a>`
    }
  }
}

function renderList(list: ListBlock, options: RenderOptions): string {
  const tag = list.ordered ? 'ol' : 'ul'
  const items = list.items.map((item) => {
    // A check list's box is text, so a screen reader reads it and a copy keeps it: ☑ ticked, ☐ open.
    const box = list.check ? `<span class="check">${item.checked ? '☑' : '☐'}</span> ` : ''
    return `<li>${box}${renderInlines(item.children, options)}${item.list ? renderList(item.list, options) : ''}</li>`
  })
  const attrs = list.check ? ' class="checklist"' : list.start !== undefined ? ` start="${list.start}"` : ''
  return `<${tag}${attrs}>${items.join('')}</${tag}>`
}

const tableLabel: Record<Locale, string> = { da: 'Tabel', nb: 'Tabell', sv: 'Tabell', en: 'Table' }

/** A table scrolls sideways inside its own box on a narrow screen instead of widening the page. */
function renderTable(block: Extract<Block, { type: 'table' }>, options: RenderOptions): string {
  const caption = block.caption ? `<caption>${escapeHtml(block.caption)}</caption>` : ''
  const head = block.rows.filter((row) => row.header)
  const body = block.rows.filter((row) => !row.header)
  const row = (cells: Inline[][], tag: 'th' | 'td') =>
    `<tr>${cells.map((cell) => `<${tag}${tag === 'th' ? ' scope="col"' : ''}>${renderInlines(cell, options)}</${tag}>`).join('')}</tr>`
  const thead = head.length > 0 ? `<thead>${head.map((r) => row(r.cells, 'th')).join('')}</thead>` : ''
  const tbody = `<tbody>${body.map((r) => row(r.cells, 'td')).join('')}</tbody>`
  // tabindex lets a keyboard user scroll the box (axe: scrollable-region-focusable).
  return `<section class="table-scroll" tabindex="0" aria-label="${escapeHtml(block.caption ?? tableLabel[options.locale])}"><table>${caption}${thead}${tbody}</table></section>`
}

export interface ImageOptions {
  url: (path: string) => string
  /** The hero at the top of a page loads at once; everything else lazily. */
  eager?: boolean
  sizes?: string
  className?: string
}

/** `<img>` with every rendition Payload made as `srcset`, width/height against layout shift, alt from the CMS. */
export function imageHtml(media: Media, options: ImageOptions): string {
  const renditions = [...Object.values(media.sizes), media]
    .filter((r, i, all) => all.findIndex((o) => o.width === r.width) === i)
    .sort((a, b) => a.width - b.width)
  const srcset = renditions.map((r) => `${escapeHtml(options.url(r.url))} ${r.width}w`).join(', ')
  const attrs = [
    `src="${escapeHtml(options.url(media.url))}"`,
    renditions.length > 1
      ? `srcset="${srcset}" sizes="${options.sizes ?? '(max-width: 48rem) 100vw, 48rem'}"`
      : '',
    `width="${media.width}" height="${media.height}"`,
    `alt="${escapeHtml(media.alt)}"`,
    options.eager ? 'fetchpriority="high"' : 'loading="lazy"',
    'decoding="async"',
    options.className ? `class="${options.className}"` : '',
  ]
  return `<img ${attrs.filter(Boolean).join(' ')}>`
}

function renderBlock(block: Block, options: RenderOptions): string {
  switch (block.type) {
    case 'paragraph':
      return `<p>${renderInlines(block.children, options)}</p>`
    case 'heading':
      return `<h${block.level}>${renderInlines(block.children, options)}</h${block.level}>`
    case 'list':
      return renderList(block, options)
    case 'quote': {
      const quote = `<blockquote><p>${renderInlines(block.children, options)}</p></blockquote>`
      return block.citation
        ? `<figure class="quote">${quote}<figcaption>— <cite>${escapeHtml(block.citation)}</cite></figcaption></figure>`
        : quote
    }
    case 'code': {
      const language = block.language ? ` class="language-${escapeHtml(block.language)}"` : ''
      // tabindex: a long line scrolls inside the block, and the keyboard must reach it.
      return `<pre tabindex="0"><code${language}>${escapeHtml(block.code)}</code></pre>`
    }
    case 'table':
      return renderTable(block, options)
    case 'rule':
      return '<hr>'
    case 'image': {
      const media = options.model.usableMedia(block.image)
      if (!media) return block.caption ? `<p class="caption">${escapeHtml(block.caption)}</p>` : ''
      const caption = block.caption ? `<figcaption>${escapeHtml(block.caption)}</figcaption>` : ''
      const size = block.size && block.size !== 'full' ? ` class="image-${block.size}"` : ''
      return `<figure${size}>${imageHtml(media, { url: options.url })}${caption}</figure>`
    }
    case 'gallery': {
      const items = block.images.map((entry) => {
        const media = options.model.usableMedia(entry.image)
        const caption = entry.caption ? `<figcaption>${escapeHtml(entry.caption)}</figcaption>` : ''
        return media
          ? `<li><figure>${imageHtml(media, { url: options.url, sizes: '(max-width: 42rem) 50vw, 21rem' })}${caption}</figure></li>`
          : entry.caption
            ? `<li><p class="caption">${escapeHtml(entry.caption)}</p></li>`
            : ''
      })
      return `<ul class="gallery">${items.join('')}</ul>`
    }
    case 'embed': {
      const href = safeLink(block.url)
      const title = escapeHtml(block.title)
      return href
        ? `<p class="embed"><a href="${escapeHtml(href)}">▶ ${title}</a></p>`
        : `<p class="embed">${title}</p>`
    }
    case 'callout': {
      const title = block.title
        ? `<p class="callout-title"><strong>${escapeHtml(block.title)}</strong></p>`
        : ''
      const href = block.link ? safeLink(block.link.href) : null
      const link =
        block.link && href
          ? `<p><a class="button" href="${escapeHtml(href.startsWith('/') ? options.url(href) : href)}">${escapeHtml(block.link.label)}</a></p>`
          : ''
      return `<aside class="callout callout-${block.variant}">${title}<p>${renderInlines(block.children, options)}</p>${link}</aside>`
    }
  }
}

export function renderBlocks(blocks: Block[], options: RenderOptions): string {
  const html = blocks.map((block) => renderBlock(block, options)).join('\n')
  return options.lang ? `<div lang="${options.lang}">${html}</div>` : html
}
