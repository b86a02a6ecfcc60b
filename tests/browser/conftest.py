"""Real-browser tests: Debian's Chromium driven by Playwright, axe-core for accessibility.

Playwright never downloads a browser here; it drives /usr/bin/chromium. Without Chromium the
tests skip on a developer's machine and fail under CI (CI=true), so they can never silently
not run where it matters.
"""

import os
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Error, sync_playwright

from ecm.accounts.backends import DEMO_PASSWORD

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
# What Chromium writes to the console when the Content-Security-Policy refuses something (an
# inline script or style, an event handler, eval), or when it cannot read the site's
# Permissions-Policy: any of these fails the test (issue 21 §4).
CSP_VIOLATION = ("Content Security Policy", "Refused to", "Error with Permissions-Policy")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Playwright's sync API runs an event loop in this thread; the live server's database work
# happens in its own thread, so Django's async-safety guard does not apply to the test thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    missing = [p for p in (CHROMIUM, AXE) if not Path(p).exists()]
    if missing:
        message = f"Browser tests need {missing}: run 'make test' to install them"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def watch_csp(context, refused: list[str] | None = None) -> list[str]:
    """Collect what the page's Content-Security-Policy refused in this browser context (into
    `refused` when given, so a walk's several contexts share one list)."""
    refused = [] if refused is None else refused

    def on_console(message) -> None:
        if any(sign in message.text for sign in CSP_VIOLATION):
            where = message.page.url if message.page else "?"
            refused.append(f"{where}: {message.text}")

    context.on("console", on_console)
    return refused


def assert_no_csp_violations(refused: list[str]) -> None:
    assert not refused, "The browser refused by the security headers:\n" + "\n".join(refused)


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    refused = watch_csp(context)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()
    assert_no_csp_violations(refused)


@pytest.fixture
def page_without_js(browser):
    context = browser.new_context(java_script_enabled=False)
    refused = watch_csp(context)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()
    assert_no_csp_violations(refused)


def axe_violations(page) -> list[str]:
    """Run axe-core (WCAG 2.0-2.2 A and AA rules) on the page; describe each violation.

    A click that navigates may still be loading the next page when the check starts (seen on
    a busy machine: the script tag met a document with no head yet, or its context went with
    the navigation): wait for the page to load and try again, a few times."""
    for attempt in range(4):
        page.wait_for_load_state()
        try:
            # Evaluated through the browser's debugging protocol, which the page's
            # Content-Security-Policy does not govern (a script tag would be refused).
            page.evaluate(AXE.read_text(encoding="utf-8"))
            violations = page.evaluate(
                """async () => (await axe.run(document, {runOnly: {type: 'tag', values:
                ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}}))
                .violations"""
            )
            break
        except Error as error:
            navigating = "appendChild" in str(error) or "context was destroyed" in str(error)
            if not navigating or attempt == 3:
                raise
            page.wait_for_timeout(250)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(node["target"][0] if node["target"] else "?" for node in v["nodes"][:5])
        for v in violations
    ]


def sign_in(page, live_server, email, password):
    page.goto(f"{live_server.url}/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


class Walk:
    """A walk through the site by several demo people, each in their own browser context, with
    axe-core run once on every page the walk names (quality bar: axe-core on every page)."""

    def __init__(self, browser, live_server):
        self.browser, self.live_server = browser, live_server
        self.failures: list[str] = []
        self.seen: set[str] = set()
        self.contexts: list = []
        self.csp_refused: list[str] = []

    def as_person(self, email: str):
        context = self.new_context(viewport={"width": 1200, "height": 900})
        page = context.new_page()
        page.set_default_timeout(15_000)
        sign_in(page, self.live_server, email, DEMO_PASSWORD)
        return page

    def new_context(self, **options):
        """A browser context closed with the walk (for a person who does not sign in)."""
        context = self.browser.new_context(**options)
        self.contexts.append(context)
        watch_csp(context, self.csp_refused)
        return context

    def close(self) -> None:
        """Close every person's browser: a page left open lives as long as the browser (the
        whole worker's run), and one that refreshes itself (an import's progress page) keeps
        the live server and the machine's cores busy for every test after it."""
        for context in self.contexts:
            context.close()
        self.contexts.clear()

    def check(self, page, where: str) -> None:
        if where not in self.seen:
            self.seen.add(where)
            self.failures.extend(f"{where}: {v}" for v in axe_violations(page))

    @staticmethod
    def main(page) -> str:
        return page.locator("main").inner_text()

    def assert_accessible(self) -> None:
        assert not self.failures, "\n".join(self.failures)


@pytest.fixture
def walk(browser, live_server):
    walk = Walk(browser, live_server)
    yield walk
    walk.close()
    assert_no_csp_violations(walk.csp_refused)
