"""Pages of the annual questionnaires (issue 24 §3; 004: "An annual questionnaire for children
and young people, social workers and the voluntary and community sector, to be introduced in
2009"): a council's year, each questionnaire's survey with its response rate and results,
opening, issuing links and closing; and the page a private link opens, without signing in, for
anyone to answer once. A refusal is 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from ecm.authorities.models import Council
from ecm.core.access import NOT_FOUND_MESSAGE, access_object, refuse_unless, require_perm
from ecm.core.forms import already_done_redirect, call_service, once_token, posted
from ecm.core.frozen import Since, frozen_page
from ecm.surveys import selectors, services
from ecm.surveys.forms import AnswerForm, CloseForm, IssueForm, OpenForm
from ecm.surveys.models import Survey
from ecm.surveys.questionnaires import QuestionnaireFileError, questionnaires, version_for

OPENED = "Opened: {titles}"
EMAILED = "{count} links were sent by email; the addresses were not kept"
CLOSED = "The survey is closed: its results are frozen"
FROZEN_WHY = (
    "Its results are frozen, to be cited as they are. A new year's questionnaire is opened "
    "from the council's page of that year."
)


def _council(request, la_number: str, year: int):
    found = access_object(request.user, Council, "surveys.read", la_number=la_number)
    try:
        version = version_for(year)
    except QuestionnaireFileError:
        raise Http404(NOT_FOUND_MESSAGE) from None
    refuse_unless(year >= services.FIRST_YEAR)
    return found, version


def _survey(request, pk: int, perm: str = "surveys.read") -> Survey:
    found = access_object(
        request.user, Survey.objects.select_related("council", "closed_by"), "surveys.read", pk=pk
    )
    require_perm(request.user, perm, found)
    return found


def _year_url(council, year) -> str:
    return reverse("surveys:council", kwargs={"la_number": council.la_number, "year": year})


def _url(survey) -> str:
    return reverse("surveys:survey", kwargs={"pk": survey.pk})


def _closed(request, survey):
    return frozen_page(
        request,
        what=f"the {_questionnaire(survey).title} survey of {survey.year}",
        happened="was closed",
        since=Since.of(survey.closed_on, survey.closed_by),
        why=FROZEN_WHY,
        back_url=_url(survey),
        back_text="Go to the survey",
        caption=survey.council.name,
        title="This survey is closed",
    )


def _questionnaire(survey):
    return questionnaires(survey.version).get(survey.questionnaire)


def council_year(request, la_number: str, year: int):
    found, version = _council(request, la_number, year)
    the_file = questionnaires(version)
    rows = selectors.council_year(council=found, year=year, version=version)
    return render(
        request,
        "surveys/council.html",
        {
            "council": found,
            "year": year,
            "rows": rows,
            "file": the_file,
            "may_open": request.user.has_perm("surveys.manage")
            and any(r.survey is None for r in rows),
        },
    )


def survey_open(request, la_number: str, year: int):
    found, version = _council(request, la_number, year)
    require_perm(request.user, "surveys.manage")
    opened = selectors.surveys_of(council=found, year=year)
    choices = [
        (q.code, f"{q.title} ({q.who})")
        for q in questionnaires(version).questionnaires
        if q.code not in opened
    ]
    form = OpenForm(posted(request), choices=choices)
    if form.is_bound and form.is_valid():
        made = call_service(
            form,
            services.surveys_open,
            actor=request.user,
            council=found,
            year=year,
            codes=form.cleaned_data["questionnaires"],
        )
        if made:
            titles = "; ".join(_questionnaire(s).title for s in made)
            messages.success(request, OPENED.format(titles=titles))
            return redirect(_year_url(found, year))
    intro = (
        f"{found.name}, {year}. Each questionnaire opened can then issue private links. "
        if choices
        else f"Every questionnaire of {year} is already open or closed for {found.name}."
    )
    context = {
        "form": form,
        "caption": found.name,
        "back_url": _year_url(found, year),
        "intro": intro,
    }
    return render(request, "core/form_page.html", context, status=400 if form.errors else 200)


def survey(request, pk: int):
    found = _survey(request, pk)
    results = selectors.results_of(found)
    user = request.user
    return render(
        request,
        "surveys/survey.html",
        {
            "survey": found,
            "council": found.council,
            "questionnaire": _questionnaire(found),
            "file": questionnaires(found.version),
            "results": results,
            "may_see_results": user.has_perm("surveys.results", found),
            "may_manage": user.has_perm("surveys.manage") and found.is_open,
            "back_url": _year_url(found.council, found.year),
        },
    )


def links_issue(request, pk: int):
    found = _survey(request, pk, "surveys.manage")
    if not found.is_open:
        return _closed(request, found)
    the_questionnaire = _questionnaire(found)
    form = IssueForm(posted(request), children=the_questionnaire.children)
    if form.is_bound and form.is_valid():
        made = call_service(
            form,
            services.links_issue,
            actor=request.user,
            survey=found,
            count=form.cleaned_data.get("count") or 0,
            emails=form.emails() if "emails" in form.fields else [],
            once=once_token(form),
        )
        if made:
            if made[0].link.channel == "email":
                messages.success(request, EMAILED.format(count=len(made)))
                return redirect(_url(found))
            links = [request.build_absolute_uri(issued.path) for issued in made]
            response = render(
                request,
                "surveys/links.html",
                {"survey": found, "questionnaire": the_questionnaire, "links": links},
            )
            response["Cache-Control"] = "no-store"  # the links are shown once, never cached
            return response
        already = already_done_redirect(request, form, _url(found))
        if already:
            return already
    if the_questionnaire.children:
        intro = (
            f"{the_questionnaire.title}. Children and young people are never asked for a name "
            "or an address: make anonymous links, print them, and the council hands them out."
        )
    else:
        intro = (
            f"{the_questionnaire.title}. Print anonymous links for the council to hand out, or "
            "send each person a link by email."
        )
    context = {
        "form": form,
        "caption": found.council.name,
        "back_url": _url(found),
        "intro": intro,
    }
    return render(request, "core/form_page.html", context, status=400 if form.errors else 200)


def survey_close(request, pk: int):
    found = _survey(request, pk, "surveys.manage")
    if not found.is_open:
        return _closed(request, found)
    form = CloseForm(posted(request), initial={"lock_version": found.lock_version})
    if (
        form.is_bound
        and form.is_valid()
        and call_service(
            form,
            services.survey_close,
            actor=request.user,
            survey=found,
            expected_lock_version=form.cleaned_data["lock_version"],
        )
    ):
        messages.success(request, CLOSED)
        return redirect(_url(found))
    context = {
        "form": form,
        "caption": f"{found.council.name}: {_questionnaire(found).title}",
        "back_url": _url(found),
        "intro": "Once closed, no link works any more and the results are frozen as they "
        "stand, for the annual rating and the full inspection to cite.",
    }
    return render(request, "core/form_page.html", context, status=400 if form.errors else 200)


@login_not_required
@never_cache
def answer(request, token: str):
    """The questionnaire a private link opens, without signing in: no navigation and no name
    of a signed-in person, whoever opens it. Answered once; a used link, or a closed survey's,
    says so (409 when posted again). An unknown link is 404. Never cached (decision 0038)."""
    link = services.link_by_token(token)
    if link is None:
        raise Http404(NOT_FOUND_MESSAGE)
    found = link.survey
    the_questionnaire = _questionnaire(found)
    context = {
        "questionnaire": the_questionnaire,
        "file": questionnaires(found.version),
        "council_name": found.council.name,
        "year": found.year,
        "navigation": [],
        "user": AnonymousUser(),
    }
    posted_now = request.method == "POST"
    if link.used or not found.is_open:
        status = 409 if posted_now else 200
        context["done"] = "used" if link.used else "closed"
        return render(request, "surveys/answer_done.html", context, status=status)
    form = AnswerForm(posted(request), questionnaire=the_questionnaire)
    if form.is_bound and form.is_valid():
        answers = {q.code: form.cleaned_data.get(q.code) or "" for q in the_questionnaire.questions}
        if call_service(form, services.survey_answer, token=token, answers=answers):
            return redirect(request.path)
    status = 400 if form.errors else 200
    return render(request, "surveys/answer.html", {**context, "form": form}, status=status)
