"""What every moderation page shares: the permissions it checks, fetching the round, day or
assessment it is about (a refusal is a 404, as for a missing page), and calling a service with
its refusal shown on the form."""

from django.core.exceptions import ValidationError
from django.urls import reverse

from ecm.apa.selectors import moderation as selectors
from ecm.core.access import access_object
from ecm.core.forms import add_service_errors

VIEW, MANAGE = "apa.view_moderation", "apa.manage_moderation"
VIEW_DAY = "apa.view_moderation_day"
VIEW_FORM, EDIT_FORM = "apa.view_moderation_form", "apa.edit_moderation_form"
RECORD = "apa.record_moderation_outcome"


def get_round(request, pk: int, perm: str = VIEW):
    return access_object(request.user, selectors.moderation_rounds(), perm, pk=pk)


def get_day(request, pk: int, perm: str = VIEW_DAY):
    return access_object(request.user, selectors.moderation_day_queryset(), perm, pk=pk)


def get_assessment(request, pk: int, perm: str):
    return access_object(request.user, selectors.moderation_assessments(), perm, pk=pk)


def overview_url(assessment_round) -> str:
    return reverse("apa:moderation", args=[assessment_round.pk])


def day_url(day) -> str:
    return reverse("apa:moderation-day", args=[day.pk])


def placed_day(assessment):
    """The moderation day the council is on, or None."""
    selection = selectors.related_or_none(assessment, "moderation")
    return selection.group.day if selection and selection.group_id else None


def posted(request):
    """The POST data to bind a form to, even when empty (a confirmation has no fields)."""
    return request.POST if request.method == "POST" else None


def attempt(form, call) -> bool:
    """Call a service; on a refusal show its message on the form. True when it succeeded."""
    try:
        call()
    except ValidationError as error:
        add_service_errors(form, error)
        return False
    return True
