"""The profile's pages and documents (issue 10 §1): who reads and who refreshes, a council of
another area answering 404, the document as DOCX and tagged PDF, no JavaScript needed."""

import io

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from docx import Document
from pypdf import PdfReader

from ecm.accounts.roles import Role
from ecm.caa.profile import services
from ecm.caa.profile.models import ProfileQuarter
from ecm.caa.profile.quarters import quarter_of
from ecm.caa.profile.selectors import council_panel
from ecm.caa.profile.tests import walk
from ecm.caa.profile.tests.helpers import TODAY, figure
from tests.grade_leakage_support import grade_findings, response_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def quarter(council, hmi):
    figure(council, "LACStable_2016on", value=9.0, england=10.0, polarity="low", region=11.0)
    return services.profile_refresh(actor=hmi, council=council, quarter="2009-Q2", today=TODAY)


def _urls(council, quarter_label="2009-Q2"):
    la = council.la_number
    return [
        reverse("caa:profile", kwargs={"la_number": la}),
        reverse("caa:profile-quarter", kwargs={"la_number": la, "quarter": quarter_label}),
        reverse("caa:profile-indicator", kwargs={"la_number": la, "ni": 62}),
        reverse(
            "caa:profile-document",
            kwargs={"la_number": la, "quarter": quarter_label, "fmt": "docx"},
        ),
    ]


def test_the_councils_own_people_and_the_inspectorate_read_it(client, quarter, link_officer, hmi):
    for user in (link_officer, hmi):
        client.force_login(user)
        for url in _urls(quarter.council):
            assert client.get(url).status_code == 200, url


def test_a_council_of_another_area_answers_404(client, quarter, make_user, other_council):
    client.force_login(make_user(Role.LINK_OFFICER, council=other_council))
    for url in [*_urls(quarter.council), reverse(
        "caa:profile-refresh", kwargs={"la_number": quarter.council.la_number}
    )]:  # fmt: skip
        assert client.get(url).status_code == 404, url


def test_the_page_shows_each_heading_with_its_figures(client, quarter, hmi):
    client.force_login(hmi)
    page = client.get(reverse("caa:profile", kwargs={"la_number": quarter.council.la_number}))
    text = page.content.decode()
    for heading in ("Being healthy", "Staying safe", "Achieving economic well-being"):
        assert heading in text
    assert "9.0" in text and "Better than England" in text and "No data yet" in text
    assert (
        "<caption" in text
        and 'scope="row"' in text
        and "<script" not in text.split("</main>")[0].split("<main")[-1]
    )


def test_an_unknown_quarter_or_ni_or_format_answers_404(client, quarter, hmi):
    client.force_login(hmi)
    la = quarter.council.la_number
    for url in (
        reverse("caa:profile-quarter", kwargs={"la_number": la, "quarter": "2009-Q4"}),
        reverse("caa:profile-indicator", kwargs={"la_number": la, "ni": 9999}),
        reverse("caa:profile-document", kwargs={"la_number": la, "quarter": "2009-Q2",
                                                "fmt": "odt"}),
    ):  # fmt: skip
        assert client.get(url).status_code == 404, url


def test_the_document_downloads_as_docx_and_tagged_pdf(client, quarter, link_officer):
    client.force_login(link_officer)
    la = quarter.council.la_number
    kwargs = {"la_number": la, "quarter": "2009-Q2"}
    docx = client.get(reverse("caa:profile-document", kwargs={**kwargs, "fmt": "docx"}))
    document = Document(io.BytesIO(docx.content))
    words = " ".join(p.text for p in document.paragraphs)
    assert "Performance profile" in words and "Staying safe" in words
    cells = {c.text for t in document.tables for r in t.rows for c in r.cells}
    assert "NI 62" in cells and "Better than England" in cells
    pdf = client.get(reverse("caa:profile-document", kwargs={**kwargs, "fmt": "pdf"}))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")

    catalog = PdfReader(io.BytesIO(pdf.content)).trailer["/Root"]
    assert "/StructTreeRoot" in catalog  # tagged for screen readers
    assert pdf["Content-Disposition"].endswith(f'performance-profile-{la}-2009-Q2.pdf"')


