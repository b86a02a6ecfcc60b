"""The area assessment's rules (issue 10 §5; 004 "Comprehensive Area Assessment"; DOMAIN.md
§5), table-driven where they are a table."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import DecimalField, FloatField, IntegerField
from django.utils import timezone

from ecm.accounts.roles import Role
from ecm.audit.models import AuditEntry
from ecm.caa.flags import selectors, services
from ecm.caa.flags.demo import COUNCIL_SCORE, PARTNER_SCORE, POINTS, seed
from ecm.caa.flags.models import AreaAssessment, Flag, OrganisationalAssessment
from ecm.caa.rating import demo as rating_demo
from ecm.core.access import NotYourRole
from ecm.core.locking import stale_message
from tests.plugins.framework_once import bundled_framework

pytestmark = pytest.mark.django_db


def _messages(error: ValidationError) -> list[str]:
    return [m for ms in error.message_dict.values() for m in ms]


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        ({"reason": "  "}, "reason", services.NO_REASON),
        ({"organisation_kind": ""}, "organisation_kind", services.NO_ORGANISATION_KIND),
        ({"organisation_name": ""}, "organisation_name", services.NO_ORGANISATION_NAME),
        ({"question": "", "theme": ""}, "question", services.NO_QUESTION_OR_THEME),
        ({"question": "score"}, "question", services.UNKNOWN_QUESTION),
        ({"theme": "housing"}, "theme", services.UNKNOWN_THEME),
        ({"colour": "amber"}, "colour", services.NO_COLOUR),
        ({"reason": "Rated 3 out of 4 by partners"}, "reason", services.A_SCORE),
        ({"reason": "Score 2: unlikely to deliver"}, "reason", services.A_SCORE),
    ],
)
def test_004_a_flag_needs_a_reason_an_organisation_and_a_question_or_theme(
    area, raise_flag, overrides, field, message
):
    """004: a red or green flag, about an organisation, with its reason; on a question, a
    theme or both; a flag is not a score."""
    with pytest.raises(ValidationError) as refused:
        raise_flag(area, **overrides)
    assert refused.value.message_dict[field] == [message]
    assert not Flag.objects.exists()


@pytest.mark.parametrize(
    "question, theme", [("delivery", ""), ("", "inequality"), ("prospects", "vulnerable")]
)
def test_004_a_flag_concerns_a_question_a_theme_or_both(area, raise_flag, question, theme):
    flag = raise_flag(area, question=question, theme=theme, colour="green")
    assert (flag.question, flag.theme, flag.colour) == (question, theme, "green")


def test_004_red_means_unlikely_to_deliver_and_green_exceptional(area, raise_flag):
    red = raise_flag(area)
    green = raise_flag(area, colour="green", organisation_kind="council")
    rows = {r["flag"].colour: r["meaning"] for r in selectors.flag_rows([red, green])}
    assert rows == {
        "red": "unlikely to deliver the improvement sought",
        "green": "exceptional performance or improvement",
    }


def test_004_flags_are_not_scores_no_number_field():
    """004: "The CAA is not scored": no field of a flag or an area assessment holds a number
    but the year. The organisational assessment holds one: its overall score (004: "A single
    report will be published that includes an overall score for each organisation")."""
    scored = {OrganisationalAssessment: ["overall_score"]}
    for model in (Flag, AreaAssessment, OrganisationalAssessment):
        numbers = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, IntegerField | FloatField | DecimalField)
            and not f.primary_key
            and f.name not in ("year", "lock_version")
        ]
        assert numbers == scored.get(model, []), model


def test_the_database_refuses_a_flag_with_no_reason_or_no_question_or_theme(area, hmi):
    base = {
        "area_assessment": area,
        "colour": "red",
        "organisation_kind": "pct",
        "organisation_name": "A PCT",
        "raised_by": hmi,
        "raised_at": timezone.now(),
    }
    for bad in ({"reason": "", "question": "delivery"}, {"reason": "Why", "question": ""}):
        with pytest.raises(IntegrityError), transaction.atomic():
            Flag.objects.create(**base, **bad)


