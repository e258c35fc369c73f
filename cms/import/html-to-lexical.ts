/**
 * Imported HTML (or Markdown, through `marked`) → Lexical JSON, written for this project because
 * Payload's `convertHTMLToLexical` glues words (it drops the spaces around unknown inline elements such
 * as `<big>`), flattens tables into paragraphs, loses `<pre>` line layout and drops `<hr>`, sub/sup,
 * `<ol start>`, h5/h6 and inline images. The node shapes are those the admin's editor (cms/fields/rich-text.ts)
 * stores, so an imported body edits like a typed one; cms/export/lexical-to-blocks.ts reads them back.
 *
 * Whitespace follows CSS `white-space: normal` as a browser shows it: runs collapse to one space across
 * element boundaries, and spaces at the start and end of a block or around a line break disappear.
 * Only `<pre>` keeps its text exactly.
 *
 * Two passes, so that the costly one needs no database and can run on another thread
 * (html-conversion-thread.ts): `convertHtml` parses and builds the tree, recording in order what only the
 * import can answer (which document a site link names, which media document a picture becomes) and
 * what it warns; `resolveConversion` then asks the import those questions in the same order and puts
 * the answers in. `htmlToLexical` is the two passes one after the other.
 */
import { createRequire } from 'node:module'
import type { JSDOM as JsdomClass } from 'jsdom'
import { marked } from 'marked'
import { safeLink } from '../../channels/shared/safe-link.ts'
import { TEXT_FORMAT } from '../fields/lexical-format.ts'

type Json = Record<string, unknown>

export interface HtmlImportHooks {
  /** Uploads the picture at `src` (a path relative to the import file or the media root); null when not found. */
  resolveImage: (src: string, alt: string) => Promise<number | string | null>
  /** Reports what the tree cannot carry, naming the element (the caller adds item and field). */
  warn: (message: string) => void
  /**
   * The document a link to a path on the site points at (`/artikler/slug/`), for an internal link that
   * follows the document (and is shown as text while it is unpublished); null keeps the path as written.
   */
  resolveLink?: (href: string) => Promise<{ relationTo: string; value: number | string } | null>
}

/** Code-block languages the admin's code block offers (Payload's list), with the usual short names. */
const LANGUAGE_ALIASES: Record<string, string> = {
  js: 'javascript',
  ts: 'typescript',
  sh: 'shell',
  bash: 'shell',
  zsh: 'shell',
  py: 'python',
  rb: 'ruby',
  yml: 'yaml',
  md: 'markdown',
  text: 'plaintext',
  txt: 'plaintext',
  json: 'javascript',
  'c++': 'cpp',
  cs: 'csharp',
}

const FORMAT = TEXT_FORMAT
const MARKS: Record<string, number> = {
  B: FORMAT.bold,
  STRONG: FORMAT.bold,
  I: FORMAT.italic,
  EM: FORMAT.italic,
  CITE: FORMAT.italic,
  DFN: FORMAT.italic,
  VAR: FORMAT.italic,
  U: FORMAT.underline,
  INS: FORMAT.underline,
  S: FORMAT.strikethrough,
  STRIKE: FORMAT.strikethrough,
  DEL: FORMAT.strikethrough,
  CODE: FORMAT.code,
  KBD: FORMAT.code,
  SAMP: FORMAT.code,
  TT: FORMAT.code,
  SUB: FORMAT.subscript,
  SUP: FORMAT.superscript,
}
/** Elements that start a new block; everything else flows inline (unknown inline elements keep their text). */
const BLOCK_TAGS = new Set(
  'ADDRESS ARTICLE ASIDE BLOCKQUOTE DETAILS DIV DL DT DD FIELDSET FIGCAPTION FIGURE FOOTER H1 H2 H3 H4 H5 H6 HEADER HR LI MAIN NAV OL P PRE SECTION SUMMARY TABLE UL VIDEO AUDIO IFRAME CENTER'.split(
    ' ',
  ),
)
/** Never content: removed with everything inside (and `<input>` but a checkbox: droppedElements). */
const DROPPED = new Set(
  'script style object embed noscript template form link meta base svg canvas math button select textarea head title'.split(
    ' ',
  ),
)

