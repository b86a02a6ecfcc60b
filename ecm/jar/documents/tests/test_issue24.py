"""Issue 24 §2 in the JAR's documents: the checklist's headings say how many documents the list
under each holds (the missing ones, all of them); the youth service's own documents (001
"Enhanced Youth Inspection": "the youth service plan; the service curriculum plan; staff
development and performance management arrangements") are asked for under their own heading
and shown on the youth part's page."""

import re

import pytest
from django.urls import reverse

from ecm.accounts.roles import Role
from ecm.jar.documents import services
from ecm.jar.documents.checklist import checklist_youth
from ecm.jar.documents.demo import seed

pytestmark = pytest.mark.django_db

HEADING_OR_LIST = re.compile(
    r"<(h[1-6]|summary)\b[^>]*>(.*?)</\1>|<(ul|ol)\b[^>]*>(.*?)</\3>", re.DOTALL
)
TAGS = re.compile(r"<[^>]+>")


def _lists_under_their_headings(html: str) -> list[tuple[str, int]]:
    """Each list of the page's main with the nearest heading (or details summary) before it,
    and how many items it holds."""
    main = html[html.index("<main") : html.index("</main>")]
    found, heading = [], ""
    for match in HEADING_OR_LIST.finditer(main):
        if match.group(1):
            heading = " ".join(TAGS.sub("", match.group(2)).split())
        else:
            found.append((heading, match.group(4).count("<li")))
    return found


@pytest.fixture
def council_user(make_user, council):
    return make_user(Role.LINK_OFFICER, council=council)


def test_each_list_on_the_checklist_has_the_number_its_heading_says_001_documents_evidence(
    client, review, lead, council_user
):
    """001 "Documents Evidence": the demo's checklist has 5 received, 1 not held and 19
    missing of 25: "The 19 missing documents" heads the 19, and the 25 have their own
    heading, so no heading stands over a list that does not match it."""
    seed(review=review, council_user=council_user, lead=lead)
    client.force_login(council_user)
    html = client.get(reverse("jar:documents", kwargs={"pk": review.pk})).content.decode()
    lists = _lists_under_their_headings(html)
    assert ("The 19 missing documents", 19) in lists
    assert ("All 25 documents requested", 25) in lists
    for heading, items in lists:
        numbers = [int(n) for n in re.findall(r"\b(\d+)\b", heading)]
        assert numbers and numbers[0] == items, (heading, items)


def test_the_youth_services_documents_are_asked_for_under_their_own_heading_001_eyi(
    client, review, lead, council_user
):
    """001 "Enhanced Youth Inspection": "Provide service-specific documentation ... the youth
    service plan; the service curriculum plan; staff development and performance management
    arrangements"."""
    titles = [d.title for d in checklist_youth().documents]
    assert titles == [
        "The youth service plan",
        "The service curriculum plan",
        "Staff development and performance management arrangements",
    ]
    client.force_login(council_user)
    html = client.get(reverse("jar:documents", kwargs={"pk": review.pk})).content.decode()
    assert (
        "The youth service\N{RIGHT SINGLE QUOTATION MARK}s 3 documents",
        3,
    ) in _lists_under_their_headings(html)
    assert all(t in html for t in titles)
    assert "0 of 25 documents received" in html  # the youth service's are counted apart
    youth = review.requested_documents.get(code="youth_service_plan")
    assert youth.list_urn == checklist_youth().urn


def test_a_review_requested_before_the_youth_list_gets_it_on_its_next_visit(
    client, review, lead, council_user
):
    """A checklist made before the youth service's documents were listed gets them once,
    after the documents already requested."""
    services.documents_request(review=review, actor=lead)
    review.requested_documents.filter(code__startswith="youth_").delete()
    last = max(review.requested_documents.values_list("position", flat=True))
    client.force_login(council_user)
    client.get(reverse("jar:documents", kwargs={"pk": review.pk}))
    youth = review.requested_documents.filter(code__startswith="youth_").order_by("position")
    assert [d.position for d in youth] == [last + 1, last + 2, last + 3]


def test_the_youth_part_shows_the_youth_services_documents_001_eyi(
    client, review, lead, council_user
):
    client.force_login(council_user)
    url = reverse("jar:youth", kwargs={"pk": review.pk})
    before = client.get(url).content.decode()
    assert "The youth service plan" in before  # the list the council will be asked for
    services.documents_request(review=review, actor=lead)
    page = client.get(url).content.decode()
    assert "The youth service\N{RIGHT SINGLE QUOTATION MARK}s documents" in page
    plan = review.requested_documents.get(code="youth_service_plan")
    assert reverse("jar:document", kwargs={"pk": review.pk, "document_pk": plan.pk}) in page
