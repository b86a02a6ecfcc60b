"""The emails of a representation (the handbook, section J): the programme administrators when a
representation or a joint-panel review needs a panel, each member when seated, and the council
when the panel has decided ("The justification for these decisions will be recorded and
communicated to the council"). Each is sent once the transaction commits, so a refused or
rolled-back change sends nothing. An email says what happened and links to the page; the
decision's grades are on the page, behind sign-in, not in the email."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse

from ecm.accounts.models import User
from ecm.accounts.roles import Role
from ecm.accounts.selectors import council_recipients
from ecm.representations.panel_mix import panel_mix_described


def _link(representation) -> str:
    path = reverse("representations:representation", kwargs={"pk": representation.pk})
    return f"{settings.SITE_URL}{path}"


def _administrators() -> list[str]:
    return sorted(
        u.email
        for u in User.objects.filter(is_active=True)
        if Role.PROGRAMME_ADMINISTRATOR in u.roles
    )


def _council_people(assessment) -> list[str]:
    return council_recipients(council=assessment.council)


def _send(subject: str, message: str, recipients: list[str]) -> None:
    if recipients:
        transaction.on_commit(
            lambda: send_mail(
                subject=subject, message=message, from_email=None, recipient_list=recipients
            )
        )


def _what(representation) -> str:
    council = representation.assessment.council.name
    judgement = representation.get_judgement_display().lower()
    return f"{council}: the {judgement} judgement"


def email_panel_needed(*, representation) -> None:
    """To the programme administrators: compose the panel."""
    is_review = representation.triggered_by_id is not None
    opened = "A joint-panel review is open" if is_review else "A representation was submitted"
    _send(
        f"{opened}: {_what(representation)}",
        f"{opened} on {_what(representation)} ({representation.assessment.round}). Its panel is "
        f"{panel_mix_described(representation.judgement)}, none of whom may have had any earlier "
        f"involvement in the assessment (the handbook, section J). Compose it at:\n\n"
        f"{_link(representation)}\n",
        _administrators(),
    )


def email_panel_seated(*, representation, members: list) -> None:
    """To each member seated: what they consider and by when."""
    deadline = representation.assessment.round.representation_outcomes_by
    _send(
        f"You sit on the representation panel: {_what(representation)}",
        f"You have been placed on the panel considering {_what(representation)}. The panel "
        f"records its decision and justification by {deadline:%A %-d %B %Y} (the handbook, "
        f"section J). The "
        f"grounds and what they dispute are at:\n\n{_link(representation)}\n",
        sorted(m.user.email for m in members),
    )


def email_decided(*, representation) -> None:
    """To the council and the administrators: the panel has decided."""
    outcome = "upheld" if representation.upheld else "not upheld"
    _send(
        f"Representation decided: {_what(representation)}",
        f"The panel has decided the representation on {_what(representation)}: it is "
        f"{outcome}. The decision and its justification are at:\n\n{_link(representation)}\n",
        sorted(set(_council_people(representation.assessment)) | set(_administrators())),
    )