/**
 * The elements under `root` that are never content, outermost only. A walk of the tree rather than
 * `querySelectorAll`: jsdom's selector engine was a tenth of an import's time.
 */
function droppedElements(root: Element): Element[] {
  const found: Element[] = []
  const visit = (parent: Element) => {
    for (const el of parent.children) {
      const name = el.localName
      if (
        DROPPED.has(name) ||
        (name === 'input' && (el.getAttribute('type') ?? '').toLowerCase() !== 'checkbox')
      )
        found.push(el)
      else visit(el)
    }
  }
  visit(root)
  return found
}

export function markdownToHtml(markdown: string): string {
  return marked.parse(markdown, { gfm: true, async: false })
}

export async function htmlToLexical(
  html: string,
  codeLanguages: ReadonlySet<string>,
  hooks: HtmlImportHooks,
): Promise<Json> {
  return resolveConversion(convertHtml(html, codeLanguages), hooks)
}

/**
 * A body converted without the import's answers: the tree, with a placeholder where an answer goes,
 * and the steps to take in order (plain data: it crosses from a worker thread as it is).
 */
export interface HtmlConversion {
  tree: Json
  steps: ConversionStep[]
}

export type ConversionStep =
  | { kind: 'warn'; message: string }
  /** A picture to upload; its answer is the media document's id, or null when not found. */
  | { kind: 'image'; src: string; alt: string }
  /** A link to a site path (`/artikler/slug/`); its answer is the document it names, or null. */
  | { kind: 'link'; href: string }

/**
 * The first pass: parse and convert, no database and no files. `codeLanguages`: those the admin's
 * code block offers (CODE_LANGUAGES of cms/fields/rich-text.ts, given by the caller so that this
 * module loads without Payload's editor, e.g. on the conversion thread); any other becomes plaintext.
 */
export function convertHtml(html: string, codeLanguages: ReadonlySet<string>): HtmlConversion {
  const steps: ConversionStep[] = []
  // A fragment is parsed into jsdom's one shared document: a new window per body (its whole DOM API)
  // added ~350 MB to an import of 600 articles (tests/cms/import-memory.test.ts).
  const container = jsdom().fragment(`<div>${html}</div>`).firstElementChild
  const children = container ? new Converter(steps, codeLanguages).blocks(dropNonContent(container)) : []
  return {
    tree: { root: { type: 'root', format: '', indent: 0, version: 1, direction: 'ltr', children } },
    steps,
  }
}

let loadedJsdom: typeof JsdomClass | undefined
/**
 * jsdom, loaded at the first conversion: when the conversion thread converts every body, the main
 * thread never loads it (tens of MB and a second or more of a loaded machine's time).
 */
function jsdom(): typeof JsdomClass {
  return (loadedJsdom ??= (createRequire(import.meta.url)('jsdom') as typeof import('jsdom')).JSDOM)
}

function dropNonContent(container: Element): Element {
  for (const el of droppedElements(container)) el.remove()
  return container
}

/**
 * The second pass: the steps of `convertHtml` in their order (warnings reported, pictures uploaded,
 * links looked up, as the one-pass converter did), then each answer put in its place. Uses up
 * `conversion` (its tree becomes the result).
 */
export async function resolveConversion(conversion: HtmlConversion, hooks: HtmlImportHooks): Promise<Json> {
  const answers: (Json | number | string | null)[] = []
  for (const step of conversion.steps) {
    if (step.kind === 'warn') {
      hooks.warn(step.message)
      answers.push(null)
    } else if (step.kind === 'image') answers.push(await hooks.resolveImage(step.src, step.alt))
    else answers.push(hooks.resolveLink ? await hooks.resolveLink(step.href) : null)
  }
  const root = conversion.tree.root as Json
  root.children = fillIn(root.children as Json[], answers, conversion.steps)
  return conversion.tree
}

/** Placeholders of the first pass (never a Lexical node type). */
const PENDING_IMAGE = 'budstikke-pending-image'
const PENDING_GALLERY = 'budstikke-pending-gallery'

