/**
 * The preview page an editor sees (the admin's Preview tab frames it; the Preview button opens it):
 * four tabs, one per channel, made of radio buttons and CSS so the page needs no script.
 */
import {
  PREVIEW_CHANNELS,
  type ChannelPreview,
  type PreviewChannel,
  type PreviewManifest,
} from '../../channels/preview/preview-manifest.ts'
import { SAMPLE_RECIPIENT } from '../../channels/preview/sample-recipient.ts'
import { fillPlaceholders } from '../../channels/shared/translations.ts'
import { LOCALES } from '../../channels/snapshot/schema.ts'
import type { NotApplicableReason } from '../../channels/preview/render-preview.ts'
import { ADMIN_TEXTS, adminText, type AdminTextKey } from '../i18n/admin-texts.ts'
import type { DraftInfo, PreviewRequest } from './preview-store.ts'

/** The page's words in the editor's admin language (cms/i18n/admin-texts.ts), placeholders filled. */
type Say = (key: AdminTextKey, values?: Record<string, string | number>) => string

function sayIn(language: string | undefined): Say {
  return (key, values) => fillPlaceholders(adminText(key, language ?? 'en'), values)
}

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
  /** The editor's admin language (Payload's choice for the request); English when not given. */
  language?: string
}

const sampleAddress = `${SAMPLE_RECIPIENT.first_name} ${SAMPLE_RECIPIENT.last_name}, ${SAMPLE_RECIPIENT.address_line1}, ${SAMPLE_RECIPIENT.postal_code} ${SAMPLE_RECIPIENT.city}`

