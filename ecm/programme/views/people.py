"""A person's own pages (issue 8 §2, §4, §5): what they must do next and by when, a council's
individual checklist with its dates and rules, agreeing a date, and their calendar addresses;
and the calendar feed itself, read by calendar programs without signing in."""

from uuid import UUID, uuid4

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_POST

from ecm.apa.models import AssessmentRound
from ecm.core.access import NOT_FOUND_MESSAGE, access_object, refuse_unless
from ecm.core.forms import call_service, posted
from ecm.core.once import ONCE_FIELD, AlreadyDone
from ecm.programme import selectors
from ecm.programme.feeds import feed_calendar
from ecm.programme.forms import AgreedDateForm
from ecm.programme.milestones import AGREEABLE, RULES_BY_CODE
from ecm.programme.models import AgreedDate, CalendarFeed
from ecm.programme.services.calendars import (
    calendar_feed_create,
    calendar_feed_revoke,
    calendar_feed_used,
)
from ecm.programme.services.key_dates import agreed_date_set
from ecm.programme.views.common import assessment_for

AGREED = "{title}: the agreed date was saved, and the dates that follow it moved with it"
CLEARED = "{title}: back to the date its rule gives"
FEED_NOT_AGAIN = (
    "The address is not shown again: if you did not copy it, revoke it below and make another"
)
FEED_REVOKED = "The calendar address was revoked: it no longer works"


def due(request):
    today = timezone.localdate()
    items = selectors.due_for(user=request.user, today=today)
    return render(
        request,
        "programme/due.html",
        {
            "items": items,
            "overdue": [i for i in items if i.overdue],
            "coming": [i for i in items if not i.overdue],
            "today": today,
        },
    )


def checklist(request, pk: int):
    """The council's individual checklist (002 §B item 4): every date with its rule, what is
    done, and the dates the team may agree with the council."""
    found = assessment_for(request, pk)
    may_agree = request.user.has_perm("programme.agree_dates", found)
    notes = {
        d.milestone: d for d in AgreedDate.objects.filter(assessment=found).select_related("set_by")
    }
    return render(
        request,
        "programme/checklist.html",
        {
            "assessment": found,
            "milestones": [
                (m, notes.get(m.code) if m.agreed else None)
                for m in selectors.milestones_of(assessment=found)
            ],
            "agreeable": AGREEABLE if may_agree else frozenset(),
            "today": timezone.localdate(),
        },
    )


def agree(request, pk: int, code: str):
    found = assessment_for(request, pk, "programme.agree_dates")
    refuse_unless(code in AGREEABLE)
    title = RULES_BY_CODE[code].title
    current = AgreedDate.objects.filter(assessment=found, milestone=code).first()
    form = AgreedDateForm(posted(request), initial={"day": current.day if current else None})
    back = reverse("programme:checklist", kwargs={"pk": found.pk})
    if form.is_bound and form.is_valid():
        day = form.cleaned_data["day"]
        done = call_service(
            form,
            agreed_date_set,
            actor=request.user,
            assessment=found,
            milestone=code,
            day=day,
            note=form.cleaned_data["note"],
        )
        if done:
            messages.success(request, (AGREED if day else CLEARED).format(title=title))
            return redirect(back)
    context = {
        "form": form,
        "caption": f"{found.council.name} \N{MIDDLE DOT} {title}",
        "back_url": back,
    }
    return render(request, "core/form_page.html", context, status=400 if form.errors else 200)


def _calendars_page(request, *, made=None, refusal: str | None = None, status: int = 200):
    """Your calendars: each address by what it shows, when it was made and last used, with a
    way to revoke it; a new address in full on the page that made it, and never again."""
    user = request.user
    rounds = (
        list(AssessmentRound.objects.order_by("-year"))
        if user.has_perm("programme.view_round")
        else []
    )
    limit = settings.CALENDAR_FEEDS_PER_PERSON
    return render(
        request,
        "programme/calendars.html",
        {
            "feeds": selectors.feeds_of(owner=user),
            "rounds": rounds,
            "at_limit": selectors.feeds_working(owner=user) >= limit,
            "limit": limit,
            "once": uuid4(),
            "once_field": ONCE_FIELD,
            "made": made,
            "made_address": request.build_absolute_uri(
                reverse("programme:feed", kwargs={"token": made.token})
            )
            if made
            else None,
            "refusal": refusal,
        },
        status=status,
    )


def calendars(request):
    return _calendars_page(request)


def _once(request) -> UUID | None:
    try:
        return UUID(request.POST.get(ONCE_FIELD, ""))
    except ValueError:
        return None


@require_POST
def calendar_create(request):
    """Make an address and show it, in this response only: it is not kept (only its hash is),
    so the page that made it is the one place it appears. The same form posted again makes
    no second address and says the first is not shown again."""
    round_pk = request.POST.get("round") or None
    assessment_round = None
    if round_pk:
        assessment_round = access_object(
            request.user, AssessmentRound, "programme.view_round", pk=round_pk
        )
    try:
        made = calendar_feed_create(
            actor=request.user, assessment_round=assessment_round, once=_once(request)
        )
    except AlreadyDone as already:
        messages.success(request, f"{already.messages[0]}. {FEED_NOT_AGAIN}")
        return redirect(reverse("programme:calendars"))
    except ValidationError as refused:
        return _calendars_page(request, refusal=refused.messages[0], status=400)
    return _calendars_page(request, made=made)


@require_POST
def calendar_revoke(request, pk: int):
    feed = get_object_or_404(CalendarFeed, pk=pk, owner=request.user, revoked_at__isnull=True)
    calendar_feed_revoke(actor=request.user, feed=feed)
    messages.success(request, FEED_REVOKED)
    return redirect(reverse("programme:calendars"))


@login_not_required
def feed(request, token: str):
    """The iCalendar feed: no sign-in (calendar programs cannot), the token is the secret; a
    revoked or unknown token, or an owner who may no longer sign in, answers 404."""
    found = selectors.calendar_feed_find(token=token)
    if found is None:
        raise Http404(NOT_FOUND_MESSAGE)
    if found.round_id and not found.owner.has_perm("programme.view_round"):
        raise Http404(NOT_FOUND_MESSAGE)
    calendar_feed_used(feed=found)
    body = feed_calendar(feed=found, site=request.build_absolute_uri("/")[:-1])
    response = HttpResponse(
        body,
        content_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": 'inline; filename="ecm-deadlines.ics"'},
    )
    # A person's dates, read without signing in: kept by no cache on the way (decision 0038).
    add_never_cache_headers(response)
    return response
