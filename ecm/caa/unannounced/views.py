"""Pages of the CAA's unannounced inspections (issue 10 §3; 004): the programme of an
inspection year, recording an inspection's visit, evaluating the nine aspects, the outcome and
the letter, sending it (check your answers, then confirm), and the letter as a printable page
and as a PDF or DOCX. The services own the rules; a refused object is a 404, as a missing one.
The council reads its inspection, and its letter, only once the letter is sent. An edit page
opened again once the letter is sent says when and by whom (issue 20 §3)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse

from ecm.authorities.models import Council
from ecm.caa.unannounced import documents, selectors, services
from ecm.caa.unannounced.forms import AspectsForm, LetterForm, SendForm, VisitForm
from ecm.caa.unannounced.framework import inspection_year_label, unannounced_rules
from ecm.caa.unannounced.models import FIRST_INSPECTION_YEAR, UnannouncedInspection
from ecm.core.access import access_object, refuse_unless, require_perm
from ecm.core.documents import document_download
from ecm.core.forms import call_service, posted
from ecm.core.frozen import Since, frozen_page

RECORDED = "The unannounced inspection was recorded"
VISIT_SAVED = "The visit was saved"
ASPECTS_SAVED = "The evaluations were saved"
LETTER_SAVED = "The outcome and the letter were saved"
SENT = "The letter was sent: the council can now read it"
SENT_SERIOUS = (
    "The letter was sent: the council can now read it. It raises serious concerns, so the full "
    "inspection of safeguarding is brought forward (004)"
)


SENT_STANDS = (
    "The council reads the inspection and its letter as sent: they no longer change (004)."
)


def _status(form) -> int:
    return 400 if form.errors else 200


def _sent(request, found: UnannouncedInspection):
    """An edit page of the inspection once its letter is sent; None before."""
    if not found.is_sent:
        return None
    return frozen_page(
        request,
        what="the letter of this unannounced inspection",
        happened="was sent to the council",
        since=Since.of(found.sent_on, found.sent_by),
        why=SENT_STANDS,
        back_url=selectors.inspection_url(found),
        back_text="Go to the inspection",
        caption=_caption(found),
        title="This inspection can no longer be changed",
    )


def _council(request, la_number: str) -> Council:
    return access_object(request.user, Council, "caa.read_council", la_number=la_number)


def _inspection(request, la_number: str, pk: int, *, record: bool = False):
    council = _council(request, la_number)
    if record:
        require_perm(request.user, "caa.unannounced_record")
    found = access_object(
        request.user,
        UnannouncedInspection.objects.filter(council=council).select_related(
            "council", "lead_inspector", "sent_by"
        ),
        "caa.unannounced_read",
        pk=pk,
    )
    return council, found


def _form_page(request, form, inspection=None, *, council=None, intro="", back=""):
    council = council or inspection.council
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "caption": _caption(inspection) if inspection else council.name,
            "intro": intro,
            "back_url": back
            or (selectors.inspection_url(inspection) if inspection else _council_url(council)),
        },
        status=_status(form),
    )


def _caption(inspection) -> str:
    return f"{inspection.council.name}: unannounced inspection {inspection.year_label}"


def _council_url(council) -> str:
    return reverse("caa:council", kwargs={"la_number": council.la_number})


def programme(request):
    require_perm(request.user, "caa.unannounced_programme")
    opens_on = selectors.programme_year()
    last = max(selectors.current_inspection_year() + 1, opens_on)
    try:
        year = int(request.GET.get("year") or opens_on)
    except ValueError:
        year = 0
    refuse_unless(FIRST_INSPECTION_YEAR <= year <= last)
    years = [(y, inspection_year_label(y)) for y in range(last, FIRST_INSPECTION_YEAR - 1, -1)]
    return render(
        request,
        "caa/unannounced/programme.html",
        {
            "programme": selectors.programme(year=year),
            "years": years,
            "may_record": request.user.has_perm("caa.unannounced_record"),
        },
    )


def _visit_values(form) -> dict:
    data = form.cleaned_data
    return {
        "lead_inspector": data["lead_inspector"],
        "days_on_site": form.days(),
        "exceptional": data["exceptional"],
        "exceptional_reason": data["exceptional_reason"],
        "centres_count": data["centres_count"],
        "centres_visited": data["centres_visited"],
        "case_files": data["case_files"],
        "staff_spoken": data["staff_spoken"],
    }


def inspection_new(request, la_number: str):
    council = _council(request, la_number)
    require_perm(request.user, "caa.unannounced_record")
    form = VisitForm(posted(request), initial={"lock_version": 0})
    if form.is_bound and form.is_valid():
        done = call_service(
            form,
            services.unannounced_save,
            actor=request.user,
            council=council,
            expected_lock_version=form.cleaned_data["lock_version"],
            **_visit_values(form),
        )
        if done:
            messages.success(request, RECORDED)
            return redirect(selectors.inspection_url(done))
    intro = (
        "Record the visit: the days the inspectors were on site, the centres visited, the case "
        "files scrutinised and the staff and managers spoken to. The council sees the "
        "inspection only once the letter is sent."
    )
    return _form_page(request, form, council=council, intro=intro)


def inspection(request, la_number: str, pk: int):
    council, found = _inspection(request, la_number, pk)
    may_record = request.user.has_perm("caa.unannounced_record") and not found.is_sent
    return render(
        request,
        "caa/unannounced/inspection.html",
        {
            "council": council,
            "inspection": found,
            "rules": unannounced_rules(found.version),
            "aspects": selectors.aspect_rows(found),
            "outcome": selectors.outcome_of(found),
            "missing": services.letter_missing(found) if may_record else [],
            "may_record": may_record,
        },
    )


def inspection_visit(request, la_number: str, pk: int):
    _, found = _inspection(request, la_number, pk, record=True)
    sent = _sent(request, found)
    if sent:
        return sent
    initial = {f: getattr(found, f) for f in services.VISIT_FIELDS}
    initial |= {
        "lead_inspector": found.lead_inspector_id,
        "centres_visited": "\n".join(found.centres_visited),
        "lock_version": found.lock_version,
    }
    for n, day in enumerate(found.on_site, start=1):
        initial["first_day" if n == 1 else f"day_{n}"] = day
    form = VisitForm(posted(request), initial=initial, on=found.first_day)
    form.title = "Change the visit"
    if form.is_bound and form.is_valid():
        done = call_service(
            form,
            services.unannounced_save,
            actor=request.user,
            council=found.council,
            inspection=found,
            expected_lock_version=form.cleaned_data["lock_version"],
            **_visit_values(form),
        )
        if done:
            messages.success(request, VISIT_SAVED)
            return redirect(selectors.inspection_url(found))
    return _form_page(request, form, found)


def inspection_aspects(request, la_number: str, pk: int):
    _, found = _inspection(request, la_number, pk, record=True)
    sent = _sent(request, found)
    if sent:
        return sent
    initial = {row["aspect"].code: row["finding"] for row in selectors.aspect_rows(found)}
    initial["lock_version"] = found.lock_version
    form = AspectsForm(posted(request), initial=initial, version=found.version)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        done = call_service(
            form,
            services.unannounced_aspects_save,
            actor=request.user,
            inspection=found,
            findings={a.code: data[a.code] for a in unannounced_rules(found.version).aspects},
            expected_lock_version=data["lock_version"],
        )
        if done:
            messages.success(request, ASPECTS_SAVED)
            return redirect(selectors.inspection_url(found))
    intro = "004: inspectors evaluate these nine aspects. Leave an aspect blank until evaluated."
    return _form_page(request, form, found, intro=intro)


def inspection_outcome(request, la_number: str, pk: int):
    _, found = _inspection(request, la_number, pk, record=True)
    sent = _sent(request, found)
    if sent:
        return sent
    initial = {f: getattr(found, f) for f in services.LETTER_FIELDS}
    initial["lock_version"] = found.lock_version
    form = LetterForm(posted(request), initial=initial, version=found.version)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        done = call_service(
            form,
            services.unannounced_letter_save,
            actor=request.user,
            inspection=found,
            expected_lock_version=data["lock_version"],
            reason=data["reason"],
            **{f: data[f] for f in services.LETTER_FIELDS},
        )
        if done:
            messages.success(request, LETTER_SAVED)
            return redirect(selectors.inspection_url(found))
    intro = (
        "004: inspectors report their findings by letter to the Director of Children's "
        "Services, copied to the Lead Member, the Chair of the Local Safeguarding Children Board "
        "and the Chief Executive. The letter may be saved incomplete and sent once whole."
    )
    return _form_page(request, form, found, intro=intro)


def inspection_send(request, la_number: str, pk: int):
    _, found = _inspection(request, la_number, pk, record=True)
    sent = _sent(request, found)
    if sent:
        return sent
    form = SendForm(posted(request), initial={"lock_version": found.lock_version})
    if form.is_bound and form.is_valid():
        done = call_service(
            form,
            services.unannounced_letter_send,
            actor=request.user,
            inspection=found,
            sent_on=form.cleaned_data["sent_on"],
            expected_lock_version=form.cleaned_data["lock_version"],
        )
        if done:
            serious = selectors.outcome_of(done).brings_forward
            messages.success(request, SENT_SERIOUS if serious else SENT)
            return redirect(selectors.inspection_url(found))
    return render(
        request,
        "caa/unannounced/send.html",
        {
            "form": form,
            "council": found.council,
            "inspection": found,
            "rules": unannounced_rules(found.version),
            "aspects": selectors.aspect_rows(found),
            "outcome": selectors.outcome_of(found),
            "missing": services.letter_missing(found),
            "caption": _caption(found),
            "back_url": selectors.inspection_url(found),
        },
        status=_status(form),
    )


def inspection_letter(request, la_number: str, pk: int):
    """The letter as a printable page (the project's print stylesheet); a draft is marked."""
    _, found = _inspection(request, la_number, pk)
    return render(
        request,
        "caa/unannounced/letter.html",
        {
            "council": found.council,
            "inspection": found,
            "rules": unannounced_rules(found.version),
            "aspects": selectors.aspect_rows(found),
            "outcome": selectors.outcome_of(found),
        },
    )


def inspection_letter_document(request, la_number: str, pk: int, fmt: str):
    """The letter as a PDF or DOCX, to whoever may read its printable page (the same access)."""
    _, found = _inspection(request, la_number, pk)
    return document_download(
        request,
        fmt,
        name=f"unannounced-letter-{found.council.la_number}-{found.inspection_year}",
        context=documents.letter_context(inspection=found),
        docx=documents.letter_docx,
        pdf=documents.letter_pdf,
    )
