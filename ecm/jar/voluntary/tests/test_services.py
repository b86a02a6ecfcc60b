"""The voluntary part's rules (issue 9 §4; 001 "Voluntary sector stakeholder survey"), each
test naming its source."""

import pytest
from django.core.exceptions import ValidationError

from ecm.accounts.roles import Role
from ecm.audit.models import AuditEntry
from ecm.authorities.imports.problems import DataFileError
from ecm.jar.voluntary import partners as p
from ecm.jar.voluntary import services as s
from ecm.jar.voluntary.models import PartnerQuestionnaire

pytestmark = pytest.mark.django_db

ANSWERS = {
    "partnership_working": "We meet monthly",
    "commissioning_and_grants": "A three-year grant",
    "safeguarding_and_support": "Training from the LSCB",
}


@pytest.fixture
def council_user(make_user, council):
    return make_user(Role.LINK_OFFICER, council=council)


def _add(actor, review, name, nature="contract"):
    return s.partner_add(actor=actor, review=review, name=name, services="Respite", nature=nature)


def _lines(*rows):
    return [p.PartnerLine(n, *row) for n, row in enumerate(rows, start=2)]


def test_partners_are_ranked_in_order_of_significance_001(review, council_user):
    """001 "Voluntary sector stakeholder survey": "in order of significance"; added partners go
    last and move up or down one place."""
    a, b, c = (_add(council_user, review, n) for n in ("Alpha", "Beta", "Gamma"))
    assert [x.rank for x in (a, b, c)] == [1, 2, 3]
    s.partner_move(actor=council_user, partner=c, up=True)
    assert list(review.voluntary_partners.values_list("name", flat=True)) == [
        "Alpha", "Gamma", "Beta",
    ]  # fmt: skip
    with pytest.raises(ValidationError, match=s.ALREADY_FIRST.format(name="Alpha")):
        s.partner_move(actor=council_user, partner=a, up=True)


def test_only_the_councils_own_people_keep_the_list_001(review, lead, make_user, other_council):
    """001: "the local authority are asked to provide" the list: not inspectors, not another
    council."""
    for who in (lead, make_user(Role.LINK_OFFICER, council=other_council)):
        with pytest.raises(ValidationError, match=s.NOT_THE_COUNCIL):
            _add(who, review, "Alpha")


def test_a_partner_is_an_organisation_with_a_nature_001(review, council_user):
    """001: the list is of "partner agencies", each with "the nature of the partnership"."""
    with pytest.raises(ValidationError) as refused:
        _add(council_user, review, "Mrs Jane Smith", nature="gift")
    assert refused.value.message_dict == {"name": [p.A_PERSON], "nature": [s.UNKNOWN_NATURE]}
    _add(council_user, review, "Alpha")
    with pytest.raises(ValidationError, match="already on the list"):
        _add(council_user, review, "alpha")


def test_a_stale_edit_is_refused(review, council_user):
    """Optimistic lock: a change made from a page opened before another change is refused."""
    partner = _add(council_user, review, "Alpha")
    opened = partner.lock_version
    s.partner_change(
        actor=council_user, partner=partner, expected_lock_version=opened, name="Alpha Trust",
        services="Respite", nature="informal",
    )  # fmt: skip
    with pytest.raises(ValidationError, match="Someone else changed Alpha Trust"):
        s.partner_change(
            actor=council_user, partner=partner, expected_lock_version=opened, name="Alpha",
            services="Respite", nature="contract",
        )  # fmt: skip
    partner.refresh_from_db()
    assert (partner.name, partner.nature) == ("Alpha Trust", "informal")


def test_the_csv_list_is_all_or_nothing_with_row_column_value_and_reason_001(review, council_user):
    """001: the list "in order of significance": the file's rows in order, every problem
    reported by row, column, value and reason, and nothing stored when there is one."""
    _add(council_user, review, "Kept")
    lines = _lines(
        ("Alpha", "Respite", "service level agreement"),
        ("Dr Who", "Mentoring", "contract"),
        ("alpha", "", "barter"),
    )
    with pytest.raises(DataFileError) as refused:
        s.partners_submit(actor=council_user, review=review, lines=lines, file="p.csv")
    found = {(x.row, x.column, x.value, x.reason) for x in refused.value.problems}
    assert found == {
        (3, "name", "Dr Who", p.A_PERSON),
        (4, "name", "alpha", f"{p.NAME_TWICE} (row 2)"),
        (4, "services", "", p.NO_SERVICES),
        (4, "nature", "barter", p.UNKNOWN_NATURE),
    }
    assert list(review.voluntary_partners.values_list("name", flat=True)) == ["Kept"]
    good = _lines(("Beta", "Respite", "Spot purchase"), ("Alpha", "Advice", "informal"))
    s.partners_submit(actor=council_user, review=review, lines=good, file="p.csv")
    assert list(review.voluntary_partners.values_list("rank", "name", "nature")) == [
        (1, "Beta", "spot_purchase"), (2, "Alpha", "informal"),
    ]  # fmt: skip