interface PendingImage {
  type: typeof PENDING_IMAGE
  step: number
  /** The upload node, its `value` the media id once known. */
  found: Json
  /** What stands instead when the picture is not found: its alt text and caption as a paragraph. */
  missing: Json[]
}
interface PendingGallery {
  type: typeof PENDING_GALLERY
  images: { step: number | null; entry: Json; alt: string }[]
  caption: string | undefined
}
/** A link's fields until the document its path names is known. */
interface PendingLinkFields {
  pendingLink: number
  newTab: boolean
}

function fillIn(
  nodes: Json[],
  answers: readonly (Json | number | string | null)[],
  steps: readonly ConversionStep[],
): Json[] {
  const out: Json[] = []
  for (const node of nodes) {
    if (node.type === PENDING_IMAGE) {
      const pending = node as unknown as PendingImage
      const id = answers[pending.step] as number | string | null
      if (id === null) out.push(...pending.missing)
      else out.push({ ...pending.found, value: id })
      continue
    }
    if (node.type === PENDING_GALLERY) {
      out.push(...gallery(node as unknown as PendingGallery, answers))
      continue
    }
    if (node.type === 'link' && typeof (node.fields as Partial<PendingLinkFields>).pendingLink === 'number') {
      const { pendingLink, newTab } = node.fields as unknown as PendingLinkFields
      const doc = answers[pendingLink]
      const href = (steps[pendingLink] as { href: string }).href
      node.fields = doc ? { doc, newTab, linkType: 'internal' } : { url: href, newTab, linkType: 'custom' }
    }
    if (Array.isArray(node.children)) node.children = fillIn(node.children as Json[], answers, steps)
    out.push(node)
  }
  return out
}

/** A gallery of the pictures found; those not found keep their alt text visible, the caption follows as text. */
function gallery(pending: PendingGallery, answers: readonly (Json | number | string | null)[]): Json[] {
  const entries: Json[] = []
  const missingAlts: string[] = []
  for (const { step, entry, alt } of pending.images) {
    const id = step === null ? null : answers[step]
    if (id !== null) entries.push({ ...entry, image: id })
    else missingAlts.push(alt)
  }
  const out: Json[] = []
  if (entries.length > 0) out.push(blockNode({ blockType: 'gallery', images: entries }))
  const words = [...missingAlts, pending.caption ?? ''].filter(Boolean).join(' ')
  if (words) out.push(paragraph([textNode(words, 0)]))
  return out
}

// ---------------------------------------------------------------- node factories

const elementBase = { direction: 'ltr', format: '', indent: 0, version: 1 }
const paragraph = (children: Json[]): Json => ({
  type: 'paragraph',
  ...elementBase,
  textFormat: 0,
  textStyle: '',
  children,
})
const textNode = (text: string, format: number): Json => ({
  type: 'text',
  text,
  format,
  detail: 0,
  mode: 'normal',
  style: '',
  version: 1,
})
const lineBreak = (): Json => ({ type: 'linebreak', version: 1 })
const blockNode = (fields: Json): Json => ({
  type: 'block',
  format: '',
  version: 2,
  fields: { id: newId(), blockName: '', ...fields },
})

let idCounter = 0
/** Payload's block ids are 24-hex ObjectIds; a counter plus time is unique within and across imports. */
function newId(): string {
  idCounter = (idCounter + 1) % 0xffffff
  return (
    Date.now().toString(16).padStart(12, '0') +
    Math.floor(Math.random() * 0xffffff)
      .toString(16)
      .padStart(6, '0') +
    idCounter.toString(16).padStart(6, '0')
  ).slice(-24)
}

/** An inline image met inside running text: the paragraph is split around it. */
interface ImagePiece {
  kind: 'image'
  img: Element
}
type InlinePiece = Json | ImagePiece
const isImage = (piece: InlinePiece): piece is ImagePiece => (piece as ImagePiece).kind === 'image'

class Converter {
  readonly #steps: ConversionStep[]
  readonly #codeLanguages: ReadonlySet<string>

  constructor(steps: ConversionStep[], codeLanguages: ReadonlySet<string>) {
    this.#steps = steps
    this.#codeLanguages = codeLanguages
  }

  /** Records a step for the second pass; its index is where its answer will be. */
  private step(step: ConversionStep): number {
    return this.#steps.push(step) - 1
  }

