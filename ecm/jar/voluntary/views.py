"""Pages of the JAR's voluntary part (issue 9 §4; 001 "Voluntary sector stakeholder survey"):
the council's list of partners (one by one or a CSV file), the lead inspector's sending of the
questionnaire with each link shown once, the inspectors' summary of the answers, and the
respondent's page, opened by its link without signing in. A refusal is a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from ecm.authorities.imports.problems import DataFileError, Problem
from ecm.core.access import NOT_FOUND_MESSAGE, access_object
from ecm.core.forms import already_done_redirect, call_service, once_token, posted
from ecm.core.frozen import Since, frozen_page
from ecm.core.once import ONCE_FIELD, once_already
from ecm.jar.models import JointAreaReview
from ecm.jar.voluntary import partners as partner_rules
from ecm.jar.voluntary import selectors, services
from ecm.jar.voluntary.forms import AnswerForm, PartnerForm, PartnerListForm, SendForm
from ecm.jar.voluntary.models import PartnerQuestionnaire, VoluntaryPartner
from ecm.jar.voluntary.questionnaire import survey

ADDED = "{name} was added to the list"
CHANGED = "{name} was changed"
LISTED = "The list of {count} partners was saved, in the file's order"
WITHDRAWN = "The link to {name}'s questionnaire was withdrawn: it no longer opens"
CONFIRM, CHANGE = "confirm", "change"
# The answers a respondent is checking, kept in its session until sent, so that going back to
# change them brings them back in the boxes (issue 24 §2).
DRAFT_KEY = "jar-voluntary-answers-{pk}"
LIST_IN_USE = (
    "A file can no longer replace the list, so that no questionnaire loses its partner: add "
    "or change partners one by one instead."
)


def _review(request, pk: int, perm: str) -> JointAreaReview:
    return access_object(
        request.user, JointAreaReview.objects.select_related("council"), perm, pk=pk
    )


def _partner(request, pk: int, partner_pk: int) -> VoluntaryPartner:
    review = _review(request, pk, "jar.voluntary_list")
    try:
        return review.voluntary_partners.select_related("review").get(pk=partner_pk)
    except VoluntaryPartner.DoesNotExist as error:
        raise Http404(NOT_FOUND_MESSAGE) from error


def _url(review) -> str:
    return reverse("jar:partners", kwargs={"pk": review.pk})


def _page(request, form, review, title: str = "", intro: str = ""):
    context = {
        "form": form,
        "caption": str(review),
        "back_url": _url(review),
        "title": title,
        "intro": intro,
    }
    return render(request, "core/form_page.html", context, status=400 if form.errors else 200)


def partners(request, pk: int):
    """The council's list in order of significance; the council sees whether each partner was
    sent the questionnaire and answered it, never the answers."""
    review = _review(request, pk, "jar.voluntary_read")
    user = request.user
    return render(
        request,
        "jar/voluntary/partners.html",
        {
            "review": review,
            "partners": selectors.partners_of(review),
            "panel": selectors.review_panel(review=review, user=user),
            "survey": survey(),
        },
    )


def partner_add(request, pk: int):
    review = _review(request, pk, "jar.voluntary_list")
    form = PartnerForm(posted(request))
    if form.is_bound and form.is_valid():
        data = {f: form.cleaned_data[f] for f in services.PARTNER_FIELDS}
        made = call_service(form, services.partner_add, actor=request.user, review=review, **data)
        if made:
            messages.success(request, ADDED.format(name=made.name))
            return redirect(_url(review))
    return _page(request, form, review)


def partner_change(request, pk: int, partner_pk: int):
    partner = _partner(request, pk, partner_pk)
    initial = {f: getattr(partner, f) for f in services.PARTNER_FIELDS}
    form = PartnerForm(
        posted(request),
        initial={**initial, "lock_version": partner.lock_version},
        title=f"Change {partner.name}",
    )
    if form.is_bound and form.is_valid():
        data = {f: form.cleaned_data[f] for f in services.PARTNER_FIELDS}
        done = call_service(
            form,
            services.partner_change,
            actor=request.user,
            partner=partner,
            expected_lock_version=form.cleaned_data["lock_version"] or 0,
            **data,
        )
        if done:
            messages.success(request, CHANGED.format(name=done.name))
            return redirect(_url(partner.review))
    return _page(request, form, partner.review)


@require_POST
def partner_move(request, pk: int, partner_pk: int):
    partner = _partner(request, pk, partner_pk)
    try:
        services.partner_move(
            actor=request.user, partner=partner, up=request.POST.get("direction") != "down"
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(_url(partner.review) + f"#partner-{partner.pk}")


def partners_upload(request, pk: int):
    """The whole list as a CSV file, stored all or nothing with every problem reported."""
    review = _review(request, pk, "jar.voluntary_list")
    first_sent = (
        PartnerQuestionnaire.objects.filter(partner__review=review)
        .select_related("sent_by")
        .order_by("sent_on", "pk")
        .first()
    )
    if first_sent is not None:
        # A stale tab or bookmark: the list is in use since its first questionnaire was sent.
        return frozen_page(
            request,
            what="the first questionnaire to a partner on this list",
            happened="was sent",
            since=Since.of(first_sent.sent_on, first_sent.sent_by),
            why=LIST_IN_USE,
            back_url=_url(review),
            back_text="Go to the list of partners",
            caption=str(review),
            title="A file can no longer replace this list",
        )
    form = PartnerListForm(posted(request), request.FILES or None)
    problems: list[Problem] = []
    if form.is_bound and form.is_valid():
        upload = form.cleaned_data["file"]
        lines, unreadable = partner_rules.read_partner_list(upload.read())
        if unreadable:
            form.add_error("file", unreadable)
        else:
            try:
                done = call_service(
                    form, services.partners_submit, actor=request.user, review=review,
                    lines=lines, file=upload.name,
                )  # fmt: skip
            except DataFileError as error:
                problems, done = error.problems, None
            if done:
                messages.success(request, LISTED.format(count=len(done)))
                return redirect(_url(review))
    return render(
        request,
        "jar/voluntary/upload.html",
        {
            "form": form,
            "review": review,
            "problems": problems,
            "caption": str(review),
            "back_url": _url(review),
            "columns": partner_rules.COLUMNS,
        },
        status=400 if (form.errors or problems) else 200,
    )


def questionnaire_send(request, pk: int):
    """Choose partners; sending shows each new link once, to pass on to the partner."""
    review = _review(request, pk, "jar.voluntary_send")
    open_to_send = [
        p
        for p in selectors.partners_of(review)
        if not hasattr(p, "questionnaire") or not p.questionnaire.active
    ]
    form = SendForm(posted(request), partners=open_to_send)
    if form.is_bound:
        # Posted again, the partners sent are no longer choices: say what was sent and when.
        already = once_already(request.POST.get(ONCE_FIELD))
        if already is not None:
            messages.success(request, f"{already.messages[0]}. {services.LINKS_NOT_AGAIN}")
            return redirect(_url(review))
    if form.is_bound and form.is_valid():
        chosen = [p for p in open_to_send if str(p.pk) in form.cleaned_data["partners"]]
        sent = call_service(
            form, services.questionnaires_send, actor=request.user, review=review, partners=chosen,
            once=once_token(form),
        )  # fmt: skip
        if sent:
            links = [
                (
                    s.questionnaire.partner,
                    request.build_absolute_uri(reverse("jar:respond", kwargs={"token": s.token})),
                )
                for s in sent
            ]
            response = render(
                request, "jar/voluntary/sent.html", {"review": review, "links": links}
            )
            response["Cache-Control"] = "no-store"  # the links are shown once, never cached
            return response
        already = already_done_redirect(request, form, _url(review))
        if already:
            return already
    if not open_to_send and not form.is_bound:
        intro = "Every partner on the list has been sent the questionnaire."
    else:
        intro = (
            "Each partner chosen gets its own private link. The links are shown once, on the "
            "next page: copy each and pass it on to its partner."
        )
    return _page(request, form, review, intro=intro)


@require_POST
def questionnaire_revoke(request, pk: int, questionnaire_pk: int):
    review = _review(request, pk, "jar.voluntary_send")
    found = (
        PartnerQuestionnaire.objects.select_related("partner")
        .filter(pk=questionnaire_pk, partner__review=review)
        .first()
    )
    if found is None:
        raise Http404(NOT_FOUND_MESSAGE)
    try:
        services.questionnaire_revoke(actor=request.user, questionnaire=found)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, WITHDRAWN.format(name=found.partner.name))
    return redirect(_url(review))


def questionnaire_summary(request, pk: int):
    """The inspectors' summary: under each heading the answers side by side."""
    review = _review(request, pk, "jar.voluntary_answers")
    return render(
        request,
        "jar/voluntary/summary.html",
        {
            "review": review,
            "summary": selectors.questionnaire_summary(review),
            "may_send": request.user.has_perm("jar.voluntary_send", review),
        },
    )


