"""The stages of tests/test_stale_pages.py: each moves council A's object in the permission
walk's world (tests/plugins/walk_world.py) to one later stage, as the object's service would (the
stage and the audit entry that says who moved it, or the object's own "when" and "by" fields),
and says who did it and on which day; and what a persona needs beyond the walk's world to edit
the object before (a reader assigned, a panel seated)."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.urls import reverse
from django.utils import timezone

from ecm.apa.cycles import BRIEFING_2007
from ecm.apa.models import (
    Assessment,
    AssessmentRound,
    Assignment,
    AssignmentRole,
    CyppReview,
    Meeting,
    MeetingRecord,
    ModerationDay,
    ModerationOutcome,
    SingleConversation,
)
from ecm.audit.services import audit_record
from ecm.caa.flags.models import AreaAssessment
from ecm.caa.rating.models import AnnualRating
from ecm.caa.safeguarding.models import FullInspection
from ecm.caa.unannounced.models import UnannouncedInspection
from ecm.core.frozen import person_name
from ecm.jar.models import CaseDraw, JointAreaReview
from ecm.jar.report.models import FollowUp, JarReport
from ecm.jar.voluntary.models import PartnerQuestionnaire
from ecm.jar.youth.models import YouthReport, YouthSelfAssessment
from ecm.letters.models import Letter, LetterSending, RoundSocialCareValidation, SendingKind
from ecm.representations.models import (
    Organisation,
    PanelMember,
    PanelSeat,
    Representation,
    RepresentationStatus,
)
from ecm.self_assessment.models import Version, VersionStatus
from ecm.surveys.models import Survey
from tests.test_permission_walk import URLS, _kwargs_for


@dataclass(frozen=True)
class Done:
    """What a stage setter did: who (empty when nobody did, e.g. a deadline) and on which day."""

    by: str
    on: date


class World:
    """Council A's objects in the walk's world, found as a test needs them."""

    def __init__(self, walk_world):
        self.users, self.table = walk_world
        self.assessment = Assessment.objects.get(pk=self.table["apa:assessment"]["pk"][0])

    @property
    def letter(self) -> Letter:
        return Letter.objects.get(assessment=self.assessment)

    @property
    def review(self) -> JointAreaReview:
        return JointAreaReview.objects.get(council=self.assessment.council)

    @property
    def council(self):
        return self.assessment.council

    def url(self, name: str) -> str:
        """The page `name` of council A's objects, filled in as the permission walk does."""
        converters = dict(URLS)[name]
        return reverse(name, kwargs=_kwargs_for(name, converters, self.table, 0))


def _today(actor) -> Done:
    return Done(by=person_name(actor), on=timezone.localdate())


def _staged(obj, value: str, *, actor, verb: str, target=None, field_name: str = "stage") -> Done:
    """Move `obj` to `value` as its workflow's transition does: the field saved with the next
    lock version (where it has one), and the audit entry that says who moved it."""
    before = getattr(obj, field_name)
    changes = {field_name: value}
    if hasattr(obj, "lock_version"):
        changes["lock_version"] = obj.lock_version + 1
    type(obj).objects.filter(pk=obj.pk).update(**changes)
    audit_record(
        actor=actor,
        verb=verb,
        target=target or obj,
        before={field_name: before},
        after={field_name: value},
    )
    return _today(actor)


# --- The stages: each moves council A's object there and says who did it, when ---------------


def _letter_at(stage: str) -> Callable[[World], Done]:
    def move(world: World) -> Done:
        return _staged(world.letter, stage, actor=world.users["hmi"], verb="letter.stage_changed")

    return move


def _letter_with_council_past_deadline(world: World) -> Done:
    _staged(world.letter, "with_council", actor=world.users["hmi"], verb="letter.stage_changed")
    sending = LetterSending.objects.filter(letter=world.letter, kind=SendingKind.COUNCIL).last()
    return Done(by="", on=sending.deadline)


def _social_care_validated(world: World) -> Done:
    admin = world.users["admin"]
    RoundSocialCareValidation.objects.create(
        round=world.assessment.round, validated_by=admin, validated_at=timezone.now()
    )
    return _today(admin)


LETTER_STAGES = (
    "agreed",
    "with_readers",
    "readers_answered",
    "amended",
    "with_council",
    "council_commented",
    "responses_given",
    "final",
    "published",
)


def _self_assessment_submitted(world: World) -> Done:
    council_user = world.users["lo_own"]
    Version.objects.filter(
        self_assessment__assessment=world.assessment, status=VersionStatus.DRAFT
    ).update(status=VersionStatus.SUBMITTED, submitted_at=timezone.now(), submitted_by=council_user)
    return _today(council_user)


def _representations_submitted(world: World) -> Done:
    council_user = world.users["lo_own"]
    Representation.objects.filter(assessment=world.assessment).update(
        status=RepresentationStatus.SUBMITTED,
        submitted_on=timezone.localdate(),
        submitted_by=council_user,
    )
    return _today(council_user)