  private warn(message: string): void {
    this.step({ kind: 'warn', message })
  }

  /** The block children of a container; loose inline content between blocks becomes paragraphs. */
  blocks(container: Element): Json[] {
    const out: Json[] = []
    let run: Node[] = []
    const flush = () => {
      if (run.length === 0) return
      out.push(...this.paragraphs(run, 0))
      run = []
    }
    for (const node of [...container.childNodes]) {
      if (node.nodeType === 1 && BLOCK_TAGS.has((node as Element).tagName)) {
        flush()
        out.push(...this.block(node as Element))
      } else run.push(node)
    }
    flush()
    return out
  }

  private block(el: Element): Json[] {
    switch (el.tagName) {
      case 'P':
        return this.paragraphs([...el.childNodes], 0)
      case 'H1':
      case 'H2':
      case 'H3':
      case 'H4':
      case 'H5':
      case 'H6': {
        const children = normaliseSpaces(this.textOnly(this.inlines([...el.childNodes], 0), 'a heading'))
        // h1 belongs to the page title (the editor offers h2–h6): a body h1 joins h2.
        const tag = el.tagName === 'H1' ? 'h2' : el.tagName.toLowerCase()
        return children.length > 0 ? [{ type: 'heading', tag, ...elementBase, children }] : []
      }
      case 'UL':
      case 'OL':
        return [this.list(el)]
      case 'DL':
        return this.descriptionList(el)
      case 'BLOCKQUOTE':
        return this.quote(el)
      case 'PRE':
        return [this.code(el)]
      case 'TABLE':
        return this.table(el)
      case 'HR':
        return [{ type: 'horizontalrule', version: 1 }]
      case 'FIGURE':
        return this.figure(el)
      case 'VIDEO':
      case 'AUDIO':
      case 'IFRAME':
        return this.embed(el)
      default:
        // Containers (div, section, li outside a list…) hold blocks of their own.
        return this.blocks(el)
    }
  }

  // ------------------------------------------------------------ inline text

  /** Inline content as paragraphs; images inside it stand between the paragraphs where they were. */
  private paragraphs(nodes: Node[], format: number): Json[] {
    const pieces = this.inlines(nodes, format)
    const out: Json[] = []
    let current: Json[] = []
    const flush = () => {
      const children = normaliseSpaces(current) as Json[]
      if (children.length > 0) out.push(paragraph(children))
      current = []
    }
    for (const piece of pieces) {
      if (isImage(piece)) {
        flush()
        out.push(...this.image(piece.img, undefined))
      } else current.push(piece)
    }
    flush()
    return out
  }

  private inlines(nodes: Node[], format: number): InlinePiece[] {
    const out: InlinePiece[] = []
    for (const node of nodes) {
      if (node.nodeType === 3) {
        out.push(textNode(node.textContent ?? '', format))
        continue
      }
      if (node.nodeType !== 1) continue
      const el = node as Element
      const tag = el.tagName
      if (tag === 'BR') out.push(lineBreak())
      else if (tag === 'IMG') out.push({ kind: 'image', img: el })
      else if (tag === 'A') out.push(...this.link(el, format))
      else if (tag === 'Q')
        out.push(textNode('“', format), ...this.inlines([...el.childNodes], format), textNode('”', format))
      else if (BLOCK_TAGS.has(tag)) {
        // A block inside inline content (a <p> in a table cell, say) reads as its own line.
        out.push(lineBreak(), ...this.inlines([...el.childNodes], format | (MARKS[tag] ?? 0)), lineBreak())
      } else out.push(...this.inlines([...el.childNodes], format | (MARKS[tag] ?? 0)))
    }
    return out
  }

  private link(el: Element, format: number): InlinePiece[] {
    const children = this.inlines([...el.childNodes], format)
    const href = el.getAttribute('href')?.trim() ?? ''
    // Unsafe targets (`javascript:` and friends) keep their text only: channels/shared/safe-link.ts.
    if (!safeLink(href)) return children
    const texts = children.filter((c) => !isImage(c))
    const images = children.filter(isImage)
    const newTab = el.getAttribute('target') === '_blank'
    // A site path may name a document: the second pass asks (PendingLinkFields).
    const fields: Json = href.startsWith('/')
      ? ({ pendingLink: this.step({ kind: 'link', href }), newTab } satisfies PendingLinkFields)
      : { url: href, newTab, linkType: 'custom' }
    return [
      {
        type: 'link',
        ...elementBase,
        fields,
        children: texts,
      },
      ...images,
    ]
  }

