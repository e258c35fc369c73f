/**
 * The preview page an editor sees (the admin's Preview tab frames it; the Preview button opens it):
 * four tabs, one per channel, made of radio buttons and CSS so the page needs no script.
 */
import {
  PREVIEW_CHANNEL_LABELS,
  PREVIEW_CHANNELS,
  type ChannelPreview,
  type PreviewChannel,
  type PreviewManifest,
} from '../../channels/preview/preview-manifest.ts'
import { SAMPLE_RECIPIENT } from '../../channels/preview/sample-recipient.ts'
import { LOCALES } from '../../channels/snapshot/schema.ts'
import type { DraftInfo, PreviewRequest } from './preview-store.ts'

const CARD_USES = {
  og: 'link previews on Facebook, LinkedIn and X',
  square: 'Instagram and Facebook feed posts',
  story: 'Instagram and Facebook stories',
} as const

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  )
}

export interface PageLinks {
  /** The page itself in another locale, or with `retry=1`. */
  page(options: { locale?: string; retry?: boolean }): string
  /** A file of the rendered preview. */
  file(relativePath: string): string
  embed: boolean
}

const sampleAddress = `${SAMPLE_RECIPIENT.first_name} ${SAMPLE_RECIPIENT.last_name}, ${SAMPLE_RECIPIENT.address_line1}, ${SAMPLE_RECIPIENT.postal_code} ${SAMPLE_RECIPIENT.city}`

