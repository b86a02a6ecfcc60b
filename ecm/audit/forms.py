"""The audit viewer's filters (issue 21 §6): a GET form, so a filtered trail works without
JavaScript and its address can be kept or shared. Every refusal says what to put right.

The audit app sits below councils and people, so the page that shows the form gives it their
choices; the form only checks what was asked for and turns it into `audit_entries` arguments.
"""

import datetime
import re
from collections.abc import Iterable

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Layout
from django import forms
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.utils.text import capfirst

from ecm.audit.services import SYSTEM_ACTOR_NAME
from ecm.audit.verbs import action_choices

SYSTEM = "system"

UNKNOWN_COUNCIL = "Choose a council from the list"
UNKNOWN_PERSON = "Choose a person from the list"
UNKNOWN_KIND = "Choose a kind of thing from the list"
UNKNOWN_ACTION = "Choose an action from the list"
NUMBER_WITHOUT_KIND = "Choose the kind of thing as well as its number"
BAD_NUMBER = (
    "Enter the thing's number as it appears in its page's address, for example 42 "
    "(letters, numbers, hyphens and underscores only)"
)
NOT_A_REAL_DATE = "The {what} date must be a real date, for example 17 7 2007"
YEAR_IN_FULL = "Enter the year in full, for example 2007"
TO_BEFORE_FROM = "The 'to' date must be the same as or after the 'from' date"

_NUMBER = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


class TrailDayField(DateInputField):
    """A GOV.UK date input (day, month, year) that answers a wrong date with a message, never
    an error page: an impossible day, a month of 13, a number too big to be a date at all."""

    def __init__(self, *, what: str, **kwargs):
        super().__init__(require_all_fields=False, required=False, **kwargs)
        self.what = what

    def compress(self, data_list):
        day, month, year = data_list
        if not (day and month and year):
            return None
        if len(str(year)) != 4:
            raise forms.ValidationError(YEAR_IN_FULL)
        try:
            return datetime.date(int(year), int(month), int(day))
        except (ValueError, OverflowError) as error:
            raise forms.ValidationError(NOT_A_REAL_DATE.format(what=self.what)) from error


def kind_choices() -> list[tuple[str, str]]:
    """Every kind of thing of the service that an entry can be about, by its name."""
    kinds = {
        f"{model._meta.app_label}.{model._meta.model_name}": capfirst(model._meta.verbose_name)
        for model in apps.get_models()
        if model.__module__.startswith("ecm.")
    }
    return sorted(kinds.items(), key=lambda item: (item[1], item[0]))


class AuditTrailFilterForm(forms.Form):
    council = forms.TypedChoiceField(
        label="Council",
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": UNKNOWN_COUNCIL},
    )
    person = forms.ChoiceField(
        label="Who acted",
        required=False,
        error_messages={"invalid_choice": UNKNOWN_PERSON},
    )
    action = forms.ChoiceField(
        label="Action",
        required=False,
        error_messages={"invalid_choice": UNKNOWN_ACTION},
    )
    kind = forms.ChoiceField(
        label="Kind of thing acted on",
        required=False,
        error_messages={"invalid_choice": UNKNOWN_KIND},
    )
    number = forms.CharField(
        label="Its number (optional)",
        help_text="The number in the address of its page, to see one thing's entries only",
        required=False,
        max_length=64,
        error_messages={"max_length": BAD_NUMBER},
    )
    on_or_after = TrailDayField(what="'from'", label="From", help_text="For example, 1 9 2007")
    on_or_before = TrailDayField(what="'to'", label="To", help_text="For example, 31 10 2007")

    def __init__(
        self,
        data=None,
        *,
        councils: Iterable[tuple[int, str]],
        people: Iterable[tuple[int, str]],
    ):
        super().__init__(data)
        self.fields["council"].choices = [("", "All councils"), *councils]
        self.fields["person"].choices = [
            ("", "Anyone"),
            (SYSTEM, SYSTEM_ACTOR_NAME),
            *((str(pk), name) for pk, name in people),
        ]
        self.fields["action"].choices = [("", "Any action"), *action_choices()]
        self.fields["kind"].choices = [("", "Anything"), *kind_choices()]
        self.helper = FormHelper()
        self.helper.form_tag = False  # the page owns its GET <form> and its one button
        self.helper.disable_csrf = True
        self.helper.label_size = "s"
        self.helper.layout = Layout(*self.fields.keys())

    def clean_number(self) -> str:
        number = self.cleaned_data["number"].strip()
        if number and not _NUMBER.match(number):
            raise forms.ValidationError(BAD_NUMBER)
        return number

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("number") and not cleaned.get("kind") and "kind" not in self.errors:
            self.add_error("number", NUMBER_WITHOUT_KIND)
        start, end = cleaned.get("on_or_after"), cleaned.get("on_or_before")
        if start and end and end < start:
            self.add_error("on_or_before", TO_BEFORE_FROM)
        return cleaned

    def filters(self) -> dict:
        """The chosen filters as `audit_entries` arguments (call after is_valid)."""
        chosen = self.cleaned_data
        person, kind = chosen.get("person") or "", chosen.get("kind") or ""
        return {
            "council_id": chosen.get("council"),
            "by_the_system": person == SYSTEM,
            "actor_id": int(person) if person and person != SYSTEM else None,
            "kind": ContentType.objects.get_for_model(apps.get_model(kind)) if kind else None,
            "object_id": chosen.get("number") or "",
            "verb": chosen.get("action") or "",
            "on_or_after": chosen.get("on_or_after"),
            "on_or_before": chosen.get("on_or_before"),
        }
