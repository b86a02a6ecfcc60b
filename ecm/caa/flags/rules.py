"""Who may see and do what in the CAA's area assessment (issue 10 §5; 004). Imported by
ecm.caa.rules. The inspectors (HMI, BRM) and the programme administrator write; the
inspectorate, management readers among them, reads; the council reads its own area's
assessment, flags and organisational assessments only once the area assessment is published
(004: "A single report will be published"). A refusal is 404."""

import rules

from ecm.accounts.predicates import (
    is_brm,
    is_council_user,
    is_hmi,
    is_inspectorate,
    is_programme_administrator,
)
from ecm.caa.flags.models import AreaAssessment, AreaStatus


def _area_council_id(obj) -> int | None:
    """The council whose area `obj` (an area assessment, flag or organisational assessment)
    belongs to."""
    if obj is None:
        return None
    if hasattr(obj, "area_assessment"):
        obj = obj.area_assessment
    return getattr(obj, "council_id", None) if hasattr(obj, "status") else obj.area_id


def _published(obj) -> bool:
    if obj is None:
        return False
    if hasattr(obj, "area_assessment"):
        obj = obj.area_assessment
    if hasattr(obj, "status"):
        return obj.status == AreaStatus.PUBLISHED
    return AreaAssessment.objects.filter(
        council_id=obj.area_id, year=obj.year, status=AreaStatus.PUBLISHED
    ).exists()


@rules.predicate
def of_own_area(user, obj) -> bool:
    return bool(
        user.is_authenticated and user.council_id and user.council_id == _area_council_id(obj)
    )


@rules.predicate
def is_published(user, obj) -> bool:
    return _published(obj)


writes_area = is_hmi | is_brm | is_programme_administrator

rules.add_perm("caa.read_area", is_inspectorate | (is_council_user & of_own_area & is_published))
rules.add_perm("caa.write_area", writes_area)
