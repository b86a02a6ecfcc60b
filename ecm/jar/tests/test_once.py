"""The JAR's questionnaires are recorded and sent once (issue 20 §4: "a resubmitted or
concurrent send or add makes one thing and one email; the page says what was already sent and
when"): an agency's questionnaire on a tracked case, a parent's consent, and the voluntary
partners' questionnaire links."""

import re
import threading
from datetime import date

import lxml.html
import pytest
from django.db import connection, connections
from django.urls import reverse

from ecm.accounts.roles import Role
from ecm.audit.models import AuditEntry
from ecm.core.once import ONCE_FIELD, AlreadyDone, when_text
from ecm.jar import services
from ecm.jar.conftest import hundred
from ecm.jar.models import CaseContact, CaseFile, Questionnaire
from ecm.jar.services import tracking
from ecm.jar.voluntary import services as voluntary
from ecm.jar.voluntary.models import PartnerQuestionnaire

pytestmark = pytest.mark.django_db

SENT_ON = date(2007, 6, 18)


def _hidden(response, name: str) -> str:
    html = lxml.html.fromstring(response.content.decode())
    (node,) = html.xpath(f"//input[@type='hidden'][@name='{name}']")
    return node.get("value", "")


def _banner(response) -> str:
    html = lxml.html.fromstring(response.content.decode())
    nodes = html.xpath("//div[contains(@class, 'govuk-notification-banner')]")
    return " ".join(" ".join(n.text_content().split()) for n in nodes)


@pytest.fixture
def tracked(review, link_officer, lead):
    services.case_files_submit(actor=link_officer, review=review, lines=hundred())
    services.cases_draw(actor=lead, review=review, seed="once")
    return CaseFile.objects.filter(review=review, tracked=True).first()


def _case_url(case) -> str:
    return reverse("jar:case", kwargs={"pk": case.review_id, "case_pk": case.pk})


def test_a_questionnaire_recorded_again_is_one_questionnaire_issue_20_s4(
    client, tracked, link_officer
):
    """Back after "Record it as sent" and record again: one questionnaire, and the page says
    it was already recorded, when and by whom."""
    client.force_login(link_officer)
    url = _case_url(tracked)
    token = _hidden(client.get(url), f"questionnaire-{ONCE_FIELD}")
    posted = {
        f"questionnaire-{ONCE_FIELD}": token,
        "questionnaire-agency": "School",
        **{f"questionnaire-sent_on_{i}": v for i, v in enumerate((18, 6, 2007))},
    }
    assert client.post(url, posted).status_code == 302
    again = client.post(url, posted, follow=True)
    entry = AuditEntry.objects.get(verb="jar.questionnaire_sent")
    shown = _banner(again)
    assert "The questionnaire to School sent on 18 June 2007 was already recorded" in shown
    assert when_text(entry.at) in shown and str(link_officer) in shown
    assert Questionnaire.objects.count() == 1


def test_the_same_questionnaire_from_a_second_tab_is_one_issue_20_s4(tracked, link_officer):
    """No token in common, the same agency the same day: the same questionnaire."""
    services.questionnaire_send(
        actor=link_officer, case=tracked, agency="School", lead_professional=False, sent_on=SENT_ON
    )
    with pytest.raises(AlreadyDone) as excinfo:
        services.questionnaire_send(
            actor=link_officer,
            case=tracked,
            agency=" school ",
            lead_professional=False,
            sent_on=SENT_ON,
        )
    assert excinfo.value.done == tracking.QUESTIONNAIRE_ALREADY_SENT.format(
        agency="School", sent_on=SENT_ON
    )
    # Another agency, or the same agency another day, is another questionnaire.
    for agency, day in (("GP", SENT_ON), ("School", date(2007, 6, 25))):
        services.questionnaire_send(
            actor=link_officer, case=tracked, agency=agency, lead_professional=False, sent_on=day
        )
    assert Questionnaire.objects.count() == 3


def test_a_contact_recorded_again_is_one_contact_issue_20_s4(client, tracked, link_officer):
    client.force_login(link_officer)
    url = _case_url(tracked)
    token = _hidden(client.get(url), f"contact-{ONCE_FIELD}")
    posted = {
        f"contact-{ONCE_FIELD}": token,
        "contact-kind": "parent",
        **{f"contact-leaflet_sent_on_{i}": v for i, v in enumerate((18, 6, 2007))},
    }
    assert client.post(url, posted).status_code == 302
    again = client.post(url, posted, follow=True)
    assert "Parent 1 was already recorded" in _banner(again)
    assert CaseContact.objects.count() == 1


@pytest.fixture
def council_user(make_user, council):
    return make_user(Role.LINK_OFFICER, council=council)


def test_the_voluntary_questionnaire_sent_again_makes_no_new_link_issue_20_s4(
    client, review, council_user, lead
):
    """Back after "Send and show the links" and send again: no second link (the first would
    stop working), and the page says to whom it was sent, when and by whom."""
    partner = voluntary.partner_add(
        actor=council_user, review=review, name="Alpha Trust", services="x", nature="contract"
    )
    client.force_login(lead)
    url = reverse("jar:questionnaire-send", kwargs={"pk": review.pk})
    posted = {ONCE_FIELD: _hidden(client.get(url), ONCE_FIELD), "partners": [str(partner.pk)]}
    sent = client.post(url, posted)
    (link,) = re.findall(r"http://testserver(/jar/respond/[^<\s]+/)", sent.content.decode())
    stored = PartnerQuestionnaire.objects.get().token_hash
    again = client.post(url, posted, follow=True)
    shown = _banner(again)
    entry = AuditEntry.objects.get(verb="jar.voluntary_questionnaires_sent")
    assert "The questionnaire was already sent to Alpha Trust" in shown
    assert when_text(entry.at) in shown and str(lead) in shown
    assert voluntary.LINKS_NOT_AGAIN in shown
    assert PartnerQuestionnaire.objects.get().token_hash == stored
    client.logout()
    assert client.get(link).status_code == 200  # the link shown once still works


# --- At once (PostgreSQL only: SQLite writes one at a time, so has nothing to race) ----------


@pytest.mark.django_db(transaction=True)
def test_three_questionnaires_recorded_at_once_make_one_issue_20_s4(tracked, link_officer):
    if connection.vendor != "postgresql":
        pytest.skip("concurrent transactions need PostgreSQL: SQLite writes one at a time")
    outcome = []
    start = threading.Barrier(3)

    def record():
        try:
            start.wait(5)
            services.questionnaire_send(
                actor=link_officer,
                case=tracked,
                agency="School",
                lead_professional=False,
                sent_on=SENT_ON,
            )
            outcome.append("recorded")
        except AlreadyDone:
            outcome.append("already")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=record) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    assert sorted(outcome) == ["already", "already", "recorded"]
    assert Questionnaire.objects.count() == 1
