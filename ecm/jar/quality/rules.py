"""Who may see and do what about a review's complaints and quality assurance (issue 24 §2; 003).
Imported by ecm.jar.rules. A refusal is 404.

The council's own link officer or director makes a complaint and reads its council's
complaints; those who see across councils read them and the programme administrator handles
them. The review's team does not read complaints about the inspection. A management reader who
was not on the review's team records its quality assurance; those across councils and the team
read it."""

import rules

from ecm.accounts.predicates import (
    belongs_to_council,
    is_council_user,
    is_management_reader,
    is_programme_administrator,
)
from ecm.apa.rules import works_across_councils
from ecm.jar.rules import on_team

own_council = is_council_user & belongs_to_council

rules.add_perm("jar.complaints_read", works_across_councils | own_council)
rules.add_perm("jar.complaint_make", own_council)
rules.add_perm("jar.complaint_handle", is_programme_administrator)
rules.add_perm("jar.quality_read", (works_across_councils | on_team) & ~is_council_user)
rules.add_perm("jar.quality_assure", is_management_reader & ~on_team)
