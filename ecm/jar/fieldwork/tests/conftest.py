"""Fixtures of the fieldwork part's tests: a review whose ten cases are drawn, its lead
inspector (on the team) and the council's link officer."""

import pytest

from ecm.jar import services as jar_services
from ecm.jar.conftest import hundred


@pytest.fixture
def drawn(review, link_officer, lead):
    """The review with its 100 cases listed and ten drawn (seeded, so always the same ten)."""
    jar_services.case_files_submit(actor=link_officer, review=review, lines=hundred())
    jar_services.cases_draw(actor=lead, review=review, seed="fieldwork")
    return review


@pytest.fixture
def tracked(drawn):
    return list(drawn.cases.filter(tracked=True).order_by("category", "reference"))


@pytest.fixture
def untracked(drawn):
    return drawn.cases.filter(tracked=False).first()


@pytest.fixture
def member(drawn, lead):
    return drawn.team.get(user=lead)
