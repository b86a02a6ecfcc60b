"""Who may see and do what in the CAA's unannounced inspections (issue 10 §3; 004). Imported
by ecm.caa.rules. The inspectors (any HMI or BRM: the CAA has no assignment) and the programme
administrator record an inspection and send its letter; the inspectorate reads every
inspection and the programme; the council's own link officer and director read their
council's inspection only once its letter is sent (004: "Inspectors will report their findings
by letter"), never a draft. A refusal is 404."""

import rules

from ecm.accounts.predicates import (
    is_council_user,
    is_inspector,
    is_inspectorate,
    is_programme_administrator,
)
from ecm.caa.predicates import of_own_council
from ecm.caa.unannounced.models import InspectionStatus


@rules.predicate
def letter_sent(user, inspection) -> bool:
    return inspection is not None and inspection.status == InspectionStatus.SENT


records_unannounced = is_inspector | is_programme_administrator

rules.add_perm("caa.unannounced_record", records_unannounced)
rules.add_perm("caa.unannounced_programme", is_inspectorate)
rules.add_perm(
    "caa.unannounced_read", is_inspectorate | (is_council_user & of_own_council & letter_sent)
)