  /** Where a picture cannot stand (a heading, list item, quote or table cell), its alt text does, with a warning. */
  private textOnly(pieces: InlinePiece[], where: string): Json[] {
    return pieces.map((piece) => {
      if (!isImage(piece)) return piece
      const alt = piece.img.getAttribute('alt')?.replace(/\s+/g, ' ').trim() ?? ''
      this.warn(
        `<img src="${(piece.img.getAttribute('src') ?? '').slice(0, 200)}"> inside ${where} not supported; ${alt ? 'its alt text is kept' : 'it has no alt text and is left out'}`,
      )
      return textNode(alt ? ` ${alt} ` : '', 0)
    })
  }

  // ------------------------------------------------------------ blocks

  private list(el: Element): Json {
    const items = [...el.children].filter((child) => child.tagName === 'LI')
    const check =
      el.tagName === 'UL' &&
      items.length > 0 &&
      items.every((li) =>
        li.querySelector(
          ':scope > input[type=checkbox], :scope > p > input[type=checkbox], :scope > label > input[type=checkbox]',
        ),
      )
    const ordered = el.tagName === 'OL'
    const start = ordered ? Number.parseInt(el.getAttribute('start') ?? '1', 10) || 1 : 1
    const listType = check ? 'check' : ordered ? 'number' : 'bullet'
    const children: Json[] = []
    let value = start
    for (const li of items) {
      const box = li.querySelector('input[type=checkbox]')
      const checked = check ? { checked: box?.hasAttribute('checked') ?? false } : {}
      box?.remove()
      const nested = [...li.children].filter((child) => child.tagName === 'UL' || child.tagName === 'OL')
      const own = [...li.childNodes].filter((node) => !nested.includes(node as Element))
      const inlines = normaliseSpaces(this.textOnly(this.inlines(own, 0), 'a list item'))
      children.push({ type: 'listitem', ...elementBase, value: value++, ...checked, children: inlines })
      // Lexical keeps a nested list in an item of its own right after its parent item.
      for (const sub of nested)
        children.push({ type: 'listitem', ...elementBase, value: value++, children: [this.list(sub)] })
    }
    return { type: 'list', listType, start, tag: ordered ? 'ol' : 'ul', ...elementBase, children }
  }

  /** A description list has no block of its own: each term is a bold paragraph, each description a paragraph. */
  private descriptionList(el: Element): Json[] {
    const out: Json[] = []
    for (const child of el.querySelectorAll(
      ':scope > dt, :scope > dd, :scope > div > dt, :scope > div > dd',
    )) {
      out.push(...this.paragraphs([...child.childNodes], child.tagName === 'DT' ? FORMAT.bold : 0))
    }
    return out
  }

  /** A quote's paragraphs join with line breaks; a closing `<cite>`/`<footer>` becomes its citation line (`— Name`). */
  private quote(el: Element): Json[] {
    const last = el.lastElementChild
    const citationEl =
      last && (last.tagName === 'FOOTER' || last.tagName === 'CITE')
        ? last
        : last?.tagName === 'P' &&
            last.lastElementChild?.tagName === 'CITE' &&
            last.textContent?.trim() === last.lastElementChild.textContent?.trim()
          ? last
          : null
    const citation =
      citationEl?.textContent
        ?.replace(/\s+/g, ' ')
        .replace(/^\s*(?:—|–|--|-)\s*/, '')
        .trim() ?? ''
    citationEl?.remove()
    const children: InlinePiece[] = []
    for (const node of [...el.childNodes]) {
      if (node.nodeType === 1 && BLOCK_TAGS.has((node as Element).tagName)) {
        if (children.length > 0) children.push(lineBreak())
        children.push(...this.inlines([...node.childNodes], 0))
      } else children.push(...this.inlines([node], 0))
    }
    const inlines = normaliseSpaces(this.textOnly(children, 'a quote'))
    if (citation) inlines.push(lineBreak(), textNode(`— ${citation}`, 0))
    return inlines.length > 0 ? [{ type: 'quote', ...elementBase, children: inlines }] : []
  }