def test_sending_stores_only_a_hash_of_the_token_001(review, council_user, lead):
    """001: "Selected voluntary sector groups are asked to complete a questionnaire": each
    gets a private link whose token is shown once and stored only as its SHA-256."""
    partner = _add(council_user, review, "Alpha")
    (link,) = s.questionnaires_send(actor=lead, review=review, partners=[partner])
    stored = PartnerQuestionnaire.objects.get(partner=partner)
    assert stored.token_hash == s.token_hash(link.token) != link.token
    assert link.token not in str(PartnerQuestionnaire.objects.filter(pk=stored.pk).values().get())
    with pytest.raises(ValidationError, match="was sent the questionnaire"):
        s.questionnaires_send(actor=lead, review=review, partners=[partner])
    with pytest.raises(ValidationError, match=s.NONE_CHOSEN):
        s.questionnaires_send(actor=lead, review=review, partners=[])


def test_only_the_lead_or_administrator_sends_001(review, council_user, make_user):
    partner = _add(council_user, review, "Alpha")
    for who in (council_user, make_user(Role.HMI)):
        with pytest.raises(ValidationError):
            s.questionnaires_send(actor=who, review=review, partners=[partner])


def test_the_answer_covers_the_three_headings_once_and_is_audited_by_partner_001(
    review, council_user, lead
):
    """001: the questionnaire covers partnership working, commissioning and grant funding,
    safeguarding and support; answered once, audited with no actor and the partner named."""
    partner = _add(council_user, review, "Alpha")
    (link,) = s.questionnaires_send(actor=lead, review=review, partners=[partner])
    with pytest.raises(ValidationError) as refused:
        s.questionnaire_answer(
            questionnaire=link.questionnaire, answers={**ANSWERS, "commissioning_and_grants": ""}
        )
    assert refused.value.message_dict == {
        "commissioning_and_grants": ["Enter your answer about commissioning and grant funding"]
    }
    s.questionnaire_answer(questionnaire=link.questionnaire, answers=ANSWERS)
    entry = AuditEntry.objects.filter(verb="jar.voluntary_questionnaire_answered").get()
    assert entry.actor is None and "Alpha" in entry.reason and entry.after["partner"] == "Alpha"
    with pytest.raises(ValidationError, match=s.LINK_CLOSED):
        s.questionnaire_answer(questionnaire=link.questionnaire, answers=ANSWERS)
    with pytest.raises(ValidationError, match="has answered"):
        s.questionnaire_revoke(actor=lead, questionnaire=link.questionnaire)


def test_a_withdrawn_link_closes_and_a_new_one_can_be_sent(review, council_user, lead):
    partner = _add(council_user, review, "Alpha")
    (first,) = s.questionnaires_send(actor=lead, review=review, partners=[partner])
    s.questionnaire_revoke(actor=lead, questionnaire=first.questionnaire)
    with pytest.raises(ValidationError, match=s.LINK_CLOSED):
        s.questionnaire_answer(questionnaire=first.questionnaire, answers=ANSWERS)
    (second,) = s.questionnaires_send(actor=lead, review=review, partners=[partner])
    assert second.token != first.token
    with pytest.raises(ValidationError, match=s.LIST_IN_USE):
        s.partners_submit(actor=council_user, review=review, lines=_lines(("B", "x", "contract")))


def test_every_write_is_audited(review, council_user, lead):
    partner = _add(council_user, review, "Alpha")
    _add(council_user, review, "Beta")
    s.partner_move(actor=council_user, partner=partner, up=False)
    s.partner_change(
        actor=council_user, partner=partner, expected_lock_version=2, name="Alpha",
        services="More", nature="contract",
    )  # fmt: skip
    (link,) = s.questionnaires_send(actor=lead, review=review, partners=[partner])
    s.questionnaire_revoke(actor=lead, questionnaire=link.questionnaire)
    verbs = set(AuditEntry.objects.values_list("verb", flat=True))
    assert {
        "jar.voluntary_partner_added", "jar.voluntary_partner_moved",
        "jar.voluntary_partner_changed", "jar.voluntary_questionnaires_sent",
        "jar.voluntary_questionnaire_withdrawn",
    } <= verbs  # fmt: skip