function shell(title: string, body: string, options: { embed: boolean; refreshSeconds?: number }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
${options.refreshSeconds ? `<meta http-equiv="refresh" content="${options.refreshSeconds}">` : ''}
<title>${escapeHtml(title)} · Budstikke</title>
<style>${STYLE}</style>
</head>
<body class="${options.embed ? 'embed' : 'page'}">
${body}
</body>
</html>
`
}

function heading(draft: DraftInfo, request: PreviewRequest): string {
  return `“${escapeHtml(draft.title || '(no title yet)')}” <small>${escapeHtml(draft.label)} · ${request.locale}</small>`
}

export function renderingPage(
  request: PreviewRequest,
  draft: DraftInfo,
  elapsedSeconds: number,
  queued: boolean,
  links: PageLinks,
): string {
  const status = queued
    ? 'Waiting for another preview to finish…'
    : `Rendering… ${Math.round(elapsedSeconds)} s so far.`
  return shell(
    `Preview: ${draft.title}`,
    `<main class="status" aria-busy="true">
  <h1>Preview of ${heading(draft, request)}</h1>
  <p class="rendering" role="status">${status} A preview renders the web page, the e-mail, the letter and the cards with the same code that publishes. The first preview after the admin starts takes longer (5–10 seconds, more on a busy machine) while the renderers load; later ones take a second or two. This page updates by itself.</p>
</main>`,
    { embed: links.embed, refreshSeconds: 2 },
  )
}

export function failedPage(
  request: PreviewRequest,
  draft: DraftInfo,
  message: string,
  links: PageLinks,
): string {
  return shell(
    `Preview failed: ${draft.title}`,
    `<main class="status">
  <h1>Preview of ${heading(draft, request)}</h1>
  <div class="error" role="alert">
    <p><strong>The preview could not be made.</strong></p>
    <pre>${escapeHtml(message)}</pre>
    <p>Fix the field named above, save the draft, and the preview is made again. <a href="${escapeHtml(links.page({ retry: true }))}">Try again now</a></p>
  </div>
</main>`,
    { embed: links.embed },
  )
}

export function messagePage(title: string, message: string, embed: boolean): string {
  return shell(
    title,
    `<main class="status"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></main>`,
    { embed },
  )
}

export function previewPage(
  request: PreviewRequest,
  draft: DraftInfo,
  manifest: PreviewManifest,
  links: PageLinks,
): string {
  const doc = manifest.document
  const localeLinks = LOCALES.map((locale) => {
    const own = doc.locales.includes(locale)
    const label = `${locale}${own ? '' : ' (no text)'}`
    return locale === request.locale
      ? `<strong aria-current="true">${label}</strong>`
      : `<a href="${escapeHtml(links.page({ locale }))}">${label}</a>`
  }).join(' · ')
  const first = PREVIEW_CHANNELS.find((c) => manifest.channels[c].status !== 'not-applicable') ?? 'web'
  const tabs = PREVIEW_CHANNELS.map((channel) => {
    const state = manifest.channels[channel]
    const badge =
      state.status === 'ok'
        ? ''
        : state.status === 'failed'
          ? ' <span class="badge failed">failed</span>'
          : ' <span class="badge na">n/a</span>'
    return `<input type="radio" name="channel" id="tab-${channel}" value="${channel}"${channel === first ? ' checked' : ''}><label for="tab-${channel}" id="label-${channel}">${PREVIEW_CHANNEL_LABELS[channel]}${badge}</label>`
  }).join('\n  ')
  const panels = PREVIEW_CHANNELS.map(
    (channel) =>
      `<section class="panel panel-${channel}" id="panel-${channel}" aria-labelledby="label-${channel}">\n${panel(channel, manifest, links)}\n</section>`,
  ).join('\n  ')
  const warnings = manifest.warnings.length
    ? `<section class="warnings"><h2>Warnings (${manifest.warnings.length})</h2><ul>${manifest.warnings
        .map(
          (w) =>
            `<li><code>${escapeHtml(w.document)}${w.field ? ` ${escapeHtml(w.field)}` : ''}</code>: ${escapeHtml(w.message)}</li>`,
        )
        .join('')}</ul></section>`
    : ''
  const fallback =
    doc.locale !== doc.requestedLocale
      ? `<p class="notice">This draft has no ${escapeHtml(doc.requestedLocale)} text of its own; shown in ${escapeHtml(doc.locale)}.</p>`
      : ''
  return shell(
    `Preview: ${doc.title}`,
    `<header>
  <h1>Preview of “${escapeHtml(doc.title)}” <small>${escapeHtml(doc.label)}</small></h1>
  <p class="meta">Last saved draft ${escapeHtml(formatDate(doc.updatedAt))} · rendered in ${manifest.seconds.total.toFixed(1)} s · language: ${localeLinks}${links.embed ? ` · <a href="${escapeHtml(links.page({}).replace(/&embed=1/, ''))}" target="_blank" rel="noopener">open in a new tab</a>` : ''}</p>
  <p class="note">How the last <em>saved</em> draft will look, rendered by the same code that publishes. Save the draft to see newer changes. Nothing here is published or sent.</p>
  ${fallback}
</header>
<main class="tabs">
  ${tabs}
  ${panels}
</main>
${warnings}`,
    { embed: links.embed },
  )
}

function panel(channel: PreviewChannel, manifest: PreviewManifest, links: PageLinks): string {
  const state = manifest.channels[channel] as ChannelPreview<Record<string, unknown>>
  if (state.status === 'not-applicable')
    return `<p class="na">Not applicable: ${escapeHtml(state.reason)}</p>`
  if (state.status === 'failed') {
    return `<div class="error" role="alert"><p><strong>${PREVIEW_CHANNEL_LABELS[channel]} could not be rendered.</strong> The other channels are unaffected.</p><pre>${escapeHtml(state.message)}</pre></div>`
  }
  const { channels } = manifest
  // Frames run no scripts: previews are our own output, but they carry editor text.
  const frame = (src: string, title: string, extra = '') =>
    `<iframe class="frame" sandbox="allow-same-origin allow-popups" src="${escapeHtml(src)}" title="${escapeHtml(title)}"${extra}></iframe>`
  switch (channel) {
    case 'web': {
      const web = channels.web as Extract<PreviewManifest['channels']['web'], { status: 'ok' }>
      return `<p class="meta">Its page on the site: <code>${escapeHtml(web.sitePath)}</code> · <a href="${escapeHtml(links.file(web.path))}" target="_blank" rel="noopener">open alone</a></p>
${frame(links.file(web.path), 'Web page preview')}`
    }
    case 'email': {
      const email = channels.email as Extract<PreviewManifest['channels']['email'], { status: 'ok' }>
      return `<dl class="facts"><dt>Subject</dt><dd class="subject">${escapeHtml(email.subject)}</dd><dt>Preheader</dt><dd>${escapeHtml(email.preheader) || '<em>(none)</em>'}</dd><dt>To</dt><dd>${escapeHtml(`${SAMPLE_RECIPIENT.first_name} ${SAMPLE_RECIPIENT.last_name}`)} <em>(made-up sample member: merge fields filled with sample values)</em></dd></dl>
${email.sampleEdition ? '<p class="meta">A sample edition with only this item, as it would appear in a newsletter.</p>' : ''}
<p class="meta"><a href="${escapeHtml(links.file(email.path))}" target="_blank" rel="noopener">open alone</a> · <a href="${escapeHtml(links.file(email.textPath))}" target="_blank" rel="noopener">plain-text part</a></p>
${frame(links.file(email.path), 'E-mail preview')}`
    }
    case 'pdf': {
      const pdf = channels.pdf as Extract<PreviewManifest['channels']['pdf'], { status: 'ok' }>
      return `<p class="meta">Addressed to a made-up sample recipient: ${escapeHtml(sampleAddress)} · ${pdf.pages} page${pdf.pages === 1 ? '' : 's'} · <a href="${escapeHtml(links.file(pdf.path))}" target="_blank" rel="noopener" id="pdf-link">open the PDF</a></p>
<iframe class="frame" src="${escapeHtml(links.file(pdf.path))}" title="PDF letter preview"></iframe>`
    }
    case 'cards': {
      const cards = channels.cards as Extract<PreviewManifest['channels']['cards'], { status: 'ok' }>
      const figures = cards.images
        .map(
          (image) =>
            `<figure class="card card-${image.format}"><img src="${escapeHtml(links.file(image.path))}" width="${image.width}" height="${image.height}" alt="${image.format} card, ${image.width}×${image.height}" loading="lazy"><figcaption><strong>${image.format}</strong> ${image.width}×${image.height}: ${CARD_USES[image.format]}</figcaption></figure>`,
        )
        .join('')
      return `<div class="cards">${figures}</div><h2>Post text</h2><pre class="post">${escapeHtml(cards.post)}</pre>`
    }
  }
}

function formatDate(iso: string): string {
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? iso : `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`
}

const STYLE = `
:root{color-scheme:light;--line:#d0d0d0;--muted:#555;--accent:#1d4e89}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#1a1a1a;background:#fff}
body.page{max-width:80rem;margin:0 auto;padding:1rem 1.5rem 3rem}
body.embed{padding:0 0 2rem}
h1{font-size:1.3rem;margin:.5rem 0}
h1 small{font-weight:400;color:var(--muted);font-size:.85rem;margin-left:.5rem}
.meta,.note{color:var(--muted);margin:.25rem 0}
.note{font-size:.9rem}
.notice{background:#fff6d6;border:1px solid #d9b100;border-radius:.35rem;padding:.4rem .8rem}
.tabs{display:flex;flex-wrap:wrap;margin-top:1rem}
.tabs>input{position:absolute;opacity:0;pointer-events:none}
.tabs>label{order:0;padding:.5rem 1rem;border:1px solid var(--line);border-bottom:none;border-radius:.4rem .4rem 0 0;margin-right:.25rem;cursor:pointer;background:#f4f4f4}
.tabs>input:checked+label{background:#fff;font-weight:600;box-shadow:inset 0 3px 0 var(--accent)}
.tabs>input:focus-visible+label{outline:3px solid var(--accent);outline-offset:2px}
.panel{order:1;width:100%;display:none;border:1px solid var(--line);padding:1rem;border-radius:0 .4rem .4rem .4rem}
#tab-web:checked~.panel-web,#tab-email:checked~.panel-email,#tab-pdf:checked~.panel-pdf,#tab-cards:checked~.panel-cards{display:block}
.frame{width:100%;height:75vh;border:1px solid var(--line);background:#fff}
.badge{font-size:.75rem;font-weight:400;border-radius:1rem;padding:0 .45rem;margin-left:.3rem}
.badge.na{background:#e6e6e6;color:#444}
.badge.failed{background:#b3123b;color:#fff}
.na{color:var(--muted);font-style:italic}
.error{border-left:.35rem solid #b3123b;background:#fdf0f3;padding:.5rem 1rem;margin:1rem 0}
.error pre,pre.post{white-space:pre-wrap;font-size:.9rem;background:#f7f7f7;padding:.5rem;border-radius:.25rem}
.rendering{font-size:1.05rem}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:0 0 .5rem}
dl.facts dt{font-weight:600}
dl.facts dd{margin:0}
.cards{display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-start}
.card{margin:0;max-width:100%}
.card img{display:block;height:auto;border:1px solid var(--line)}
.card-og img{width:600px;max-width:100%}
.card-square img{width:360px;max-width:100%}
.card-story img{width:220px;max-width:100%}
.card figcaption{font-size:.85rem;color:var(--muted);max-width:600px}
.warnings{margin-top:1.5rem}
.warnings h2{font-size:1rem}
`
