// Issue 22 §6: a running import's page asks for its progress every 2 seconds and updates its
// progress region, instead of reloading itself (a meta refresh, which axe rates critical).
// Without JavaScript the page's "Refresh to see the progress" link does the same by hand.
const EVERY_MS = 2000
const region = document.querySelector('[data-progress-url]')

const describe = (progress) =>
  progress.total
    ? `${progress.phase}: ${progress.done} of ${progress.total} ${progress.unit} (${progress.percent}%)`
    : progress.phase || 'Starting'

const STATE = { done: ' (done)', current: ' (now)', waiting: '' }

function show (progress) {
  const now = region.querySelector('[data-progress="now"]')
  const text = describe(progress)
  // Only on a change, so that the polite live region is not read out for nothing.
  if (now && now.textContent !== text) now.textContent = text
  const list = region.querySelector('[data-progress="phases"]')
  if (!list) return
  progress.phases.forEach((phase, n) => {
    const item = list.children[n]
    const label = phase.name + STATE[phase.state]
    if (item && item.textContent !== label) item.textContent = label
  })
}

async function ask () {
  let progress
  try {
    const response = await fetch(region.dataset.progressUrl, {
      headers: { Accept: 'application/json' },
      credentials: 'same-origin'
    })
    if (response.status === 404) return // gone, or no longer ours to see: stop asking
    if (!response.ok) throw new Error(`progress: ${response.status}`)
    progress = await response.json()
  } catch {
    setTimeout(ask, EVERY_MS) // a lost request: ask again
    return
  }
  if (progress.finished) {
    window.location.reload() // once: the page then shows the summary or the problems
    return
  }
  show(progress)
  setTimeout(ask, EVERY_MS)
}

if (region) {
  const refresh = document.querySelector('[data-progress="refresh"]')
  if (refresh) refresh.textContent = 'This page shows the progress as the import goes.'
  setTimeout(ask, EVERY_MS)
}
