"""Pages of the CAA's area assessment (issue 10 §5; 004): the year's assessment with its
narrative, flags and organisational assessments; writing it, raising and withdrawing flags,
publishing and reopening; an organisation's assessment with the flags about it. The services
own the rules; a refused object is a 404, as a missing one. The council reads only what is
published. Its edit pages, opened again once it is published, say when and by whom (issue 20
§3)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse

from ecm.authorities.models import Council
from ecm.caa.flags import selectors, services
from ecm.caa.flags.forms import (
    AreaForm,
    FlagForm,
    OrganisationForm,
    PublishForm,
    ReasonForm,
    point_field,
)
from ecm.caa.flags.framework import area_framework
from ecm.caa.flags.models import (
    FIRST_YEAR,
    AreaAssessment,
    Flag,
    FlagColour,
    OrganisationalAssessment,
)
from ecm.core.access import access_object, refuse_unless, require_perm
from ecm.core.forms import call_service, posted
from ecm.core.frozen import Since, frozen_page

SAVED = "The area assessment was saved"
FLAG_RAISED = "The {colour} was raised"
FLAG_WITHDRAWN = "The flag was withdrawn; it stays in the assessment's history"
PUBLISHED = "The area assessment was published: the council can now read it and its flags"
REOPENED = "The area assessment was reopened: the council no longer sees it until it is published"
ORGANISATION_SAVED = "The organisational assessment was saved"
NOT_STARTED = "Save the area assessment's narrative before raising flags or publishing"
PUBLISHED_STANDS = (
    "The council reads it as published, with its flags and organisational assessments, and it "
    "no longer changes: reopen it, with your reason, first."
)


def _council(request, la_number: str, year: int) -> Council:
    refuse_unless(FIRST_YEAR <= year <= 2100)
    return access_object(request.user, Council, "caa.read_council", la_number=la_number)


def _writer(request, la_number: str, year: int) -> Council:
    council = _council(request, la_number, year)
    require_perm(request.user, "caa.write_area")
    return council


def _area_url(council, year: int, name: str = "area", **kwargs) -> str:
    return reverse(f"caa:{name}", kwargs={"la_number": council.la_number, "year": year, **kwargs})


def _status(form) -> int:
    return 400 if form.errors else 200


def _published(request, council, year: int, found=None, *, back=None):
    """An edit page of the year's area assessment (or of what is published with it) once it
    is published: when, by whom, and how to change it (reopen it); None while it is not."""
    found = found or selectors.area_assessment_of(council=council, year=year)
    if found is None or not found.is_published:
        return None
    return frozen_page(
        request,
        what=f"the {year} area assessment of {council.name}",
        happened="was published",
        since=Since.of(found.published_on, found.published_by),
        why=PUBLISHED_STANDS,
        back_url=back or _area_url(council, year),
        back_text="Go to the area assessment",
        caption=f"{council.name}: area assessment {year}",
        title="The area assessment can no longer be changed",
    )


def _form_page(request, form, council, year, *, caption="", intro="", back=None):
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "caption": caption or f"{council.name}: area assessment {year}",
            "intro": intro,
            "back_url": back or _area_url(council, year),
        },
        status=_status(form),
    )


def area(request, la_number: str, year: int):
    council = _council(request, la_number, year)
    found = selectors.area_assessment_of(council=council, year=year)
    refuse_unless(request.user.has_perm("caa.read_area", found))
    framework = area_framework()
    flags = (
        found.flags.select_related("raised_by", "withdrawn_by") if found else Flag.objects.none()
    )
    current = [f for f in flags if not f.is_withdrawn]
    return render(
        request,
        "caa/flags/area.html",
        {
            "council": council,
            "year": year,
            "area": found,
            "framework": framework,
            "questions": _questions(framework, found),
            "themes": [
                {"theme": t, "text": getattr(found, f"{t.code}_notes", "") if found else ""}
                for t in framework.themes
            ],
            "flags": selectors.flag_rows(current),
            "red": sum(f.colour == FlagColour.RED for f in current),
            "green": sum(f.colour == FlagColour.GREEN for f in current),
            "withdrawn": selectors.flag_rows(f for f in flags if f.is_withdrawn),
            "organisations": selectors.report_rows(council=council, year=year),
            "may_write": request.user.has_perm("caa.write_area"),
        },
    )


def _questions(framework, found) -> list[dict]:
    """Each question with its narrative, its variation's and its sub-points' (004)."""
    points = (found.priorities_points or {}) if found else {}
    return [
        {
            "number": n,
            "question": q,
            "text": getattr(found, q.code, "") if found else "",
            "variation": getattr(found, f"{q.code}_variation", "") if found else "",
            "points": [
                {"letter": letter, "point": p, "text": points.get(p.code, "")}
                for letter, p in zip("abcdefgh", q.points, strict=False)
            ],
        }
        for n, q in enumerate(framework.questions, start=1)
    ]


def area_report(request, la_number: str, year: int):
    """The single report (004: "A single report will be published that includes an overall
    score for each organisation alongside the area assessment"): the area assessment's
    narrative and flags, each organisation's overall score in words and the council's statement
    on key council services with Ofsted's annual rating. The council reads it once published."""
    council = _council(request, la_number, year)
    found = selectors.area_assessment_of(council=council, year=year)
    refuse_unless(found and request.user.has_perm("caa.read_area", found))
    framework = area_framework()
    flags = [f for f in found.flags.select_related("raised_by") if not f.is_withdrawn]
    rows = selectors.report_rows(council=council, year=year)
    councils = [r["organisational"] for r in rows if r["organisational"].is_the_council]
    return render(
        request,
        "caa/flags/report.html",
        {
            "council": council,
            "year": year,
            "area": found,
            "framework": framework,
            "questions": _questions(framework, found),
            "themes": [
                {"theme": t, "text": getattr(found, f"{t.code}_notes", "")}
                for t in framework.themes
            ],
            "flags": selectors.flag_rows(flags),
            "organisations": rows,
            "the_council": councils[0] if councils else None,
            "rating": selectors.council_rating(council=council, year=year, user=request.user),
        },
    )


def area_edit(request, la_number: str, year: int):
    council = _writer(request, la_number, year)
    found = selectors.area_assessment_of(council=council, year=year)
    published = _published(request, council, year, found)
    if published:
        return published
    initial = {"lock_version": found.lock_version if found else None}
    codes = [p.code for _, p in area_framework().points]
    if found:
        initial |= {f: getattr(found, f) for f in services.TEXT_FIELDS}
        initial |= {point_field(c): found.priorities_points.get(c, "") for c in codes}
    form = AreaForm(posted(request), initial=initial)
    if form.is_valid():
        data = form.cleaned_data
        done = call_service(
            form,
            services.area_assessment_save,
            actor=request.user,
            council=council,
            year=year,
            texts={f: data.get(f, "") for f in services.TEXT_FIELDS},
            points={c: data.get(point_field(c), "") for c in codes},
            expected_lock_version=data["lock_version"],
        )
        if done:
            messages.success(request, SAVED)
            return redirect(_area_url(council, year))
    return _form_page(request, form, council, year)


def _area_or_refuse(council, year: int) -> AreaAssessment:
    found = selectors.area_assessment_of(council=council, year=year)
    refuse_unless(found)
    return found


def _area_step(request, council, year: int, found, form, *, service, field: str, done: str, intro):
    """Publish or reopen: one field of the form passed to the service, then back to the area."""
    if form.is_valid():
        moved = call_service(
            form,
            service,
            actor=request.user,
            area_assessment=found,
            **{field: form.cleaned_data[field]},
        )
        if moved:
            messages.success(request, done)
            return redirect(_area_url(council, year))
    return _form_page(request, form, council, year, intro=intro)


def area_publish(request, la_number: str, year: int):
    council = _writer(request, la_number, year)
    found = _area_or_refuse(council, year)
    published = _published(request, council, year, found)
    if published:
        return published
    intro = (
        "Once published, the council reads the assessment and its flags, and it no longer "
        "changes without reopening it with a reason."
    )
    form = PublishForm(posted(request))
    return _area_step(
        request,
        council,
        year,
        found,
        form,
        service=services.area_assessment_publish,
        field="published_on",
        done=PUBLISHED,
        intro=intro,
    )


def area_reopen(request, la_number: str, year: int):
    council = _writer(request, la_number, year)
    found = _area_or_refuse(council, year)
    intro = (
        "Say why it must change. The council no longer sees it until it is published again."
        if found.is_published
        else services.NOT_PUBLISHED
    )
    form = ReasonForm(
        posted(request),
        title="Reopen the area assessment",
        submit_label="Reopen the area assessment",
    )
    return _area_step(
        request,
        council,
        year,
        found,
        form,
        service=services.area_assessment_reopen,
        field="reason",
        done=REOPENED,
        intro=intro,
    )


def flag_add(request, la_number: str, year: int):
    council = _writer(request, la_number, year)
    found = _area_or_refuse(council, year)
    published = _published(request, council, year, found)
    if published:
        return published
    form = FlagForm(posted(request), initial=_from_organisation(request, council, year))
    if form.is_valid():
        data = form.cleaned_data
        flag = call_service(
            form,
            services.flag_raise,
            actor=request.user,
            area_assessment=found,
            colour=data["colour"],
            question=data["question"],
            theme=data["theme"],
            organisation_kind=data["organisation_kind"],
            organisation_name=data["organisation_name"],
            reason=data["reason"],
        )
        if flag:
            messages.success(request, FLAG_RAISED.format(colour=flag.get_colour_display().lower()))
            return redirect(_area_url(council, year, "flag", pk=flag.pk))
    return _form_page(request, form, council, year)


def _from_organisation(request, council, year: int) -> dict:
    """A flag raised from an organisational assessment names its organisation (004: "Any
    concerns or positive indicators arising from the organisational assessment, which impact
    significantly on outcomes for the wider area will be reported in the area assessment and
    may result in a flag")."""
    pk = request.GET.get("organisation", "")
    if not pk.isdigit():
        return {}
    found = OrganisationalAssessment.objects.filter(area=council, year=year, pk=int(pk)).first()
    if found is None:
        return {}
    return {
        "organisation_kind": found.organisation_kind,
        "organisation_name": "" if found.is_the_council else found.organisation_name,
    }


def _flag(request, council, year: int, pk: int) -> Flag:
    queryset = Flag.objects.select_related("area_assessment", "raised_by", "withdrawn_by")
    found = access_object(
        request.user,
        queryset.filter(area_assessment__council=council, area_assessment__year=year),
        "caa.read_area",
        pk=pk,
    )
    return found


def flag(request, la_number: str, year: int, pk: int):
    council = _council(request, la_number, year)
    found = _flag(request, council, year, pk)
    (row,) = selectors.flag_rows([found])
    return render(
        request,
        "caa/flags/flag.html",
        {
            "council": council,
            "year": year,
            "row": row,
            "flag": found,
            "organisational": selectors.organisational_assessment_for(found),
            "may_write": request.user.has_perm("caa.write_area"),
        },
    )


def flag_withdraw(request, la_number: str, year: int, pk: int):
    council = _writer(request, la_number, year)
    found = _flag(request, council, year, pk)
    back = _area_url(council, year, "flag", pk=found.pk)
    published = _published(request, council, year, found.area_assessment, back=back)
    if published:
        return published
    form = ReasonForm(
        posted(request), title=f"Withdraw the {found}", submit_label="Withdraw the flag"
    )
    if form.is_valid():
        done = call_service(
            form,
            services.flag_withdraw,
            actor=request.user,
            flag=found,
            reason=form.cleaned_data["reason"],
        )
        if done:
            messages.success(request, FLAG_WITHDRAWN)
            return redirect(_area_url(council, year, "flag", pk=found.pk))
    intro = "The flag stays in the assessment's history, marked withdrawn, with your reason."
    return _form_page(request, form, council, year, intro=intro, back=back)


def _organisational(request, council, year: int, pk: int) -> OrganisationalAssessment:
    return access_object(
        request.user,
        OrganisationalAssessment.objects.filter(area=council, year=year),
        "caa.read_area",
        pk=pk,
    )


def organisation(request, la_number: str, year: int, pk: int):
    council = _council(request, la_number, year)
    found = _organisational(request, council, year, pk)
    return render(
        request,
        "caa/flags/organisation.html",
        {
            "council": council,
            "year": year,
            "organisational": found,
            "score": selectors.score_label(found.overall_score),
            "rating": selectors.council_rating(council=council, year=year, user=request.user)
            if found.is_the_council
            else None,
            "flags": selectors.flag_rows(selectors.flags_about(found)),
            "may_write": request.user.has_perm("caa.write_area"),
            "area": selectors.area_assessment_of(council=council, year=year),
        },
    )


def organisation_add(request, la_number: str, year: int):
    council = _writer(request, la_number, year)
    published = _published(request, council, year)
    if published:
        return published
    form = OrganisationForm(posted(request))
    form.title = "Add an organisational assessment"
    if form.is_valid():
        data = form.cleaned_data
        done = call_service(
            form,
            services.organisational_assessment_save,
            actor=request.user,
            area=council,
            year=year,
            organisation_kind=data["organisation_kind"],
            organisation_name=data["organisation_name"],
            narrative=data["narrative"],
            overall_score=data["overall_score"],
            services_statement=data["services_statement"],
        )
        if done:
            messages.success(request, ORGANISATION_SAVED)
            return redirect(_area_url(council, year, "organisation", pk=done.pk))
    return _form_page(request, form, council, year)


def organisation_edit(request, la_number: str, year: int, pk: int):
    council = _writer(request, la_number, year)
    found = _organisational(request, council, year, pk)
    back = _area_url(council, year, "organisation", pk=found.pk)
    published = _published(request, council, year, back=back)
    if published:
        return published
    form = OrganisationForm(
        posted(request),
        existing=True,
        council=found.is_the_council,
        initial={
            "narrative": found.narrative,
            "overall_score": found.overall_score,
            "services_statement": found.services_statement,
            "lock_version": found.lock_version,
        },
    )
    form.title = f"Organisational assessment: {found.organisation_name}"
    if form.is_valid():
        done = call_service(
            form,
            services.organisational_assessment_save,
            actor=request.user,
            area=council,
            year=year,
            organisation_kind=found.organisation_kind,
            organisation_name=found.organisation_name,
            narrative=form.cleaned_data["narrative"],
            overall_score=form.cleaned_data["overall_score"],
            services_statement=form.cleaned_data.get("services_statement", ""),
            organisational_assessment=found,
            expected_lock_version=form.cleaned_data["lock_version"],
        )
        if done:
            messages.success(request, ORGANISATION_SAVED)
            return redirect(_area_url(council, year, "organisation", pk=found.pk))
    return _form_page(request, form, council, year, back=back)
