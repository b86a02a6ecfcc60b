"""The rule for the statistical neighbour model every comparison uses (decision 0040; issue 22
§5): the model an administrator chose, else the newest real one, the demo's invented model
only while the demo runs."""

from datetime import date

import pytest
from django.db import IntegrityError, transaction
from django.test import override_settings

from ecm.authorities.models import StatisticalNeighbourModel
from ecm.authorities.selectors import (
    neighbour_model_in_use,
    neighbour_model_latest_real,
    neighbour_model_offered,
)
from ecm.authorities.services import neighbour_model_choose
from ecm.authorities.tests.factories import StatisticalNeighbourModelFactory

pytestmark = pytest.mark.django_db


def model(code: str, published: date | None, *, invented: bool = False):
    return StatisticalNeighbourModelFactory(code=code, published_on=published, is_invented=invented)


def test_no_model_held_means_none_in_use():
    assert neighbour_model_in_use() is None
    assert neighbour_model_offered() is None


def test_without_a_choice_the_newest_real_model_is_used_even_if_an_invented_one_is_newer():
    """Issue 22 §5: the demo's model is dated the day it was made, so it is "newest"; a real
    model still comes first, so uploading DfE's file is enough to stop invented neighbours."""
    model("dfe-2021", date(2021, 4, 1))
    newest_real = model("dfe-2025", date(2025, 5, 1))
    model("demo-computed", date(2026, 12, 6), invented=True)

    assert neighbour_model_in_use() == newest_real
    assert neighbour_model_latest_real() == newest_real


def test_a_chosen_model_beats_the_newest():
    older = model("dfe-2021", date(2021, 4, 1))
    model("dfe-2025", date(2025, 5, 1))

    neighbour_model_choose(model=older, actor=None, reason="the round's letters used it")

    assert neighbour_model_in_use() == older
    assert neighbour_model_offered().code == "dfe-2025"


def test_the_invented_model_is_used_only_while_the_demo_runs():
    """Issue 22 §5 (decision 0040): with only the demo's model held, the demo (DEMO_MODE) uses
    it; outside the demo no model is used, so nothing is compared with made-up neighbours."""
    invented = model("demo-computed", date(2026, 12, 6), invented=True)

    with override_settings(DEMO_MODE=True):
        assert neighbour_model_in_use() == invented
    with override_settings(DEMO_MODE=False):
        assert neighbour_model_in_use() is None


def test_a_chosen_invented_model_is_ignored_once_the_demo_stops():
    invented = model("demo-computed", date(2026, 12, 6), invented=True)
    real = model("dfe-2025", date(2025, 5, 1))
    with override_settings(DEMO_MODE=True):
        neighbour_model_choose(model=invented, actor=None, reason="the demo")
        assert neighbour_model_in_use() == invented
        assert neighbour_model_offered() == real

    with override_settings(DEMO_MODE=False):
        assert neighbour_model_in_use() == real


def test_choosing_moves_the_one_flag():
    first = model("dfe-2021", date(2021, 4, 1))
    second = model("dfe-2025", date(2025, 5, 1))

    neighbour_model_choose(model=first, actor=None, reason="one")
    neighbour_model_choose(model=second, actor=None, reason="two")

    assert list(StatisticalNeighbourModel.objects.filter(in_use=True)) == [second]
    first.refresh_from_db()
    assert first.published_on == date(2021, 4, 1)


def test_the_database_holds_at_most_one_model_in_use():
    model("dfe-2021", date(2021, 4, 1))
    model("dfe-2025", date(2025, 5, 1))

    with pytest.raises(IntegrityError), transaction.atomic():
        StatisticalNeighbourModel.objects.update(in_use=True)


def test_an_older_chosen_model_is_offered_the_newer_real_one_but_not_an_undated_one():
    chosen = model("dfe-2025", date(2025, 5, 1))
    model("local", None)
    neighbour_model_choose(model=chosen, actor=None, reason="DfE's latest")

    assert neighbour_model_offered() is None
