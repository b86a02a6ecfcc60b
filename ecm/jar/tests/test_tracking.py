"""Following the tracked cases (issue 9 §2; 001 "Case tracking"): leaflets and consent forms
per parent, carer and child (never a name), the lead professional's and at least three other
agencies' questionnaires due within three weeks, late ones chased; every gap said in words."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from ecm.audit.models import AuditEntry
from ecm.jar import services
from ecm.jar.conftest import hundred
from ecm.jar.models import CaseContact, CaseFile, ContactKind
from ecm.jar.tracking import questionnaire_due

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("sent", "due"),
    [
        (date(2007, 10, 1), date(2007, 10, 22)),
        (date(2007, 12, 4), date(2007, 12, 24)),  # 25 December: back to the 24th
        (date(2008, 3, 3), date(2008, 3, 20)),  # 24 March 2008 is Easter Monday, 21 Good Friday
    ],
)
def test_questionnaires_are_due_within_three_weeks_001(sent, due):
    found = questionnaire_due(sent)
    assert found.date == due and "within three weeks" in found.rule


@pytest.fixture
def tracked(review, link_officer, lead):
    services.case_files_submit(actor=link_officer, review=review, lines=hundred())
    services.cases_draw(actor=lead, review=review, seed="track")
    return CaseFile.objects.filter(review=review, tracked=True).first()


def test_a_new_tracked_case_lacks_everything_in_words(tracked):
    gaps = services.case_gaps_of(tracked, date(2007, 6, 20))
    assert "No questionnaire sent to the lead professional" in gaps
    assert any("at least 3 are needed" in g for g in gaps)
    assert any("No parent, carer or child" in g for g in gaps)


def test_the_council_records_consent_and_questionnaires_and_chases_001(tracked, link_officer):
    parent = services.case_contact_record(
        actor=link_officer,
        case=tracked,
        kind=ContactKind.PARENT,
        leaflet_sent_on=date(2007, 6, 18),
        consent_sent_on=date(2007, 6, 18),
    )
    assert str(parent) == "Parent 1"
    assert not {f.name for f in CaseContact._meta.get_fields()} & {"name", "first_name"}
    with pytest.raises(ValidationError, match="before it was sent"):
        services.case_contact_record(
            actor=link_officer, case=tracked, kind=ContactKind.PARENT, contact=parent,
            leaflet_sent_on=date(2007, 6, 18), consent_sent_on=date(2007, 6, 18),
            consent_returned_on=date(2007, 6, 1),
        )  # fmt: skip
    services.questionnaire_send(
        actor=link_officer, case=tracked, agency="Social worker", lead_professional=True,
        sent_on=date(2007, 6, 18),
    )  # fmt: skip
    with pytest.raises(ValidationError, match="already recorded"):
        services.questionnaire_send(
            actor=link_officer, case=tracked, agency="Another", lead_professional=True,
            sent_on=date(2007, 6, 18),
        )  # fmt: skip
    late = None
    for agency in ("School", "GP", "Youth offending team"):
        late = services.questionnaire_send(
            actor=link_officer, case=tracked, agency=agency, lead_professional=False,
            sent_on=date(2007, 6, 18),
        )  # fmt: skip
    assert late.due_on == date(2007, 7, 9)
    gaps = services.case_gaps_of(tracked, date(2007, 7, 10))
    assert "Youth offending team: the questionnaire was due on 9 July 2007; chase it" in gaps
    assert "Parent 1: the consent form has not come back" in gaps
    assert not any("at least 3" in g for g in gaps)
    services.questionnaire_chase(actor=link_officer, questionnaire=late, today=date(2007, 7, 10))
    services.questionnaire_returned(
        actor=link_officer, questionnaire=late, returned_on=date(2007, 7, 12)
    )
    with pytest.raises(ValidationError, match="nothing to chase"):
        services.questionnaire_chase(
            actor=link_officer, questionnaire=late, today=date(2007, 7, 13)
        )
    assert AuditEntry.objects.filter(verb="jar.questionnaire_chased").exists()


def test_an_untracked_case_is_not_followed(tracked, link_officer):
    untracked = CaseFile.objects.filter(review=tracked.review, tracked=False).first()
    with pytest.raises(ValidationError, match="not drawn"):
        services.questionnaire_send(
            actor=link_officer, case=untracked, agency="GP", lead_professional=False,
            sent_on=date(2007, 6, 18),
        )  # fmt: skip
