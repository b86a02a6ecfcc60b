"""A source as users read it (issue 23 §3): the letters' name for ecm.core.citations.cited,
which every app shares. The stage table and the services keep their precise sources
("002 §I stage 3") for the code's readers; pages and messages show them through it."""

from ecm.core.citations import cited as handbook_words

__all__ = ["handbook_words"]