def _representations_decided(world: World) -> Done:
    _representations_submitted(world)
    member = world.users["panel"]
    Representation.objects.filter(assessment=world.assessment).update(
        status=RepresentationStatus.DECIDED,
        upheld=False,
        justification="The evidence stands",
        decided_on=timezone.localdate(),
        decided_by=member,
    )
    return _today(member)


def _outcome(assessment, moderator) -> ModerationOutcome:
    return ModerationOutcome.objects.create(
        assessment=assessment, decision="confirmed", reason="Agreed", recorded_by=moderator
    )


def _moderation_decided(world: World) -> Done:
    moderator = world.users["moderator"]
    _outcome(world.assessment, moderator)
    return _today(moderator)


def _moderation_day_held(world: World) -> Done:
    """Every council on the day has its outcome, which marks the day held (the service's way)."""
    moderator = world.users["moderator"]
    day = ModerationDay.objects.get(pk=world.table["meetings:moderation-day"]["pk"][0])
    for assessment in Assessment.objects.filter(moderation__group__day=day):
        _outcome(assessment, moderator)
    ModerationDay.objects.filter(pk=day.pk).update(held_at=timezone.now())
    return _today(moderator)


def _report_at(stage: str) -> Callable[[World], Done]:
    def move(world: World) -> Done:
        report = JarReport.objects.get(review=world.review)
        actor = world.users["lo_own" if stage == "review_requested" else "hmi"]
        return _staged(
            report, stage, actor=actor, verb="jar.report_stage_changed", target=world.review
        )

    return move


def _action_plan_sent(world: World) -> Done:
    council_user = world.users["lo_own"]
    JarReport.objects.filter(review=world.review).update(
        action_plan_submitted_on=timezone.localdate()
    )
    audit_record(actor=council_user, verb="jar.action_plan_sent", target=world.review)
    return _today(council_user)


def _follow_up_decided(world: World) -> Done:
    admin = world.users["admin"]
    FollowUp.objects.create(
        review=world.review, concern="Safeguarding", by_when=date(2008, 9, 1), decided_by=admin
    )
    return _today(admin)


def _youth_self_assessment_submitted(world: World) -> Done:
    council_user = world.users["lo_own"]
    YouthSelfAssessment.objects.create(
        review=world.review, submitted_at=timezone.now(), submitted_by=council_user
    )
    return _today(council_user)


def _youth_report_finalised(world: World) -> Done:
    lead = world.users["hmi"]
    YouthReport.objects.create(review=world.review, finalised_at=timezone.now(), finalised_by=lead)
    return _today(lead)


def _questionnaire(world: World) -> PartnerQuestionnaire:
    return PartnerQuestionnaire.objects.get(partner__review=world.review)


def _questionnaire_sent(world: World) -> Done:
    lead = world.users["hmi"]
    PartnerQuestionnaire.objects.filter(pk=_questionnaire(world).pk).update(
        sent_on=timezone.localdate(), sent_by=lead
    )
    return _today(lead)


def _questionnaire_answered(world: World) -> Done:
    found = _questionnaire(world)
    PartnerQuestionnaire.objects.filter(pk=found.pk).update(
        answered_at=timezone.now(), answers={"walk": "Answered"}
    )
    return Done(by=found.partner.name, on=timezone.localdate())


def _cases_drawn(world: World) -> Done:
    lead = world.users["hmi"]
    CaseDraw.objects.create(review=world.review, seed="walk", drawn_by=lead)
    return _today(lead)


def _caa(model, status: str, when: str, who: str) -> Callable[[World], Done]:
    """A CAA record of council A made final, published or sent, with its own day and person."""

    def move(world: World) -> Done:
        actor = world.users["hmi"]
        model.objects.filter(council=world.council).update(
            **{"status" if model is not AnnualRating else "stage": status},
            **{when: timezone.localdate(), who: actor},
        )
        return _today(actor)

    return move


def _meeting_date_agreed(world: World) -> Done:
    council_user = world.users["lo_own"]
    Meeting.objects.filter(assessment=world.assessment).update(
        date_agreed_at=timezone.now(), date_agreed_by=council_user
    )
    return _today(council_user)


def _agenda(world: World) -> MeetingRecord:
    return MeetingRecord.objects.get(pk=world.table["meetings:meeting"]["record_pk"][0])


def _agenda_agreed(world: World) -> Done:
    council_user = world.users["lo_own"]
    MeetingRecord.objects.filter(pk=_agenda(world).pk).update(
        agreed_at=timezone.now(), agreed_by=council_user
    )
    return _today(council_user)


def _agenda_changes_asked(world: World) -> Done:
    council_user = world.users["lo_own"]
    MeetingRecord.objects.filter(pk=_agenda(world).pk).update(
        council_comment="Item 3 first", commented_at=timezone.now(), commented_by=council_user
    )
    return _today(council_user)


def _newer_agenda_sent(world: World) -> Done:
    lead, first = world.users["hmi"], _agenda(world)
    MeetingRecord.objects.create(
        meeting=first.meeting, kind=first.kind, number=first.number + 1, content=first.content,
        sent_by=lead, sent_to=first.sent_to,
    )  # fmt: skip
    return _today(lead)


