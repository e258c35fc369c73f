// The search page's Pagefind UI. A file of its own, not an inline script, so the site's
// Content-Security-Policy can allow the site's own scripts only (channels/site/security-headers.ts).
// Pagefind picks the index matching <html lang>, so each locale searches its own pages. A large site's
// index is split into shards (channels/site/search-shards.ts): /pagefind/ holds the first shard of every
// language, and budstikke-shards.json lists the other shards of each language, merged here.
window.addEventListener('DOMContentLoaded', async () => {
  const host = document.getElementById('search')
  if (!host || !window.PagefindUI) return
  const lang = document.documentElement.lang.toLowerCase()
  let shards = []
  try {
    // Revalidated, never a cached list: a stale one would name shards the site no longer has.
    const response = await fetch('/pagefind/budstikke-shards.json', { cache: 'no-cache' })
    if (response.ok) shards = (await response.json())[lang] ?? []
  } catch {
    // No list (an older index): the root index alone.
  }
  new window.PagefindUI({
    element: '#search',
    showSubResults: false,
    showImages: false,
    translations: { placeholder: host.dataset.placeholder },
    mergeIndex: shards.map((name) => ({ bundlePath: `/pagefind/${name}/` })),
  })
  // Pagefind's input has only a placeholder; screen readers need a name.
  host.querySelector('input')?.setAttribute('aria-label', host.dataset.label)
})
