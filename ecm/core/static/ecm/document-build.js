// Issue 25 §3: a document being prepared off the request. The page asks for its status every
// 2 seconds and says how it stands, then reloads once it is ready or failed (the page then
// offers the download, or says what to do), instead of reloading itself (a meta refresh,
// which axe rates critical). Without JavaScript the page's refresh link does the same by hand.
const EVERY_MS = 2000
const region = document.querySelector('[data-build-url]')

async function ask () {
  let progress
  try {
    const response = await fetch(region.dataset.buildUrl, {
      headers: { Accept: 'application/json' },
      credentials: 'same-origin'
    })
    if (response.status === 404) return // gone, or not ours to see: stop asking
    if (!response.ok) throw new Error(`status: ${response.status}`)
    progress = await response.json()
  } catch {
    setTimeout(ask, EVERY_MS) // a lost request: ask again
    return
  }
  if (progress.finished) {
    // Once, to the document's own page (this one may be the download page's answer).
    window.location.assign(region.dataset.buildPage)
    return
  }
  const said = region.querySelector('[data-build="said"]')
  // Only on a change, so that the polite live region is not read out for nothing.
  if (said && said.textContent !== progress.said) said.textContent = progress.said
  setTimeout(ask, EVERY_MS)
}

if (region) {
  const refresh = document.querySelector('[data-build="refresh"]')
  if (refresh) refresh.textContent = 'This page says when your document is ready.'
  setTimeout(ask, EVERY_MS)
}
