"""The management readers' answers on Moderation Form 2 (002 §I stages 1-2; Appendix A
"Moderation Draft APA Letter").

Both readers, the CSCI manager and the Ofsted management reader, must answer before the letter
is amended. A reader may answer again; the latest answer of each counts, so a "no" blocks
sending to the council until a later answer from the same reader says "yes" (ADR 0021).
Answers given before the letter was last sent to the readers do not count.
"""

from ecm.apa.models import AssignmentRole
from ecm.letters.models import Letter, ReaderAnswer, ReaderOrganisation, SendingKind
from ecm.letters.services.sending import latest_sending

READER_ROLES = {
    AssignmentRole.CSCI_MANAGER: ReaderOrganisation.CSCI,
    AssignmentRole.MANAGEMENT_READER: ReaderOrganisation.OFSTED,
}


def reader_assignments(assessment) -> dict[str, object]:
    """The assessment's readers by assignment role (management_reader, csci_manager)."""
    return {
        a.role: a
        for a in assessment.assignments.filter(role__in=list(READER_ROLES)).select_related("user")
    }


def standing_answers(letter: Letter) -> dict[str, ReaderAnswer]:
    """The latest answer of each reader role, given since the letter was last sent to the
    readers."""
    sent = latest_sending(letter, SendingKind.READERS)
    if sent is None:
        return {}
    found: dict[str, ReaderAnswer] = {}
    for answer in letter.reader_answers.filter(signed_at__gte=sent.sent_at).order_by(
        "signed_at", "pk"
    ):
        found[answer.role] = answer
    return found


def missing_readers(letter: Letter) -> list[str]:
    """The reader roles (as labels) that have not answered since the letter was sent."""
    answered = standing_answers(letter)
    return [AssignmentRole(r).label for r in READER_ROLES if r not in answered]