def _assessment_closed(world: World) -> Done:
    return _staged(
        world.assessment,
        "closed",
        actor=world.users["admin"],
        verb="assessment.status_changed",
        field_name="status",
    )


# --- The 2007 cycle (issue 23 §1): council A's round follows it for these stages -------------


def _in_2007_cycle(world: World) -> None:
    AssessmentRound.objects.filter(pk=world.assessment.round_id).update(cycle=BRIEFING_2007)
    world.assessment.round.refresh_from_db()


def _cypp_review_submitted(world: World) -> Done:
    _in_2007_cycle(world)
    council_user = world.users["lo_own"]
    CyppReview.objects.create(
        assessment=world.assessment,
        published_on=timezone.localdate(),
        published_at="https://example.org/cypp-review",
        partners="Primary care trust; police",
        submitted_at=timezone.now(),
        submitted_by=council_user,
    )
    return _today(council_user)


def _conversation_date_agreed(world: World) -> Done:
    _in_2007_cycle(world)
    council_user = world.users["lo_own"]
    SingleConversation.objects.create(
        assessment=world.assessment,
        date=timezone.localdate(),
        date_proposed_by=world.users["hmi"],
        date_proposed_at=timezone.now(),
        date_agreed_by=council_user,
        date_agreed_at=timezone.now(),
    )
    return _today(council_user)


def _conversation_held(world: World) -> Done:
    _conversation_date_agreed(world)
    lead = world.users["hmi"]
    SingleConversation.objects.filter(assessment=world.assessment).update(
        held_on=timezone.localdate(), participants="The director", record="Discussed",
        council_summary="Good progress in words",
    )  # fmt: skip
    audit_record(
        actor=lead,
        verb="conversation.recorded",
        target=world.assessment,
        after={"held_on": timezone.localdate().isoformat()},
    )
    return _today(lead)


def _conversation_summary_shared(world: World) -> Done:
    lead = world.users["hmi"]
    _conversation_held(world)
    SingleConversation.objects.filter(assessment=world.assessment).update(
        shared_at=timezone.now(), shared_by=lead
    )
    return _today(lead)


STAGES: dict[str, Callable[[World], Done]] = {
    **{f"letter {stage}": _letter_at(stage) for stage in LETTER_STAGES},
    "letter with the council, its deadline passed": _letter_with_council_past_deadline,
    "social care data validated": _social_care_validated,
    "assessment closed": _assessment_closed,
    "self-assessment submitted": _self_assessment_submitted,
    "representation submitted": _representations_submitted,
    "representation decided": _representations_decided,
    "moderation outcome recorded": _moderation_decided,
    "moderation day held": _moderation_day_held,
    "meeting date agreed": _meeting_date_agreed,
    "agenda agreed": _agenda_agreed,
    "agenda changes asked": _agenda_changes_asked,
    "newer agenda sent": _newer_agenda_sent,
    **{
        f"JAR report {stage}": _report_at(stage)
        for stage in ("prepublication", "review_requested", "published")
    },
    "JAR action plan sent": _action_plan_sent,
    "JAR follow-up decided": _follow_up_decided,
    "youth self-assessment submitted": _youth_self_assessment_submitted,
    "youth report finalised": _youth_report_finalised,
    "voluntary questionnaire sent": _questionnaire_sent,
    "voluntary questionnaire answered": _questionnaire_answered,
    "cases to track drawn": _cases_drawn,
    "CAA rating final": _caa(AnnualRating, "final", "finalised_on", "finalised_by"),
    "CAA area assessment published": _caa(
        AreaAssessment, "published", "published_on", "published_by"
    ),
    "CAA safeguarding report published": _caa(
        FullInspection, "published", "published_on", "published_by"
    ),
    "CAA unannounced letter sent": _caa(UnannouncedInspection, "sent", "sent_on", "sent_by"),
    "annual survey closed": _caa(Survey, "closed", "closed_on", "closed_by"),
    "CYPP review submitted": _cypp_review_submitted,
    "conversation date agreed": _conversation_date_agreed,
    "conversation held": _conversation_held,
    "conversation summary shared": _conversation_summary_shared,
}


# --- What the person who edited it before needs, beyond the walk's world ---------------------


def reader_assigned(world: World) -> None:
    Assignment.objects.create(
        assessment=world.assessment,
        user=world.users["reader"],
        role=AssignmentRole.MANAGEMENT_READER,
    )


def published(world: World) -> None:
    """The council makes a representation once its final letter is published (002 §J)."""
    Assessment.objects.filter(pk=world.assessment.pk).update(status="published")


def panel_seated(world: World) -> None:
    admin, member = world.users["admin"], world.users["panel"]
    seat_holder = PanelMember.objects.create(
        user=member, organisation=Organisation.OFSTED, is_manager=True, registered_by=admin
    )
    for representation in Representation.objects.filter(assessment=world.assessment):
        PanelSeat.objects.create(representation=representation, member=seat_holder, seated_by=admin)
