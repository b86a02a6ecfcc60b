"""The headers the browser enforces (issue 21 §4; decision 0038): a strict
Content-Security-Policy with a fresh nonce on every page, Permissions-Policy everywhere, and
no-store on every response to a signed-in person, downloads included; and no template that
the browser receives carries inline script, inline event handlers or inline styles, so a new
one fails here before it fails in a browser."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from ecm.core.middleware import PERMISSIONS_POLICY

pytestmark = pytest.mark.django_db

STRICT = {
    "default-src": {"'self'"},
    "style-src": {"'self'"},
    "img-src": {"'self'", "data:"},
    "font-src": {"'self'"},
    "object-src": {"'none'"},
    "base-uri": {"'none'"},
    "frame-ancestors": {"'none'"},
    "form-action": {"'self'"},
}
NONCE_SOURCE = re.compile(r"^'nonce-([A-Za-z0-9+/=]{16,})'$")
SCRIPT_NONCE = re.compile(r'<script[^>]*\snonce="([^"]+)"')


def policy(response) -> dict[str, set[str]]:
    header = response["Content-Security-Policy"]
    return {
        name: set(sources)
        for name, *sources in (part.split() for part in header.split(";") if part.strip())
    }


def assert_strict(response) -> str:
    """The policy's directives are the strict ones; returns the response's script nonce."""
    found = policy(response)
    for directive, sources in STRICT.items():
        assert found[directive] == sources, directive
    scripts = found["script-src"]
    assert "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts
    assert "'self'" in scripts
    nonces = [m.group(1) for s in scripts if (m := NONCE_SOURCE.match(s))]
    assert len(nonces) == 1 and scripts == {"'self'", f"'nonce-{nonces[0]}'"}
    return nonces[0]


def assert_no_store(response) -> None:
    cache = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"no-store", "private", "no-cache"} <= cache, response["Cache-Control"]


def test_a_signed_in_page_has_every_header_issue_21_4(client, link_officer):
    client.force_login(link_officer)
    response = client.get(reverse("accounts:accessibility"))
    assert response.status_code == 200
    assert_strict(response)
    assert response["Permissions-Policy"] == PERMISSIONS_POLICY
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in response["Permissions-Policy"]
    assert_no_store(response)


def test_the_sign_in_page_has_the_policy_issue_21_4(client):
    response = client.get(reverse("accounts:sign-in"))
    assert response.status_code == 200
    nonce = assert_strict(response)
    assert f'nonce="{nonce}"' in response.content.decode()
    assert response["Permissions-Policy"] == PERMISSIONS_POLICY


def test_no_store_only_when_signed_in_issue_21_4(client, link_officer):
    """An anonymous page holds nothing private and may be cached as Django leaves it; the
    same page to a signed-in person may not."""
    page = reverse("accounts:accessibility")
    anonymous = client.get(page)
    assert anonymous.status_code == 200
    assert "no-store" not in anonymous.get("Cache-Control", "")
    assert anonymous["Permissions-Policy"] == PERMISSIONS_POLICY
    client.force_login(link_officer)
    assert_no_store(client.get(page))


def test_a_download_is_no_store_issue_21_4(client, assessment, administrator):
    """A council's data as a file (here the round's plan as a spreadsheet) is kept by no cache."""
    client.force_login(administrator)
    response = client.get(
        reverse("programme:plan-export", kwargs={"pk": assessment.round_id, "fmt": "csv"})
    )
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    assert_no_store(response)
    assert response["Permissions-Policy"] == PERMISSIONS_POLICY
    assert "Content-Security-Policy" in response


def test_the_nonce_is_the_scripts_and_new_each_time_issue_21_4(client, link_officer):
    client.force_login(link_officer)
    nonces = []
    for _ in range(2):
        response = client.get(reverse("accounts:accessibility"))
        header_nonce = assert_strict(response)
        on_scripts = set(SCRIPT_NONCE.findall(response.content.decode()))
        assert on_scripts == {header_nonce}, "every script carries the header's nonce"
        nonces.append(header_nonce)
    assert nonces[0] != nonces[1]


def test_a_page_not_found_has_the_policy_too_issue_21_4(client, link_officer):
    client.force_login(link_officer)
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    nonce = assert_strict(response)
    assert set(SCRIPT_NONCE.findall(response.content.decode())) == {nonce}


# --------------------------------------------------------------------------- The templates

ECM = Path(__file__).resolve().parents[2]
TEMPLATES = sorted(p for p in ECM.glob("**/templates/**/*.html"))
SCRIPT_TAG = re.compile(r"<script\b[^>]*>", re.IGNORECASE)
STYLE_TAG = re.compile(r"<style\b[^>]*>", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"""\son[a-z]+\s*=\s*["']""", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"""\sstyle\s*=\s*["']""", re.IGNORECASE)
JAVASCRIPT_URL = re.compile(r"""=\s*["']\s*javascript:""", re.IGNORECASE)
# Templates never sent to a browser, only to WeasyPrint to make a PDF (a `<style>` block is
# fine there): each with where that is decided.
PDF_ONLY = {
    # ecm.caa.profile.views.profile_document answers only pdf or docx (core.document_download).
    "caa/templates/caa/profile/document.html",
}