def test_004_a_flag_about_the_council_is_named_for_it_and_links_to_its_assessment(
    area, raise_flag, council
):
    """004: a flag about a partner "will be reported in more depth in the relevant
    organisational assessment"; for the council, its own, made if missing."""
    flag = raise_flag(area, organisation_kind="council", organisation_name="Whatever")
    assert flag.organisation_name == council.name
    organisational = selectors.organisational_assessment_for(flag)
    assert organisational.council == council and organisational.is_the_council
    assert list(selectors.flags_about(organisational)) == [flag]
    second = raise_flag(area, organisation_kind="council", colour="green")
    assert selectors.organisational_assessment_for(second) == organisational
    assert OrganisationalAssessment.objects.count() == 1


def test_a_partners_flag_links_to_its_assessment_when_there_is_one(area, raise_flag, hmi):
    flag = raise_flag(area)
    assert selectors.organisational_assessment_for(flag) is None
    pct = services.organisational_assessment_save(
        actor=hmi,
        area=area.council,
        year=2009,
        organisation_kind="pct",
        organisation_name="northshire pct",
        narrative="The PCT's contribution.",
    )
    assert pct.council is None
    assert selectors.organisational_assessment_for(flag) == pct
    assert list(selectors.flags_about(pct)) == [flag]


def test_withdrawal_needs_a_reason_and_keeps_the_flag(area, raise_flag, hmi):
    flag = raise_flag(area)
    with pytest.raises(ValidationError) as refused:
        services.flag_withdraw(actor=hmi, flag=flag, reason=" ")
    assert _messages(refused.value) == [services.NO_WITHDRAWAL_REASON]
    withdrawn = services.flag_withdraw(actor=hmi, flag=flag, reason="Raised in error")
    assert withdrawn.is_withdrawn and Flag.objects.filter(pk=flag.pk).exists()
    with pytest.raises(ValidationError) as again:
        services.flag_withdraw(actor=hmi, flag=flag, reason="Twice")
    assert again.value.messages == [services.ALREADY_WITHDRAWN]
    entry = AuditEntry.objects.get(verb="caa.flag_withdrawn")
    assert entry.reason == "Raised in error" and entry.actor == hmi


def test_004_a_published_assessment_does_not_change_without_reopening(area, raise_flag, hmi):
    flag = raise_flag(area)
    published = services.area_assessment_publish(
        actor=hmi, area_assessment=area, published_on=date(2009, 12, 9)
    )
    for change in (
        lambda: services.area_assessment_save(
            actor=hmi,
            council=area.council,
            year=2009,
            texts={"priorities": "New"},
            expected_lock_version=published.lock_version,
        ),
        lambda: raise_flag(area),
        lambda: services.flag_withdraw(actor=hmi, flag=flag, reason="Why"),
        lambda: services.organisational_assessment_save(
            actor=hmi,
            area=area.council,
            year=2009,
            organisation_kind="police",
            organisation_name="Northshire Police",
            narrative="",
        ),
    ):
        with pytest.raises(ValidationError) as refused:
            change()
        assert refused.value.messages == [services.PUBLISHED_NO_CHANGE]
    with pytest.raises(ValidationError) as no_reason:
        services.area_assessment_reopen(actor=hmi, area_assessment=area, reason="")
    assert _messages(no_reason.value) == [services.NO_REOPEN_REASON]
    reopened = services.area_assessment_reopen(
        actor=hmi, area_assessment=area, reason="The PCT sent new waiting times"
    )
    assert reopened.status == "drafted" and reopened.published_on is None
    assert AuditEntry.objects.get(verb="caa.area_reopened").reason == (
        "The PCT sent new waiting times"
    )
    services.area_assessment_save(
        actor=hmi,
        council=area.council,
        year=2009,
        texts={"priorities": "New"},
        expected_lock_version=reopened.lock_version,
    )
    with pytest.raises(ValidationError) as not_published:
        services.area_assessment_reopen(actor=hmi, area_assessment=area, reason="Again")
    assert not_published.value.messages == [services.NOT_PUBLISHED]


def test_publishing_needs_each_questions_narrative_and_a_date(council, hmi):
    area = services.area_assessment_save(
        actor=hmi,
        council=council,
        year=2010,
        texts={"priorities": "Written"},
        expected_lock_version=None,
    )
    with pytest.raises(ValidationError) as no_date:
        services.area_assessment_publish(actor=hmi, area_assessment=area, published_on=None)
    assert _messages(no_date.value) == [services.NO_PUBLISHED_ON]
    with pytest.raises(ValidationError) as missing:
        services.area_assessment_publish(
            actor=hmi, area_assessment=area, published_on=date(2010, 12, 1)
        )
    assert "How well are outcomes" in missing.value.messages[0]
    assert "How well do local priorities" not in missing.value.messages[0]


