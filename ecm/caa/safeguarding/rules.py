"""Who may see and do what in the full inspection of safeguarding and looked after children
(issue 10 §4; 004). Imported by ecm.caa.rules. A refusal is 404.

- Notify: an inspector (HMI or BRM: CSCI's inspectors joined Ofsted in 2007) or the programme
  administrator.
- Record the visit, judge, recommend: the inspection's lead inspector and team.
- Publish the report: the lead inspector or the programme administrator.
- Read: the inspectorate reads everything; the council's own people read the notification and
  the documents requested, and the judgements, recommendations and report only once the report
  is published (as the APA's grades reach the council only when published, 002 §A).
- The programme (every council's next inspection): the inspectorate."""

import rules

from ecm.accounts.predicates import (
    is_brm,
    is_council_user,
    is_hmi,
    is_inspectorate,
    is_programme_administrator,
)
from ecm.caa.predicates import of_own_council


@rules.predicate
def is_report_published(user, inspection) -> bool:
    return inspection is not None and inspection.is_published


@rules.predicate
def on_the_team(user, inspection) -> bool:
    """The inspection's lead inspector or a member of its team."""
    return inspection is not None and inspection.on_the_team(user)


@rules.predicate
def leads_it(user, inspection) -> bool:
    return bool(
        inspection is not None and user.is_authenticated and user.pk == inspection.lead_inspector_id
    )


notifies = is_hmi | is_brm | is_programme_administrator
reads_notification = is_inspectorate | (is_council_user & of_own_council)

rules.add_perm("caa.safeguarding_programme", is_inspectorate)
rules.add_perm("caa.safeguarding_notify", notifies)
rules.add_perm("caa.safeguarding_read", reads_notification)
rules.add_perm(
    "caa.safeguarding_read_findings",
    is_inspectorate | (is_council_user & of_own_council & is_report_published),
)
rules.add_perm("caa.safeguarding_inspect", on_the_team)
rules.add_perm("caa.safeguarding_publish", leads_it | is_programme_administrator)
