"""Sending a rendition of the letter to someone (002 §I stages 1-3): the row that says which
rendition went to whom and when, and the email that says it was sent, once the transaction
commits (as the meeting's records do, ecm/apa/services/meetings/common.py, decision 0019).

The email never carries the letter or a grade: it says what was sent and links to the page
where its recipient reads it (Moderation Form 2, or the council's factual accuracy page), where
the recipient's permissions decide what they see."""

from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from ecm.letters.models import Letter, LetterSending, SendingKind

SUBJECTS = {
    SendingKind.READERS: "Draft APA letter for {council}: please answer on Moderation Form 2",
    SendingKind.COUNCIL: "Draft APA letter for {council}: please check its factual accuracy",
    SendingKind.RESPONSES: "Draft APA letter for {council}: what was done about your comments",
    SendingKind.PUBLICATION: "The APA letter for {council} is published",
}
ASKS = {
    SendingKind.READERS: (
        "The inspectors have sent the draft letter with Steps 3 and 4 of the evidence notebook. "
        "Please say on Moderation Form 2 what action is required or suggested and whether the "
        "draft can be sent to the council (following amendments)."
    ),
    SendingKind.COUNCIL: (
        "The inspectors have sent the draft annual performance assessment letter. Please comment "
        "on the factual accuracy of its contents, paragraph by paragraph, by the end of "
        "{deadline}."
    ),
    SendingKind.RESPONSES: (
        "The inspectors have answered each of your comments on the draft letter and say what "
        "was done about each point."
    ),
    SendingKind.PUBLICATION: "The final annual performance assessment letter is published.",
}


def latest_rendition_number(letter: Letter) -> int:
    latest = letter.renditions.order_by("-number").values_list("number", flat=True).first()
    return latest or 0


def latest_sending(letter: Letter, kind: str) -> LetterSending | None:
    return letter.sendings.filter(kind=kind).order_by("-sent_at", "-pk").first()


def letter_send(
    *,
    actor,
    letter: Letter,
    kind: str,
    recipients: list[str],
    deadline: date | None = None,
    deadline_rule: str = "",
) -> LetterSending:
    """Record the letter's latest rendition as sent and email the recipients after commit.
    Callers audit the move that sent it."""
    sending = LetterSending.objects.create(
        letter=letter,
        kind=kind,
        rendition_number=latest_rendition_number(letter),
        sent_to=recipients,
        sent_by=actor,
        sent_at=timezone.now(),
        deadline=deadline,
        deadline_rule=deadline_rule,
    )
    transaction.on_commit(lambda: email_letter_sent(sending=sending))
    return sending


def email_letter_sent(*, sending: LetterSending) -> None:
    assessment = sending.letter.assessment
    kind = SendingKind(sending.kind)
    # The readers answer on Moderation Form 2; the council reads what was sent to it on its
    # factual accuracy page, which shows no grade before publication.
    page = "letters:reader-answer" if kind == SendingKind.READERS else "letters:council"
    path = reverse(page, kwargs={"pk": assessment.pk})
    deadline = f"{sending.deadline:%A %-d %B %Y}" if sending.deadline else ""
    send_mail(
        subject=SUBJECTS[kind].format(council=assessment.council.name),
        message=f"{ASKS[kind].format(deadline=deadline)}\n\n{settings.SITE_URL}{path}\n",
        from_email=None,
        recipient_list=list(sending.sent_to),
    )
