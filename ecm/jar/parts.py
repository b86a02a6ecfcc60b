"""The parts of a joint area review beyond its set-up and case tracking (issue 9 §3-§6), each a
package of ecm.jar with its own models, rules, pages, tests and a panel on the review's page
(shown in this order)."""

PARTS = ("documents", "voluntary", "youth", "fieldwork", "report", "quality")
