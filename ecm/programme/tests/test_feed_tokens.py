"""Calendar addresses as keys (issue 21 §8; decision 0038): the token is kept only as its
SHA-256, shown once when it is made, listed afterwards by what it shows, when it was made and
when last used; an address made before hashing keeps working; a person may have a limited
number; a revoked address answers 404; making and revoking are audited without the token."""

import hashlib
import importlib
import json
import re
from types import SimpleNamespace
from uuid import uuid4

import pytest
from django.db import connection
from django.test import override_settings
from django.urls import reverse

from ecm.audit.models import AuditEntry
from ecm.programme.models import CalendarFeed, feed_token_hash
from ecm.programme.services.calendars import FEED_LIMIT, calendar_feed_create
from ecm.programme.views.people import FEED_NOT_AGAIN

pytestmark = pytest.mark.django_db
ADDRESS = re.compile(r"/calendars/([^/<\s]+)\.ics")
SHOWN_ONCE = "Copy your new calendar address now: it will not be shown again"


def url(name, **kwargs):
    return reverse(f"programme:{name}", kwargs=kwargs)


def _make(client, user, **data):
    client.force_login(user)
    page = client.get(url("calendars")).content.decode()
    # At the limit the page offers no form: post as a page opened before would.
    found = re.search(r'name="once_token" value="([^"]+)"', page)
    once = found.group(1) if found else str(uuid4())
    return client.post(url("calendar-create"), {"once_token": once, **data}), once


def _token(response) -> str:
    return ADDRESS.search(response.content.decode()).group(1)


def _every_value_stored(feed: CalendarFeed) -> str:
    with connection.cursor() as cursor:
        table = connection.ops.quote_name(CalendarFeed._meta.db_table)
        cursor.execute(f"SELECT * FROM {table} WHERE id = %s", [feed.pk])  # noqa: S608
        return " ".join(str(v) for v in cursor.fetchone())


def test_the_token_is_stored_only_as_its_hash_issue_21_8(hmi):
    feed = calendar_feed_create(actor=hmi)
    assert len(feed.token) >= 43  # 32 bytes from secrets: 256 bits, URL-safe base64
    stored = CalendarFeed.objects.get(pk=feed.pk)
    assert stored.token_hash == hashlib.sha256(feed.token.encode()).hexdigest()
    assert not hasattr(stored, "token")
    assert feed.token not in _every_value_stored(stored)
    assert calendar_feed_create(actor=hmi).token != feed.token


def test_the_address_is_shown_once_issue_21_8(client, hmi):
    response, once = _make(client, hmi)
    assert response.status_code == 200
    text = response.content.decode()
    token = _token(response)
    assert SHOWN_ONCE in text and "no-store" in response["Cache-Control"]
    # Afterwards: listed by what it shows, when made and last used, never the address.
    listed = client.get(url("calendars")).content.decode()
    assert token not in listed and not ADDRESS.search(listed)
    assert "My deadlines" in listed and "Last used by a calendar program" in listed
    assert "Not yet" in listed
    # The same form posted again (Back and submit) makes no second address and shows none.
    again = client.post(url("calendar-create"), {"once_token": once}, follow=True)
    again_text = again.content.decode()
    assert FEED_NOT_AGAIN in again_text and token not in again_text
    assert not ADDRESS.search(again_text)
    assert CalendarFeed.objects.filter(owner=hmi).count() == 1


def test_the_feed_records_when_it_was_last_used_issue_21_8(client, hmi):
    response, _ = _make(client, hmi)
    token = _token(response)
    client.logout()
    feed = client.get(url("feed", token=token))
    assert feed.status_code == 200
    assert "no-store" in feed["Cache-Control"] and "private" in feed["Cache-Control"]
    assert CalendarFeed.objects.get(owner=hmi).last_used_at is not None
    client.force_login(hmi)
    assert "Not yet" not in client.get(url("calendars")).content.decode()


def test_an_address_made_before_hashing_keeps_working_issue_21_8(client, hmi):
    """The migration writes each old token's hash, which is the hash the feed looks up: the
    address already in a calendar program answers as before."""
    migration = importlib.import_module("ecm.programme.migrations.0002_calendar_feed_token_hashed")
    old_token = "an-address-made-in-2007-before-tokens-were-hashed-xxxxxxxxxxxxxxx"
    written = {}

    class Rows:
        def only(self, *fields):
            return self

        def iterator(self):
            return iter([SimpleNamespace(pk=7, token=old_token)])

        def filter(self, pk):
            return SimpleNamespace(update=lambda **values: written.update({pk: values}))

    apps = SimpleNamespace(get_model=lambda app, name: SimpleNamespace(objects=Rows()))
    migration.hash_existing_tokens(apps, None)
    assert written == {7: {"token_hash": feed_token_hash(old_token)}}
    feed = CalendarFeed.objects.create(owner=hmi)
    CalendarFeed.objects.filter(pk=feed.pk).update(token_hash=written[7]["token_hash"])
    answer = client.get(url("feed", token=old_token))
    assert answer.status_code == 200 and b"BEGIN:VCALENDAR" in answer.content


@override_settings(CALENDAR_FEEDS_PER_PERSON=2)
def test_a_person_may_have_only_so_many_addresses_issue_21_8(client, hmi):
    for _ in range(2):
        assert _make(client, hmi)[0].status_code == 200
    refused, _ = _make(client, hmi)
    assert refused.status_code == 400
    assert FEED_LIMIT.format(limit=2) in refused.content.decode()
    assert not ADDRESS.search(refused.content.decode())
    assert CalendarFeed.objects.filter(owner=hmi).count() == 2
    page = client.get(url("calendars")).content.decode()
    assert "the most one person may have" in page and "Make an address" not in page
    # A revoked address no longer counts.
    client.post(url("calendar-revoke", pk=CalendarFeed.objects.filter(owner=hmi).first().pk))
    assert _make(client, hmi)[0].status_code == 200


def test_a_revoked_address_answers_404_and_both_are_audited_issue_21_8(client, hmi):
    response, _ = _make(client, hmi)
    token = _token(response)
    feed = CalendarFeed.objects.get(owner=hmi)
    client.post(url("calendar-revoke", pk=feed.pk))
    client.logout()
    assert client.get(url("feed", token=token)).status_code == 404
    entries = AuditEntry.objects.filter(verb__in=["calendar.created", "calendar.revoked"])
    assert sorted(e.verb for e in entries) == ["calendar.created", "calendar.revoked"]
    for entry in entries:
        assert token not in json.dumps([entry.before, entry.after, entry.reason], default=str)