def test_a_stale_page_does_not_overwrite(area, hmi, brm):
    services.area_assessment_save(
        actor=brm,
        council=area.council,
        year=2009,
        texts={"priorities": "The BRM's"},
        expected_lock_version=area.lock_version,
    )
    with pytest.raises(ValidationError) as stale:
        services.area_assessment_save(
            actor=hmi,
            council=area.council,
            year=2009,
            texts={"priorities": "The HMI's"},
            expected_lock_version=area.lock_version,
        )
    assert stale.value.messages == [stale_message(what="this page")]
    assert AreaAssessment.objects.get().priorities == "The BRM's"


def test_before_2009_there_is_no_area_assessment(council, hmi):
    with pytest.raises(ValidationError) as refused:
        services.area_assessment_save(
            actor=hmi, council=council, year=2008, texts={}, expected_lock_version=None
        )
    assert _messages(refused.value) == [services.BEFORE_CAA]


@pytest.mark.parametrize("role", [Role.MANAGEMENT_READER, Role.MODERATOR, Role.LINK_OFFICER])
def test_only_inspectors_and_the_administrator_write(make_user, council, role):
    user = make_user(role, council=council if role == Role.LINK_OFFICER else None)
    with pytest.raises(NotYourRole):
        services.area_assessment_save(
            actor=user, council=council, year=2009, texts={}, expected_lock_version=None
        )


@pytest.mark.parametrize("role", [Role.HMI, Role.BRM, Role.PROGRAMME_ADMINISTRATOR])
def test_inspectors_and_the_administrator_write(make_user, council, role):
    user = make_user(role)
    services.area_assessment_save(
        actor=user, council=council, year=2009, texts={}, expected_lock_version=None
    )


def test_004_the_council_reads_only_once_published(
    area, raise_flag, hmi, make_user, council, ready_to_publish
):
    director = make_user(Role.DIRECTOR, council=council)
    reader = make_user(Role.MANAGEMENT_READER)
    flag = raise_flag(area, organisation_kind="council")
    organisational = selectors.organisational_assessment_for(flag)
    for obj in (area, flag, organisational):
        assert not director.has_perm("caa.read_area", obj)
        assert reader.has_perm("caa.read_area", obj)
    assert selectors.council_panel(council=council, user=director)["assessment"] is None
    ready_to_publish(area)
    services.area_assessment_publish(actor=hmi, area_assessment=area, published_on=date.today())
    area.refresh_from_db()
    flag.refresh_from_db()
    for obj in (area, flag, organisational):
        assert director.has_perm("caa.read_area", obj)
    panel = selectors.council_panel(council=council, user=director)
    assert (panel["red"], panel["green"], panel["published"]) == (1, 0, True)


def test_every_change_is_audited_with_who_and_why(area, raise_flag, hmi):
    flag = raise_flag(area)
    services.flag_withdraw(actor=hmi, flag=flag, reason="Duplicate")
    services.area_assessment_publish(actor=hmi, area_assessment=area, published_on=date.today())
    verbs = list(AuditEntry.objects.order_by("pk").values_list("verb", "actor", "reason"))
    assert verbs == [
        ("caa.area_saved", hmi.pk, ""),
        ("caa.flag_raised", hmi.pk, flag.reason),
        ("caa.flag_withdrawn", hmi.pk, "Duplicate"),
        ("caa.area_published", hmi.pk, ""),
    ]


def test_the_demo_seeds_a_published_assessment(council, hmi, administrator):
    """The demo's area assessment is published with the single report's organisational
    assessments, once Ofsted's annual rating of the council is final (004; ecm/demo/caa.py
    loads the rating first)."""
    bundled_framework()
    rating_demo.seed(council=council, drafter=hmi, finaliser=administrator)
    seed(council=council, inspector=hmi)
    area = AreaAssessment.objects.get(council=council)
    assert area.is_published
    assert sorted(area.flags.values_list("colour", "organisation_kind")) == [
        ("green", "council"),
        ("red", "pct"),
    ]
    assert area.priorities_points == POINTS
    organisations = council.organisational_assessments.all()
    scores = dict(organisations.values_list("organisation_kind", "overall_score"))
    assert scores == {"council": COUNCIL_SCORE, "pct": PARTNER_SCORE}
    assert council.organisational_assessments.get(organisation_kind="council").services_statement
