"""Who may see and do what in the JAR's judgements and report (issue 9 §6). A refusal is 404.
The team records evidence and grades; the lead (or the programme administrator) writes and moves
the report; the council comments, may request a review and writes its action plan; the
programme administrator decides a follow-up. The council reads the report only once the draft
is sent, and a grade only once it is published (ecm.jar.report.selectors)."""

import rules

from ecm.accounts.predicates import belongs_to_council, is_council_user, is_programme_administrator
from ecm.jar.report.workflow import ReportStage
from ecm.jar.rules import on_team


@rules.predicate
def report_sent(user, review) -> bool:
    report = getattr(review, "report", None) if review is not None else None
    return report is not None and report.stage != ReportStage.DRAFTING


council_of = is_council_user & belongs_to_council
rules.add_perm("jar.record_evidence", is_programme_administrator | on_team)
rules.add_perm("jar.see_evidence", ~is_council_user)
rules.add_perm("jar.act_for_council", council_of)
rules.add_perm("jar.read_report", ~is_council_user | (council_of & report_sent))
