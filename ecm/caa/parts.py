"""The parts of the 2009 framework (issue 10; 004; DOMAIN.md §5), each a package of ecm.caa
with its own models, rules, pages and tests."""

PARTS = ("profile", "unannounced", "safeguarding", "rating", "flags")
