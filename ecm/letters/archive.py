"""A closed round's letters, notebooks and evidence archived, read-only until their retention
date (the handbook, section I stage 3: the letter "will then be archived by Ofsted and stored
by CSCI"; section F: the notebook "is required evidence for archiving and storage purposes").

`round_archive` (ecm.letters.services.archive) records the archive; this module answers whether
a round is archived, for letters' own services and, through `ecm.core.archive`, for the apps
below letters that may not import it (the notebook's)."""

from ecm.core.archive import Archived, refuse_if_round_archived, round_archive_asked
from ecm.core.archive import round_archived as _asked
from ecm.core.frozen import person_name
from ecm.letters.models import RoundArchive


def archive_of(round_id: int | None) -> Archived | None:
    """The round's archive as `ecm.core.archive` describes it, or None."""
    if round_id is None:
        return None
    found = RoundArchive.objects.filter(round_id=round_id).select_related("archived_by").first()
    if found is None:
        return None
    return Archived(
        at=found.archived_at, retain_until=found.retain_until, by=person_name(found.archived_by)
    )


def _answer(sender, *, round_id, **_kwargs) -> Archived | None:
    return archive_of(round_id)


def connect() -> None:
    round_archive_asked.connect(_answer, dispatch_uid="letters.round_archive")


def round_archived(assessment_round) -> Archived | None:
    """Whether `assessment_round` (a round or its id) is archived: the selector and predicate
    the pages and other apps read."""
    return _asked(getattr(assessment_round, "pk", assessment_round))


def refuse_if_archived(assessment_round, *, what: str) -> None:
    refuse_if_round_archived(getattr(assessment_round, "pk", assessment_round), what=what)
