"""Who may see and do what in the JAR's youth part (issue 9 §5). Imported by ecm.jar.rules.

The youth part is read by those who see across councils, the review's team and the council's
own people. The council writes its youth service self-assessment and its activity list; the
team records observations and writes the youth report, which its lead finalises. The
inspectors' grades (observations and the youth report) reach the council only once the
review's report is published (002 §A's rule, as the JAR applies it); the council always sees
the grades it gave itself."""

import rules

from ecm.accounts.predicates import belongs_to_council, is_council_user
from ecm.apa.rules import works_across_councils
from ecm.jar.report.selectors import report_published
from ecm.jar.rules import leads, on_team


@rules.predicate
def review_report_published(user, review) -> bool:
    return review is not None and report_published(review)


own_council = is_council_user & belongs_to_council

rules.add_perm("jar.youth_read", works_across_councils | on_team | own_council)
rules.add_perm("jar.youth_council_write", own_council)
rules.add_perm("jar.youth_observe", on_team)
rules.add_perm("jar.youth_report_write", on_team)
rules.add_perm("jar.youth_report_finalise", leads)
rules.add_perm(
    "jar.youth_see_grades",
    works_across_councils | on_team | (own_council & review_report_published),
)