  /** `<pre>` keeps every space and line break; a browser drops one newline right after the opening tag. */
  private code(el: Element): Json {
    const codeEl = el.querySelector(':scope > code') ?? el
    const className = `${codeEl.getAttribute('class') ?? ''} ${el.getAttribute('class') ?? ''}`
    const given = /(?:^|\s)(?:language|lang)-([\w+#-]+)/.exec(className)?.[1]?.toLowerCase()
    const language = given ? (LANGUAGE_ALIASES[given] ?? given) : 'plaintext'
    const code = (el.textContent ?? '').replace(/^\r?\n/, '').replace(/\r?\n$/, '')
    return blockNode({
      blockType: 'code',
      language: this.#codeLanguages.has(language) ? language : 'plaintext',
      code,
    })
  }

  private table(el: Element): Json[] {
    const rows = [
      ...el.querySelectorAll(':scope > tr, :scope > thead > tr, :scope > tbody > tr, :scope > tfoot > tr'),
    ]
    const children: Json[] = []
    for (const tr of rows) {
      const cells = [...tr.children].filter((c) => c.tagName === 'TD' || c.tagName === 'TH')
      const headRow =
        tr.parentElement?.tagName === 'THEAD' || (cells.length > 0 && cells.every((c) => c.tagName === 'TH'))
      const rowChildren: Json[] = []
      for (const cell of cells) {
        const inlines = normaliseSpaces(this.textOnly(this.inlines([...cell.childNodes], 0), 'a table cell'))
        // TableCellHeaderStates: 1 = heads its column (a header row), 2 = heads its row.
        const headerState = headRow ? 1 : cell.tagName === 'TH' ? 2 : 0
        rowChildren.push({
          type: 'tablecell',
          ...elementBase,
          headerState,
          colSpan: 1,
          rowSpan: 1,
          backgroundColor: null,
          children: [paragraph(inlines)],
        })
      }
      children.push({ type: 'tablerow', ...elementBase, children: rowChildren })
    }
    const caption = el.querySelector(':scope > caption')?.textContent?.replace(/\s+/g, ' ').trim()
    if (children.length === 0) return []
    // The caption as the admin's table-caption block right after the table (cms/fields/rich-text.ts).
    const table = { type: 'table', ...elementBase, children }
    return caption ? [table, blockNode({ blockType: 'tableCaption', text: caption })] : [table]
  }

  /** A figure with one picture is an image with a caption; with several, a gallery. */
  private figure(el: Element): Json[] {
    // An embed the WordPress import recognised (`[embed]`, a video address on its own line): a titled link.
    const embedUrl = el.getAttribute('data-embed')?.trim() ?? ''
    if (embedUrl && safeLink(embedUrl) && URL.canParse(embedUrl) && /^https?:\/\//i.test(embedUrl))
      return [
        blockNode({
          blockType: 'embed',
          url: embedUrl,
          title: el.getAttribute('data-title')?.trim() || new URL(embedUrl).hostname,
        }),
      ]
    const images = [...el.getElementsByTagName('img')]
    const captionEl = el.getElementsByTagName('figcaption')[0]
    const caption = captionEl?.textContent?.replace(/\s+/g, ' ').trim() || undefined
    if (images.length === 0) return this.blocks(el)
    captionEl?.remove()
    if (images.length === 1) return this.image(images[0], caption)
    // Pictures that could not be found keep their alt text visible; the gallery's caption follows as text.
    const pending: PendingGallery = {
      type: PENDING_GALLERY,
      images: images.map((img) => ({
        step: this.upload(img),
        entry: { id: newId(), image: null, ...altField(img) },
        alt: img.getAttribute('alt')?.trim() ?? '',
      })),
      caption,
    }
    return [pending as unknown as Json]
  }

  private image(img: Element, caption: string | undefined): Json[] {
    const step = this.upload(img)
    // The picture is gone, its words are not: alt text and caption stay visible as a paragraph.
    const words = [img.getAttribute('alt')?.trim(), caption].filter(Boolean).join(' ')
    const missing = words ? [paragraph([textNode(words, 0)])] : []
    if (step === null) return missing
    const pending: PendingImage = {
      type: PENDING_IMAGE,
      step,
      found: {
        type: 'upload',
        format: '',
        version: 3,
        id: newId(),
        relationTo: 'media',
        value: null,
        fields: { ...altField(img), ...(caption ? { caption } : {}) },
      },
      missing,
    }
    return [pending as unknown as Json]
  }

  /** The step that uploads the picture, or null (with a warning) when it names no file. */
  private upload(img: Element): number | null {
    const src = img.getAttribute('src')?.trim() ?? ''
    const alt = img.getAttribute('alt')?.replace(/\s+/g, ' ').trim() ?? ''
    if (!src) {
      this.warn('<img> without src; its alt text is kept')
      return null
    }
    return this.step({ kind: 'image', src, alt })
  }

  /** Video, audio and frames become a titled link: a player would load third-party code with the page. */
  private embed(el: Element): Json[] {
    const tag = el.tagName.toLowerCase()
    const src = (el.getAttribute('src') ?? el.querySelector('source[src]')?.getAttribute('src') ?? '').trim()
    if (!/^https?:\/\//i.test(src)) {
      this.warn(`<${tag}> without a web address (${JSON.stringify(src.slice(0, 60))}); left out`)
      return []
    }
    const title =
      el.getAttribute('title')?.trim() || el.textContent?.replace(/\s+/g, ' ').trim() || new URL(src).hostname
    this.warn(`<${tag}> not supported; its link is kept`)
    return [blockNode({ blockType: 'embed', url: src, title })]
  }
}

/** The alt text as written at this place (the uploaded picture keeps the first one it was given). */
function altField(img: Element): { alt?: string } {
  const alt = img.getAttribute('alt')?.replace(/\s+/g, ' ').trim()
  return alt ? { alt } : {}
}

// ---------------------------------------------------------------- whitespace as a browser shows it

/**
 * Collapses runs of spaces, tabs and newlines to one space across the whole run of inlines (links
 * included), drops spaces at the start, the end and around line breaks, and removes what ends up empty.
 * A no-break space is content and stays.
 */
function normaliseSpaces<T extends InlinePiece>(pieces: T[]): T[] {
  const flat: Json[] = []
  const collect = (nodes: InlinePiece[]) => {
    for (const node of nodes) {
      if (isImage(node)) continue
      if (node.type === 'link') collect(node.children as Json[])
      else flat.push(node)
    }
  }
  collect(pieces)
  let afterSpace = true
  for (const node of flat) {
    if (node.type === 'linebreak') {
      afterSpace = true
      continue
    }
    let text = String(node.text).replace(/[ \t\n\r\f]+/g, ' ')
    if (afterSpace) text = text.replace(/^ /, '')
    if (text) afterSpace = text.endsWith(' ')
    node.text = text
  }
  // Trailing spaces before a line break or at the end.
  let beforeBreak = true
  for (let i = flat.length - 1; i >= 0; i--) {
    const node = flat[i]
    if (node.type === 'linebreak') {
      beforeBreak = true
      continue
    }
    if (beforeBreak) node.text = String(node.text).replace(/ $/, '')
    if (node.text) beforeBreak = false
  }
  const prune = (nodes: InlinePiece[]): InlinePiece[] =>
    nodes.filter((node) => {
      if (isImage(node)) return true
      if (node.type === 'text') return node.text !== ''
      if (node.type === 'link') {
        node.children = prune(node.children as Json[])
        return (node.children as Json[]).length > 0
      }
      return true
    })
  const pruned = prune(pieces)
  // Line breaks at the very start or end of a block show nothing.
  while (pruned.length > 0 && !isImage(pruned[0]) && pruned[0].type === 'linebreak') pruned.shift()
  while (
    pruned.length > 0 &&
    !isImage(pruned[pruned.length - 1]) &&
    (pruned[pruned.length - 1] as Json).type === 'linebreak'
  )
    pruned.pop()
  return pruned as T[]
}
