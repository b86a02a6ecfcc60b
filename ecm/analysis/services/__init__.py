"""Writes of the analysis stage. Every write checks its rule, keeps history and is audited
(DESIGN.md examples 1 and 4)."""
