"""Reads of the JAR's voluntary part (issue 9 §4; 001 "Voluntary sector stakeholder survey")."""

from __future__ import annotations

from dataclasses import dataclass

from ecm.jar.voluntary.models import PartnerQuestionnaire, VoluntaryPartner
from ecm.jar.voluntary.questionnaire import survey


def review_panel(*, review, user) -> dict:
    """What this part shows on the review's page (jar/voluntary/_on_review.html gets it as
    `panel`): how many partners the council listed, how many questionnaires were sent and
    answered, and the links this user may follow."""
    questionnaires = PartnerQuestionnaire.objects.filter(
        partner__review=review, revoked_at__isnull=True
    )
    return {
        "partners": review.voluntary_partners.count(),
        "sent": questionnaires.count(),
        "answered": questionnaires.filter(answered_at__isnull=False).count(),
        "may_read": user.has_perm("jar.voluntary_read", review),
        "may_summarise": user.has_perm("jar.voluntary_answers", review),
        "may_send": user.has_perm("jar.voluntary_send", review),
        "may_list": user.has_perm("jar.voluntary_list", review),
    }


def partners_of(review) -> list[VoluntaryPartner]:
    """The council's list in order of significance, each with its questionnaire if sent. The
    answers are not read here: the council's page shows only whether one came back."""
    return list(
        review.voluntary_partners.select_related("questionnaire")
        .defer("questionnaire__answers")
        .order_by("rank")
    )


def questionnaire_by_token_hash(digest: str) -> PartnerQuestionnaire | None:
    """The questionnaire a link opens: never a withdrawn one."""
    return (
        PartnerQuestionnaire.objects.select_related("partner__review__council")
        .filter(token_hash=digest, revoked_at__isnull=True)
        .first()
    )


@dataclass(frozen=True)
class AnswerRow:
    partner: str
    rank: int
    answer: str


@dataclass(frozen=True)
class QuestionSummary:
    code: str
    text: str
    answers: list[AnswerRow]


@dataclass(frozen=True)
class SectionSummary:
    heading: str
    questions: list[QuestionSummary]


def questionnaire_summary(review) -> dict:
    """For the inspectors: under each of 001's headings, every partner's answer side by side,
    with how many questionnaires are answered and outstanding (withdrawn links not counted)."""
    sent = list(
        PartnerQuestionnaire.objects.filter(partner__review=review, revoked_at__isnull=True)
        .select_related("partner")
        .order_by("partner__rank")
    )
    answered = [q for q in sent if q.answered]
    sections = []
    for section in survey().sections:
        questions = [
            QuestionSummary(
                code=question.code,
                text=question.text,
                answers=[
                    AnswerRow(q.partner.name, q.partner.rank, q.answers.get(question.code, ""))
                    for q in answered
                ],
            )
            for question in section.questions
        ]
        sections.append(SectionSummary(section.heading, questions))
    return {
        "sections": sections,
        "answered": answered,
        "outstanding": [q for q in sent if not q.answered],
        "sent": len(sent),
    }
