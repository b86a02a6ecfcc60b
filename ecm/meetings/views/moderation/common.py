"""What every moderation page shares: the permissions it checks, fetching the round, day or
assessment it is about (a refusal is a 404, as for a missing page), and calling a service with
its refusal shown on the form."""

from django.urls import reverse

from ecm.core.access import access_object
from ecm.meetings.selectors import moderation as selectors

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
    return reverse("meetings:moderation", args=[assessment_round.pk])


def day_url(day) -> str:
    return reverse("meetings:moderation-day", args=[day.pk])


def placed_day(assessment):
    """The moderation day the council is on, or None."""
    selection = selectors.related_or_none(assessment, "moderation")
    return selection.group.day if selection and selection.group_id else None
