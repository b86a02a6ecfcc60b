"""A little of everything for the backup test (issue 25 §5), quicker than the whole demo:
councils, people, a joint area review with its checklist, and one council's upload stored by
the site's own service (so a file is in the store the settings name)."""

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

from ecm.accounts.roles import Role
from ecm.accounts.tests.factories import UserFactory
from ecm.authorities.tests.factories import CouncilFactory
from ecm.jar import services as jar_services
from ecm.jar.documents import services as document_services
from ecm.jar.documents.tests.walk import _PDF
from ecm.jar.models import Inspectorate


def review_with_checklist(*, council, administrator, lead):
    """A joint area review of `council` with `lead` as its Lead Inspector, who has asked the
    council for its documents (the checklist an upload answers)."""
    review = jar_services.review_notify(
        actor=administrator,
        council=council,
        notified_on=date(2007, 4, 13),
        setup_meeting=date(2007, 6, 15),
        analysis_starts=date(2007, 9, 24),
        fieldwork_starts=date(2007, 10, 15),
    )
    jar_services.team_member_add(
        actor=administrator,
        review=review,
        name="Lead Inspector",
        inspectorate=Inspectorate.OFSTED,
        user=lead,
        is_lead=True,
    )
    document_services.documents_request(review=review, actor=lead)
    return review


def seed() -> None:
    council, *_others = [CouncilFactory() for _ in range(3)]
    administrator = UserFactory(roles=[Role.PROGRAMME_ADMINISTRATOR])
    lead = UserFactory(roles=[Role.HMI])
    officer = UserFactory(roles=[Role.LINK_OFFICER], council=council)
    review = review_with_checklist(council=council, administrator=administrator, lead=lead)
    for code in ("cypp", "mappa"):
        document_services.document_upload(
            document=review.requested_documents.get(code=code),
            actor=officer,
            upload=SimpleUploadedFile(f"{code}.pdf", _PDF, content_type="application/pdf"),
        )
