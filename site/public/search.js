// The search page's Pagefind UI. A file of its own, not an inline script, so the site's
// Content-Security-Policy can allow the site's own scripts only (channels/site/security-headers.ts).
// Pagefind picks the index matching <html lang>, so each locale searches its own pages.
window.addEventListener('DOMContentLoaded', () => {
  const host = document.getElementById('search')
  if (!host || !window.PagefindUI) return
  new window.PagefindUI({
    element: '#search',
    showSubResults: false,
    showImages: false,
    translations: { placeholder: host.dataset.placeholder },
  })
  // Pagefind's input has only a placeholder; screen readers need a name.
  host.querySelector('input')?.setAttribute('aria-label', host.dataset.label)
})