@login_not_required
@never_cache
def respond(request, token: str):
    """The partner's questionnaire, opened by its private link without signing in: only its
    own organisation's name and the three headings of 001. It is answered once; afterwards the
    link says so. An unknown or withdrawn link answers 404. The page is anonymous whoever
    opens it: no navigation, no name of a signed-in person. Never cached (issue 21 §4,
    decision 0038): the middleware's no-store is for signed-in people, and this page, its
    answers typed in and its check page, are opened from an email on a shared computer too."""
    found = selectors.questionnaire_by_token_hash(services.token_hash(token))
    if found is None:
        raise Http404(NOT_FOUND_MESSAGE)
    the_survey = survey(found.version)
    context = {
        "questionnaire": found,
        "partner_name": found.partner.name,
        "council_name": found.partner.review.council.name,
        "survey": the_survey,
        "navigation": [],
        "user": AnonymousUser(),
    }
    draft_key = DRAFT_KEY.format(pk=found.pk)
    if found.answered:
        request.session.pop(draft_key, None)
        # Opened again, or its form posted again from Back: what was sent, and when.
        status = 409 if request.method == "POST" else 200
        return render(request, "jar/voluntary/respond_done.html", context, status=status)
    action = request.POST.get("action", "") if request.method == "POST" else ""
    draft = request.session.get(draft_key) or {}
    if action == CHANGE or (request.method != "POST" and draft):
        # Back from checking the answers ("Change your answers", a question's "Change" link,
        # or the browser's Back, which fetches this never-cached page again): the answers
        # checked are in the boxes, from the posted copy or the draft kept while checking.
        answers = {code: request.POST.get(code, draft.get(code, "")) for code in the_survey.codes}
        form = AnswerForm(initial=answers, survey=the_survey)
        return render(request, "jar/voluntary/respond.html", {**context, "form": form})
    form = AnswerForm(posted(request), survey=the_survey)
    if form.is_bound and form.is_valid():
        answers = {code: form.cleaned_data[code] for code in the_survey.codes}
        if action != CONFIRM:  # check your answers before sending them
            request.session[draft_key] = answers
            rows = [
                (section, [(q, answers[q.code]) for q in section.questions])
                for section in the_survey.sections
            ]
            return render(request, "jar/voluntary/respond_check.html", {**context, "rows": rows})
        done = call_service(
            form, services.questionnaire_answer, questionnaire=found, answers=answers
        )
        if done:
            request.session.pop(draft_key, None)
            return redirect(request.path)
    status = 400 if form.errors else 200
    return render(request, "jar/voluntary/respond.html", {**context, "form": form}, status=status)
