"""The self-assessment shared with other inspections (000 §7): the council's record of it."""

from django.contrib import messages
from django.shortcuts import redirect, render

from ecm.core.forms import call_service
from ecm.self_assessment import services
from ecm.self_assessment.forms import SharingForm
from ecm.self_assessment.views_common import (
    EDIT,
    assessment_or_404,
    self_assessment_or_404,
    url_of,
)

SHARING_INTRO = (
    "When a joint area review is conducted at the same time as another inspection, in "
    "particular corporate assessment or the inspection of the youth offending team, the "
    "self-assessments will be made available to all inspection teams and may be "
    "cross-referenced (the self-assessment guidance, section 7)."
)


def share(request, pk: int):
    """A council officer records that the self-assessment was made available to another
    inspection's team, which version and when (000 §7). A record, not a change to the
    self-assessment: it may be added whatever the version's status."""
    assessment = assessment_or_404(request, pk, EDIT)
    self_assessment = self_assessment_or_404(assessment)
    versions = list(self_assessment.versions.order_by("number"))
    form = SharingForm(request.POST or None, versions=versions)
    if (
        request.method == "POST"
        and form.is_valid()
        and call_service(
            form,
            services.sharing_record,
            self_assessment=self_assessment,
            actor=request.user,
            version=form.cleaned_data["version"],
            inspection=form.cleaned_data["inspection"],
            inspection_name=form.cleaned_data["inspection_name"],
            shared_on=form.cleaned_data["shared_on"],
            note=form.cleaned_data["note"],
        )
    ):
        messages.success(request, "The sharing has been recorded")
        return redirect(url_of("overview", assessment) + "#shared")
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "caption": f"{assessment.council.name} \N{MIDDLE DOT} self-assessment",
            "intro": SHARING_INTRO,
            "back_url": url_of("overview", assessment),
        },
    )
