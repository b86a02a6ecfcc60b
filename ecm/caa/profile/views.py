"""Pages of the CAA's profile part (issue 10 §1): a council's quarterly performance profile,
one quarter's page and document, one indicator's history across quarters, and the refresh.

Readers: "caa.read_council" (the inspectorate, or the council's own people); refreshing: the
programme administrator or an HMI. Anything else answers 404 (ecm.core.access).
"""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from ecm.authorities.models import Council
from ecm.caa.profile import documents, selectors, services
from ecm.caa.profile.forms import RefreshForm
from ecm.caa.profile.library import nis_profile
from ecm.caa.profile.models import ProfileQuarter
from ecm.caa.profile.quarters import quarter_of
from ecm.caa.profile.rules import REFRESH, REFRESH_EVERY_COUNCIL
from ecm.core.access import NOT_FOUND_MESSAGE, access_object, refuse_unless, require_perm
from ecm.core.documents import document_download
from ecm.core.forms import call_service, posted

READ = "caa.read_council"
REFRESHED = "The performance profile of {quarter} was refreshed"
REFRESHED_EVERY = "The performance profile of {quarter} was refreshed for {n} councils"


def _council(request, la_number: str) -> Council:
    return access_object(
        request.user, Council.objects.select_related("region"), READ, la_number=la_number
    )


def _quarter(council: Council, label: str) -> ProfileQuarter:
    found = (
        ProfileQuarter.objects.select_related("council", "refreshed_by")
        .filter(council=council, quarter=label)
        .first()
    )
    if found is None:
        raise Http404(NOT_FOUND_MESSAGE)
    return found


def _page(request, council: Council, quarter: ProfileQuarter | None, quarters) -> HttpResponse:
    groups = selectors.profile_by_outcome(quarter=quarter) if quarter else []
    return render(
        request,
        "caa/profile/profile.html",
        {
            "council": council,
            "quarter": quarter,
            "quarters": quarters,
            "groups": groups,
            "about": documents.ABOUT,
            "can_refresh": request.user.has_perm(REFRESH, council),
        },
    )


def profile(request, la_number: str):
    """The council's latest quarterly profile, and the quarters before it."""
    council = _council(request, la_number)
    quarters = selectors.profile_quarters(council=council)
    return _page(request, council, quarters[0] if quarters else None, quarters)


def profile_quarter(request, la_number: str, quarter: str):
    council = _council(request, la_number)
    found = _quarter(council, quarter)
    return _page(request, council, found, selectors.profile_quarters(council=council))


def profile_document(request, la_number: str, quarter: str, fmt: str):
    council = _council(request, la_number)
    return document_download(
        request,
        fmt,
        name=f"performance-profile-{council.la_number}-{quarter}",
        context=documents.profile_context(quarter=_quarter(council, quarter)),
        docx=documents.profile_docx,
        pdf=documents.profile_pdf,
    )


def profile_indicator(request, la_number: str, ni: int):
    """One NI across the council's quarters, each as it was frozen."""
    council = _council(request, la_number)
    indicator = nis_profile().find(ni)
    refuse_unless(indicator is not None)
    return render(
        request,
        "caa/profile/indicator.html",
        {
            "council": council,
            "indicator": indicator,
            "history": selectors.indicator_history(council=council, ni=ni),
        },
    )


def profile_refresh(request, la_number: str):
    council = _council(request, la_number)
    require_perm(request.user, REFRESH, council)
    every = request.user.has_perm(REFRESH_EVERY_COUNCIL)
    form = RefreshForm(
        posted(request), initial={"quarter": quarter_of_today()}, every_council=every
    )
    if request.method == "POST" and form.is_valid():
        quarter = form.cleaned_data["quarter"]
        if every and form.cleaned_data.get("every_council"):
            done = call_service(
                form,
                services.profile_refresh_every_council,
                actor=request.user,
                quarter=quarter,
            )
            if done is not None:
                count = len(done) if isinstance(done, list) else 0
                messages.success(request, REFRESHED_EVERY.format(quarter=quarter, n=count))
                return redirect("caa:profile", la_number=council.la_number)
        else:
            done = call_service(
                form, services.profile_refresh, actor=request.user, council=council, quarter=quarter
            )
            if done is not None:
                messages.success(request, REFRESHED.format(quarter=done.quarter))
                return redirect(
                    "caa:profile-quarter", la_number=council.la_number, quarter=done.quarter
                )
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "caption": council.name,
            "intro": (
                "A refresh keeps the figures of the moment for the quarter. A quarter can be "
                "refreshed again only while it is the current quarter; the profiles of past "
                "quarters stay as they were."
            ),
            "back_url": _profile_url(council),
        },
    )


def quarter_of_today() -> str:
    return quarter_of(timezone.localdate()).label


def _profile_url(council: Council) -> str:
    return reverse("caa:profile", kwargs={"la_number": council.la_number})