def test_an_hmi_refreshes_without_javascript(client, council, hmi):

    client.force_login(hmi)
    url = reverse("caa:profile-refresh", kwargs={"la_number": council.la_number})
    form = client.get(url)
    assert form.status_code == 200 and "every_council" not in form.content.decode()
    current = quarter_of(timezone.localdate()).label
    done = client.post(url, {"quarter": current})
    assert done.status_code == 302
    assert ProfileQuarter.objects.filter(council=council, quarter=current).exists()


def test_a_refusal_is_shown_on_the_form(client, council, hmi):
    client.force_login(hmi)
    url = reverse("caa:profile-refresh", kwargs={"la_number": council.la_number})
    page = client.post(url, {"quarter": "2008-Q4"})
    assert page.status_code == 200
    assert services.BEFORE_FIRST.format(first="2009-Q1") in page.content.decode()
    assert "govuk-error-summary" in page.content.decode()


def test_the_administrator_refreshes_every_council(client, council, other_council, administrator):
    client.force_login(administrator)
    url = reverse("caa:profile-refresh", kwargs={"la_number": council.la_number})
    assert "every_council" in client.get(url).content.decode()

    current = quarter_of(timezone.localdate()).label
    assert client.post(url, {"quarter": current, "every_council": "on"}).status_code == 302
    assert ProfileQuarter.objects.filter(quarter=current).count() >= 2


def test_the_council_panel_shows_the_latest_quarter(quarter, link_officer):
    """The panel caa:council includes (rendered alone: the page holds other parts' panels)."""

    text = render_to_string(
        "caa/profile/_on_council.html",
        {"panel": council_panel(council=quarter.council, user=link_officer)},
    )
    assert "Performance profile" in text and "2009-Q2" in text and "better in 1" in text
    assert "Refresh the profile" not in text


# --------------------------------------------------------- The permission walk, this part only

PERSONAS = {
    "admin": ([Role.PROGRAMME_ADMINISTRATOR], None),
    "hmi": ([Role.HMI], None),
    "brm": ([Role.BRM], None),
    "hmi_other": ([Role.HMI], None),
    "reader": ([Role.MANAGEMENT_READER], None),
    "moderator": ([Role.MODERATOR], None),
    "panel": ([Role.PANEL_MEMBER], None),
    "lo_own": ([Role.LINK_OFFICER], 0),
    "dcs_own": ([Role.DIRECTOR], 0),
    "lo_other": ([Role.LINK_OFFICER], 1),
}
SEEN_FROM_OTHER = {"lo_own": "lo_other", "dcs_own": "lo_other", "lo_other": "lo_own"}


def test_this_parts_walk_entries_hold(client, council, other_council, make_user):
    """walk.py's ACCESS and world, checked here as tests/test_permission_walk.py does."""
    councils = (council, other_council)
    users = {
        name: make_user(*roles, council=None if where is None else councils[where])
        for name, (roles, where) in PERSONAS.items()
    }
    table = {
        **walk.world(councils, users),
        "caa:": {"la_number": (council.la_number, other_council.la_number)},
    }
    failures = []
    for name, rule in walk.ACCESS.items():
        fillers = next(v for k, v in table.items() if name.startswith(k))
        for variant in (0, 1):
            url = reverse(name, kwargs={k: v[variant] for k, v in fillers.items()})
            for persona, user in users.items():
                client.force_login(user)
                who = SEEN_FROM_OTHER.get(persona, persona) if variant else persona
                expected = rule.get(who, 404)
                got = client.get(url).status_code
                if got != expected:
                    failures.append(f"{persona} {url}: {got}, expected {expected}")
    assert not failures, "\n".join(failures)
    pages = walk.council_pages(council)
    client.force_login(users["lo_own"])
    # As tests/test_grade_leakage.py reads them: no heading's name beside a grade or a number
    # that could be one, in any page or document the council opens.

    grades = [
        {"title": title, "grade": grade, "label": label}
        for title in ("Being healthy", "Staying safe", "Enjoying and achieving")
        for grade, label in ((2, "Adequate"), (3, "Good"), (4, "Outstanding"))
    ]
    for name, fillings in pages.items():
        for kwargs in fillings:
            response = client.get(reverse(name, kwargs=kwargs))
            assert response.status_code == 200
            assert not grade_findings(response_text(response)[1], grades), name
