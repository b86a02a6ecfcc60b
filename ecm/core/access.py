"""Access to protected objects: one helper shape for every app (DESIGN.md example 5).

`access_object` fetches an object and checks a django-rules permission on it; a refused object
answers 404, exactly as a missing one, so that nobody can learn what exists by probing.
"""

from typing import TypeVar

from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404

M = TypeVar("M", bound=models.Model)

NOT_FOUND_MESSAGE = "Page not found"


def access_object(user, queryset: models.QuerySet[M] | type[M], perm: str, **lookup) -> M:
    qs = queryset._default_manager.all() if isinstance(queryset, type) else queryset
    try:
        obj = qs.get(**lookup)
    except (qs.model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404(NOT_FOUND_MESSAGE) from exc
    if not user.has_perm(perm, obj):
        raise Http404(NOT_FOUND_MESSAGE)
    return obj


def require_perm(user, perm: str, obj=None) -> None:
    """For pages with no object (lists, forms): refuse with 404 as for objects."""
    if not user.has_perm(perm, obj):
        raise Http404(NOT_FOUND_MESSAGE)


def refuse_unless(condition) -> None:
    """A page or object the user may not reach answers 404, the same as a missing one."""
    if not condition:
        raise Http404(NOT_FOUND_MESSAGE)


class NotYourRole(ValidationError):
    """The one refusal a service gives a person whose role does not let them do this ("Only
    the Lead ...", "Only a programme administrator ..."). A ValidationError, so a page shows it
    in its error summary like any other refusal and says who may; a page the person may not
    open at all is a 404 instead (`access_object`, `require_perm`)."""

    def __init__(self, message: str):
        super().__init__(message, code="not_your_role")