function shell(
  title: string,
  body: string,
  options: { embed: boolean; refreshSeconds?: number; language?: string },
): string {
  return `<!doctype html>
<html lang="${escapeHtml(options.language ?? 'en')}">
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

function heading(draft: DraftInfo, request: PreviewRequest, say: Say): string {
  return `“${escapeHtml(draft.title || say('previewPage.noTitle'))}” <small>${escapeHtml(draft.label)} · ${request.locale}</small>`
}

export function renderingPage(
  request: PreviewRequest,
  draft: DraftInfo,
  elapsedSeconds: number,
  queued: boolean,
  links: PageLinks,
): string {
  const say = sayIn(links.language)
  const status = queued
    ? say('previewPage.waiting')
    : say('previewPage.rendering', { seconds: Math.round(elapsedSeconds) })
  return shell(
    say('previewPage.title', { title: draft.title }),
    `<main class="status" aria-busy="true">
  <h1>${say('previewPage.heading', { what: heading(draft, request, say) })}</h1>
  <p class="rendering" role="status">${escapeHtml(status)} ${escapeHtml(say('previewPage.renderingNote'))}</p>
</main>`,
    { embed: links.embed, refreshSeconds: 2, language: links.language },
  )
}

export function failedPage(
  request: PreviewRequest,
  draft: DraftInfo,
  message: string,
  links: PageLinks,
): string {
  const say = sayIn(links.language)
  return shell(
    say('previewPage.failedTitle', { title: draft.title }),
    `<main class="status">
  <h1>${say('previewPage.heading', { what: heading(draft, request, say) })}</h1>
  <div class="error" role="alert">
    <p><strong>${escapeHtml(say('previewPage.couldNotMake'))}</strong></p>
    <pre>${escapeHtml(message)}</pre>
    <p>${escapeHtml(say('previewPage.fixAndSave'))} <a href="${escapeHtml(links.page({ retry: true }))}">${escapeHtml(say('previewPage.tryAgain'))}</a></p>
  </div>
</main>`,
    { embed: links.embed, language: links.language },
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
  const say = sayIn(links.language)
  const channelLabel = (channel: PreviewChannel) => escapeHtml(say(`previewPage.channel.${channel}`))
  const doc = manifest.document
  const localeLinks = LOCALES.map((locale) => {
    const own = doc.locales.includes(locale)
    const label = `${locale}${own ? '' : ` ${escapeHtml(say('previewPage.noText'))}`}`
    return locale === request.locale
      ? `<strong aria-current="true">${label}</strong>`
      : `<a href="${escapeHtml(links.page({ locale }))}">${label}</a>`
  }).join(' · ')
  const first = PREVIEW_CHANNELS.find((c) => manifest.channels[c].status !== 'not-applicable') ?? 'web'
  // A site page has only its web page: the other tabs would all say "not applicable", so one line does.
  const onlyApplicable = doc.collection === 'pages'
  const shown = PREVIEW_CHANNELS.filter(
    (channel) => !onlyApplicable || manifest.channels[channel].status !== 'not-applicable',
  )
  const tabs = shown
    .map((channel) => {
      const state = manifest.channels[channel]
      const badge =
        state.status === 'ok'
          ? ''
          : state.status === 'failed'
            ? ` <span class="badge failed">${escapeHtml(say('previewPage.badgeFailed'))}</span>`
            : ` <span class="badge na">${escapeHtml(say('previewPage.badgeNotApplicable'))}</span>`
      return `<input type="radio" name="channel" id="tab-${channel}" value="${channel}"${channel === first ? ' checked' : ''}><label for="tab-${channel}" id="label-${channel}">${channelLabel(channel)}${badge}</label>`
    })
    .join('\n  ')
  const panels = shown
    .map(
      (channel) =>
        `<section class="panel panel-${channel}" id="panel-${channel}" aria-labelledby="label-${channel}">\n${panel(channel, manifest, links, say)}\n</section>`,
    )
    .join('\n  ')
  const warnings = manifest.warnings.length
    ? `<section class="warnings"><h2>${escapeHtml(say('previewPage.warnings', { count: manifest.warnings.length }))}</h2><ul>${manifest.warnings
        .map(
          (w) =>
            `<li><code>${escapeHtml(w.document)}${w.field ? ` ${escapeHtml(w.field)}` : ''}</code>: ${escapeHtml(w.message)}</li>`,
        )
        .join('')}</ul></section>`
    : ''
  const fallback =
    doc.locale !== doc.requestedLocale
      ? `<p class="notice">${escapeHtml(say('previewPage.shownIn', { requested: doc.requestedLocale, locale: doc.locale }))}</p>`
      : ''
  const meta = say('previewPage.meta', {
    date: formatDate(doc.updatedAt),
    seconds: manifest.seconds.total.toFixed(1),
  })
  return shell(
    say('previewPage.title', { title: doc.title }),
    `<header>
  <h1>${say('previewPage.heading', { what: `“${escapeHtml(doc.title)}” <small>${escapeHtml(doc.label)}</small>` })}</h1>
  <p class="meta">${escapeHtml(meta)} ${localeLinks}${links.embed ? ` · <a href="${escapeHtml(links.page({}).replace(/&embed=1/, ''))}" target="_blank" rel="noopener">${escapeHtml(say('previewPage.openInNewTab'))}</a>` : ''}</p>
  <p class="note">${escapeHtml(say('previewPage.note'))}</p>
  ${onlyApplicable ? `<p class="note" id="only-web">${escapeHtml(say('previewPage.reason.sitePage'))}</p>` : ''}
  ${fallback}
</header>
<main class="tabs">
  ${tabs}
  ${panels}
</main>
${warnings}`,
    { embed: links.embed, language: links.language },
  )
}

function panel(channel: PreviewChannel, manifest: PreviewManifest, links: PageLinks, say: Say): string {
  const state = manifest.channels[channel] as ChannelPreview<Record<string, unknown>>
  if (state.status === 'not-applicable') {
    const reason = isReasonKey(state.reasonKey) ? say(`previewPage.reason.${state.reasonKey}`) : state.reason
    return `<p class="na">${escapeHtml(say('previewPage.notApplicable', { reason }))}</p>`
  }
  if (state.status === 'failed') {
    const channelName = say(`previewPage.channel.${channel}`)
    return `<div class="error" role="alert"><p><strong>${escapeHtml(say('previewPage.channelFailed', { channel: channelName }))}</strong> ${escapeHtml(say('previewPage.othersUnaffected'))}</p><pre>${escapeHtml(state.message)}</pre></div>`
  }
  const openAlone = escapeHtml(say('previewPage.openAlone'))
  const { channels } = manifest
  // Frames run no scripts: previews are our own output, but they carry editor text.
  const frame = (src: string, title: string, extra = '') =>
    `<iframe class="frame" sandbox="allow-same-origin allow-popups" src="${escapeHtml(src)}" title="${escapeHtml(title)}"${extra}></iframe>`
  switch (channel) {
    case 'web': {
      const web = channels.web as Extract<PreviewManifest['channels']['web'], { status: 'ok' }>
      return `<p class="meta">${escapeHtml(say('previewPage.sitePath'))} <code>${escapeHtml(web.sitePath)}</code> · <a href="${escapeHtml(links.file(web.path))}" target="_blank" rel="noopener">${openAlone}</a></p>
${frame(links.file(web.path), say('previewPage.webFrame'))}`
    }
    case 'email': {
      const email = channels.email as Extract<PreviewManifest['channels']['email'], { status: 'ok' }>
      return `<dl class="facts"><dt>${escapeHtml(say('previewPage.subject'))}</dt><dd class="subject">${escapeHtml(email.subject)}</dd><dt>${escapeHtml(say('previewPage.preheader'))}</dt><dd>${escapeHtml(email.preheader) || `<em>${escapeHtml(say('previewPage.none'))}</em>`}</dd><dt>${escapeHtml(say('previewPage.to'))}</dt><dd>${escapeHtml(`${SAMPLE_RECIPIENT.first_name} ${SAMPLE_RECIPIENT.last_name}`)} <em>${escapeHtml(say('previewPage.sampleMember'))}</em></dd></dl>
${email.sampleEdition ? `<p class="meta">${escapeHtml(say('previewPage.sampleEdition'))}</p>` : ''}
<p class="meta"><a href="${escapeHtml(links.file(email.path))}" target="_blank" rel="noopener">${openAlone}</a> · <a href="${escapeHtml(links.file(email.textPath))}" target="_blank" rel="noopener">${escapeHtml(say('previewPage.plainText'))}</a></p>
${frame(links.file(email.path), say('previewPage.emailFrame'))}`
    }
    case 'pdf': {
      const pdf = channels.pdf as Extract<PreviewManifest['channels']['pdf'], { status: 'ok' }>
      const pages = say(pdf.pages === 1 ? 'previewPage.page' : 'previewPage.pages', { count: pdf.pages })
      return `<p class="meta">${escapeHtml(say('previewPage.addressedTo'))} ${escapeHtml(sampleAddress)} · ${escapeHtml(pages)} · <a href="${escapeHtml(links.file(pdf.path))}" target="_blank" rel="noopener" id="pdf-link">${escapeHtml(say('previewPage.openPdf'))}</a></p>
<iframe class="frame" src="${escapeHtml(links.file(pdf.path))}" title="${escapeHtml(say('previewPage.pdfFrame'))}"></iframe>`
    }
    case 'cards': {
      const cards = channels.cards as Extract<PreviewManifest['channels']['cards'], { status: 'ok' }>
      const figures = cards.images
        .map(
          (image) =>
            `<figure class="card card-${image.format}"><img src="${escapeHtml(links.file(image.path))}" width="${image.width}" height="${image.height}" alt="${escapeHtml(say('previewPage.cardAlt', { format: image.format, size: `${image.width}×${image.height}` }))}" loading="lazy"><figcaption><strong>${image.format}</strong> ${image.width}×${image.height}: ${escapeHtml(say(`previewPage.cardUse.${image.format}`))}</figcaption></figure>`,
        )
        .join('')
      return `<div class="cards">${figures}</div><h2>${escapeHtml(say('previewPage.postText'))}</h2><pre class="post">${escapeHtml(cards.post)}</pre>`
    }
  }
}

/** A reason the preview page has words for (a manifest from an older preview may name none). */
function isReasonKey(key: string | undefined): key is NotApplicableReason {
  return key !== undefined && `previewPage.reason.${key}` in ADMIN_TEXTS
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
