"""Optimistic locking, one helper and one wording (quality bar: "Concurrent edits never silently
overwrite"; issue 19 §3)."""

from datetime import UTC, datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from ecm.apa.models import Meeting
from ecm.apa.tests.factories import AssessmentFactory
from ecm.core.locking import (
    locked,
    refuse_if_stale,
    save_next_version,
    stale_message,
)

pytestmark = pytest.mark.django_db


def test_the_refusal_says_who_changed_what_when_and_how_to_put_it_right():
    at = datetime(2007, 9, 3, 13, 5, tzinfo=UTC)  # 14:05 in London (summer time)
    assert stale_message(what="this entry", who="Jane Smith", when=at) == (
        "Jane Smith changed this entry at 14:05 on 03 September 2007 while you were working on "
        "it. Nothing was saved: copy anything you need, reload the page to see their change, "
        "then try again"
    )
    assert stale_message(what="this letter", now="agreed") == (
        "Someone else changed this letter while you were working on it (it is now agreed). "
        "Nothing was saved: copy anything you need, reload the page to see their change, then "
        "try again"
    )


def _meeting() -> Meeting:
    return Meeting.objects.create(assessment=AssessmentFactory())


def test_a_save_from_an_older_version_is_refused_and_none_means_no_page():
    meeting = _meeting()
    refuse_if_stale(meeting, meeting.lock_version, what="the meeting")
    refuse_if_stale(meeting, None, what="the meeting")  # a write that no page started
    with pytest.raises(ValidationError) as refused:
        refuse_if_stale(meeting, meeting.lock_version - 1, what="the meeting")
    assert refused.value.code == "stale"
    assert refused.value.messages == [stale_message(what="the meeting")]


def test_locked_rows_move_to_the_next_version_so_the_older_page_is_refused():
    meeting = _meeting()
    read_at = meeting.lock_version
    with transaction.atomic():
        row = locked(Meeting.objects, expected_lock_version=read_at, what="x", pk=meeting.pk)
        row.chair = "hmi"
        save_next_version(row, ["chair"])
    assert row.lock_version == read_at + 1
    assert Meeting.objects.get(pk=meeting.pk).chair == "hmi"
    with transaction.atomic(), pytest.raises(ValidationError):
        locked(Meeting.objects, expected_lock_version=read_at, what="x", pk=meeting.pk)