def _problems(name: str, text: str) -> list[str]:
    found = [
        f"{name}: <script> without a nonce: {tag}"
        for tag in SCRIPT_TAG.findall(text)
        if "nonce=" not in tag
    ]
    if name not in PDF_ONLY:
        found += [
            f"{name}: <style> without a nonce: {tag}"
            for tag in STYLE_TAG.findall(text)
            if "nonce=" not in tag
        ]
    found += [
        f"{name}: inline event handler {m.group(0).strip()}" for m in EVENT_HANDLER.finditer(text)
    ]
    found += [
        f"{name}: style attribute (use a class in ecm.css)" for _ in STYLE_ATTRIBUTE.findall(text)
    ]
    found += [f"{name}: javascript: address" for _ in JAVASCRIPT_URL.findall(text)]
    return found


def test_no_template_has_inline_script_or_style_issue_21_4():
    """Every `<script>` carries the response's nonce; no `onclick=` and the like, no
    `style="…"`, no `javascript:` address: the policy would refuse each in the browser."""
    assert len(TEMPLATES) > 100, "the scan finds the templates"
    problems = [
        problem
        for path in TEMPLATES
        for problem in _problems(str(path.relative_to(ECM)), path.read_text(encoding="utf-8"))
    ]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        '<SCRIPT type="module" src="/assets/x.js"></SCRIPT>',
        '<button onclick="go()">Go</button>',
        "<body onload='go()'>",
        '<p style="color: red">Red</p>',
        "<style>p { color: red }</style>",
        '<a href="javascript:go()">Go</a>',
    ],
)
def test_the_scan_catches_each_kind_issue_21_4(text):
    """The scan fails on each thing it looks for, so it cannot pass by seeing nothing."""
    assert _problems("core/templates/core/new.html", text)


def test_the_scan_passes_a_script_with_the_nonce_issue_21_4():
    text = '<script nonce="{{ request.csp_nonce }}">x()</script><p class="x" data-on="y">'
    assert not _problems("core/templates/core/new.html", text)


def test_the_pdf_only_templates_are_not_pages_issue_21_4():
    """A template exempted as PDF-only is rendered by no view with `render` (which would send
    it to a browser): each is named only where a document is built."""
    for name in PDF_ONLY:
        template = name.split("templates/", 1)[1]
        users = [
            str(p.relative_to(ECM))
            for p in ECM.glob("**/*.py")
            if "/tests/" not in str(p) and template in p.read_text(encoding="utf-8")
        ]
        assert users and all(u.endswith("documents.py") for u in users), users
