"""The annual rating's pages (issue 10 §2): the rating with its evidence and the limits that
applied, drafting it, and making it final. A refusal is 404; the drafting and finalising pages
of a rating made final since say when and by whom (issue 20 §3)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from ecm.authorities.models import Council
from ecm.caa.rating import selectors, services
from ecm.caa.rating.forms import FinaliseForm, KeyAreasForm, RatingForm
from ecm.caa.rating.limits import OUTCOMES, highest_allowed, rules_for
from ecm.caa.rating.models import RatingStage
from ecm.core.access import NOT_FOUND_MESSAGE, access_object, refuse_unless, require_perm
from ecm.core.forms import call_service, posted
from ecm.core.frozen import Since, frozen_page

FINAL_STANDS = "The council sees the final rating, and it no longer changes (004)."
KEY_AREAS_SAVED = "The {year} key areas were saved: {titles}"


def _council(request, la_number: str, year: int):
    found = access_object(request.user, Council, "caa.read_council", la_number=la_number)
    try:
        rules_for(year)
    except LookupError:
        refuse_unless(False)
    return found


def _url(council, year) -> str:
    return reverse("caa:rating", kwargs={"la_number": council.la_number, "year": year})


def _final(request, council, year: int, record):
    """The rating's edit pages once it is final."""
    return frozen_page(
        request,
        what=f"the {year} annual rating of {council.name}",
        happened="was made final",
        since=Since.of(record.finalised_on, record.finalised_by),
        why=FINAL_STANDS,
        back_url=_url(council, year),
        back_text="Go to the rating",
        caption=council.name,
        title="This rating can no longer be changed",
    )


def rating(request, la_number: str, year: int):
    found = _council(request, la_number, year)
    record = selectors.rating_of(council=found, year=year)
    shown = selectors.rating_visible(record, request.user)
    sources = {s.code: s.title for s in rules_for(year).evidence_sources}
    return render(
        request,
        "caa/rating/rating.html",
        {
            "council": found,
            "year": year,
            "record": record if shown else None,
            "outcomes": [
                (title, (record.outcome_grades or {}).get(code)) for code, title in OUTCOMES
            ]
            if shown
            else [],
            "evidence": [(sources.get(e.source, e.source), e.note) for e in record.evidence.all()]
            if shown
            else [],
            "may_draft": request.user.has_perm("caa.rating_draft")
            and (record is None or record.stage == RatingStage.DRAFT),
            "may_finalise": request.user.has_perm("caa.rating_finalise")
            and record is not None
            and record.stage == RatingStage.DRAFT,
            "key_areas": selectors.key_areas_for(year),
            "may_choose_key_areas": request.user.has_perm("caa.rating_key_areas"),
        },
    )


def rating_draft(request, la_number: str, year: int):
    found = _council(request, la_number, year)
    require_perm(request.user, "caa.rating_draft")
    record = selectors.rating_of(council=found, year=year)
    if record is not None and record.stage == RatingStage.FINAL:
        return _final(request, found, year, record)
    refuse_unless(record is None or record.stage == RatingStage.DRAFT)
    initial = {"lock_version": record.lock_version if record else 0}
    if record:
        initial |= {"rating": record.rating, "rationale": record.rationale}
        initial |= {f"outcome_{k}": v for k, v in record.outcome_grades.items()}
        initial |= {f"evidence_{e.source}": e.note for e in record.evidence.all()}
        initial |= {"surveys": [cited["pk"] for cited in record.surveys_cited]}
    surveys = selectors.surveys_to_cite(council=found, year=year)
    form = RatingForm(posted(request), initial=initial, year=year, surveys=surveys)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        if call_service(
            form,
            services.rating_draft,
            actor=request.user,
            council=found,
            year=year,
            rating=data["rating"],
            outcome_grades=form.outcome_grades(),
            rationale=data["rationale"],
            evidence=form.evidence(),
            surveys_cited=data.get("surveys") or [],
            expected_lock_version=data["lock_version"],
        ):
            messages.success(request, "The draft rating was saved")
            return redirect(_url(found, year))
    # What limits the rating today, from the inspections' findings (before the outcome
    # judgements the inspector is about to give).
    known = selectors.limits_for(
        council=found, year=year, outcome_grades=record.outcome_grades if record else {}
    )
    return render(
        request,
        "caa/rating/draft.html",
        {
            "form": form,
            "council": found,
            "year": year,
            "limits": known,
            "allowed": highest_allowed(known),
            "back_url": _url(found, year),
            "key_areas": selectors.key_areas_for(year),
            "surveys_year_url": reverse(
                "surveys:council", kwargs={"la_number": found.la_number, "year": year}
            ),
        },
        status=400 if form.errors else 200,
    )


def rating_finalise(request, la_number: str, year: int):
    found = _council(request, la_number, year)
    require_perm(request.user, "caa.rating_finalise")
    record = selectors.rating_of(council=found, year=year)
    if record is not None and record.stage == RatingStage.FINAL:
        return _final(request, found, year, record)
    refuse_unless(record is not None and record.stage == RatingStage.DRAFT)
    form = FinaliseForm(posted(request), initial={"lock_version": record.lock_version})
    if (
        form.is_bound
        and form.is_valid()
        and call_service(
            form,
            services.rating_finalise,
            actor=request.user,
            rating=record,
            expected_lock_version=form.cleaned_data["lock_version"],
        )
    ):
        messages.success(request, "The rating is final: the council can see it")
        return redirect(_url(found, year))
    context = {
        "form": form,
        "caption": found.name,
        "back_url": _url(found, year),
        "intro": "The limits are checked again against today's findings; once final, "
        "the council sees the rating and it no longer changes.",
    }
    return render(request, "core/form_page.html", context, status=400 if form.errors else 200)


def key_areas(request, year: int):
    """The year's key areas (issue 24 §1): 004's "e.g. Staying Safe or Enjoying and Achieving"
    beside the choice, which the programme administrator makes with a reason (audited)."""
    require_perm(request.user, "caa.rating_key_areas")
    try:
        rules_for(year)
    except LookupError:
        raise Http404(NOT_FOUND_MESSAGE) from None
    current = selectors.key_areas_for(year)
    form = KeyAreasForm(
        posted(request),
        initial={"key_areas": list(current.codes), "lock_version": current.lock_version},
    )
    if (
        form.is_bound
        and form.is_valid()
        and call_service(
            form,
            services.key_areas_choose,
            actor=request.user,
            year=year,
            key_areas=form.cleaned_data["key_areas"],
            reason=form.cleaned_data["reason"],
            expected_lock_version=form.cleaned_data["lock_version"],
        )
    ):
        chosen = selectors.key_areas_for(year)
        messages.success(
            request, KEY_AREAS_SAVED.format(year=year, titles="; ".join(chosen.titles))
        )
        return redirect(reverse("caa:rating-key-areas", kwargs={"year": year}))
    return render(
        request,
        "caa/rating/key_areas.html",
        {"form": form, "year": year, "current": current, "caption": f"Annual rating {year}"},
        status=400 if form.errors else 200,
    )
