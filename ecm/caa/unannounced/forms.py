"""Forms of the unannounced inspection's pages (issue 10 §3). They only collect; the services
own the rules (so most fields are optional here and the service says what is missing)."""

from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from ecm.accounts.inspectorates import inspectorate_named
from ecm.accounts.roles import INSPECTOR_ROLES
from ecm.accounts.selectors import inspectorate_staff_on
from ecm.caa.unannounced.framework import unannounced_rules
from ecm.core.forms import DayField, GovUKForm

# The day boxes a visit's form offers (issue 24 §1): five, the full inspection's limit (004
# "no more than five days"), more than an unannounced visit usually takes (two, 004). A form's
# size, not a rule: the services count whatever days they are given.
DAY_BOXES = 5
ORDINALS = ("First", "Second", "Third", "Fourth", "Fifth")


def _text(label: str, hint: str = "", rows: int = 5) -> forms.CharField:
    return forms.CharField(
        label=label, help_text=hint, required=False, widget=forms.Textarea(attrs={"rows": rows})
    )


def _count(label: str, hint: str = "") -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        help_text=hint,
        required=False,
        min_value=0,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-4"}),
        error_messages={
            "invalid": f"{label} must be a whole number, like 12",
            "min_value": f"{label} must be 0 or more",
        },
    )


def _lock() -> forms.IntegerField:
    return forms.IntegerField(widget=forms.HiddenInput, required=False)


class InspectorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        body = inspectorate_named(obj.inspectorate)
        roles = ", ".join(obj.role_names)
        return f"{obj.get_full_name() or obj.email} ({body.name + ', ' if body else ''}{roles})"


def day_boxes(*, first_name: str, first_help: str, later_help: str) -> dict[str, DayField]:
    """The days on site as separate dates (issue 24 §1): the first (named `first_name`, so a
    refusal of the first day lands on it) and up to four more, each optional."""
    boxes = {}
    for n, ordinal in enumerate(ORDINALS[:DAY_BOXES], start=1):
        name = first_name if n == 1 else f"day_{n}"
        boxes[name] = DayField(
            label=f"{ordinal} day on site",
            help_text=first_help if n == 1 else (later_help if n == 2 else ""),
            what=f"The {ordinal.lower()} day on site",
            required_message=f"Enter the {ordinal.lower()} day on site",
            required=False,
        )
    return boxes


def days_given(form, first_name: str) -> list[date]:
    """The days on site the form was given, blanks left out."""
    names = [first_name, *(f"day_{n}" for n in range(2, DAY_BOXES + 1))]
    return [form.cleaned_data[n] for n in names if form.cleaned_data.get(n)]


def posted_day(form, name: str) -> date | None:
    """A day the bound form was given, before validation: the date its lists follow."""
    if not form.is_bound:
        return None
    field = form.fields[name]
    try:
        return field.clean(field.widget.value_from_datadict(form.data, form.files, name))
    except ValidationError:
        return None


def inspectors_on(day: date | None):
    """The inspectors (HMI or BRM) whose inspectorate existed on `day` (today when not known
    yet), by name (issue 24 §3: a CSCI manager is not offered for 2009)."""
    return inspectorate_staff_on(day or timezone.localdate(), roles=INSPECTOR_ROLES).order_by(
        "first_name", "last_name", "email"
    )


NOT_OFFERED = (
    "Choose a lead inspector from the list: only inspectors whose inspectorate existed on the "
    "first day on site are offered"
)


class VisitForm(GovUKForm):
    title = "Record an unannounced inspection"
    submit_label = "Save the visit"

    lead_inspector = InspectorChoiceField(
        label="Lead inspector",
        help_text="Inspectors whose inspectorate existed on the first day on site",
        queryset=None,
        required=False,
        empty_label="Choose the lead inspector",
        error_messages={"invalid_choice": NOT_OFFERED},
    )
    exceptional = forms.BooleanField(
        label="The visit was longer than two days because of exceptional circumstances",
        required=False,
    )
    exceptional_reason = _text("The exceptional circumstances", "Only for a longer visit", 3)
    centres_count = _count("How many contact, referral and assessment centres the council has")
    centres_visited = _text(
        "Centres visited",
        "One name a line. At least one; at least two where the council has more than five",
        4,
    )
    case_files = _count("Case files scrutinised")
    staff_spoken = _count("Staff and managers spoken to")
    lock_version = _lock()

    def __init__(self, *args, on: date | None = None, **kwargs):
        """`on`: the inspection's first day on site when it has one; a day posted wins."""
        super().__init__(*args, **kwargs)
        boxes = day_boxes(
            first_name="first_day",
            first_help=(
                "For example, 12 6 2009. Unannounced inspections take place from 1 April 2009"
            ),
            later_help=(
                "Only the days the inspectors were on site: a Friday and the Monday after are "
                "two days. Inspectors are not usually on site for more than two days (the 2009 "
                "briefing): a third day needs the exceptional circumstances below"
            ),
        )
        self.fields = {
            "lead_inspector": self.fields.pop("lead_inspector"),
            **boxes,
            **self.fields,
        }
        day = posted_day(self, "first_day") or on
        self.fields["lead_inspector"].queryset = inspectors_on(day)
        self.relayout()

    def days(self) -> list[date]:
        return days_given(self, "first_day")


class AspectsForm(GovUKForm):
    title = "Evaluate the nine aspects"
    submit_label = "Save the evaluations"

    def __init__(self, *args, version: str, **kwargs):
        super().__init__(*args, **kwargs)
        for aspect in unannounced_rules(version).aspects:
            self.fields[aspect.code] = _text(
                f"{aspect.number}. {aspect.title}",
                "The inspectors' evaluation in words: the inspection is not scored",
            )
        self.fields["lock_version"] = _lock()
        self.relayout()


class LetterForm(GovUKForm):
    title = "The outcome and the letter"
    submit_label = "Save the outcome and letter"

    outcome = forms.ChoiceField(
        label="Outcome", widget=forms.RadioSelect, required=False, choices=()
    )
    director_name = forms.CharField(label="", required=False, max_length=200)
    lead_member_name = forms.CharField(label="", required=False, max_length=200)
    lscb_chair_name = forms.CharField(label="", required=False, max_length=200)
    chief_executive_name = forms.CharField(label="", required=False, max_length=200)
    letter_body = _text(
        "The letter",
        "The findings as the letter reports them; the outcome is added in 004's words",
        12,
    )
    reason = _text(
        "Why the outcome changes",
        "Only when changing an outcome already chosen: the audit trail keeps it",
        3,
    )
    lock_version = _lock()

    def __init__(self, *args, version: str, **kwargs):
        super().__init__(*args, **kwargs)
        rules = unannounced_rules(version)
        self.fields["outcome"].choices = [(o.code, o.wording) for o in rules.outcomes]
        self.fields[
            "outcome"
        ].help_text = "Serious concerns bring the full inspection of safeguarding forward (004)"
        self.fields["director_name"].label = f"To: the {rules.to.title}"
        for recipient in rules.copied_to:
            self.fields[f"{recipient.code}_name"].label = f"Copied to: the {recipient.title}"


class SendForm(GovUKForm):
    title = "Send the letter"
    submit_label = "Send the letter"

    sent_on = DayField(
        label="Date of the letter",
        help_text="For example, 26 6 2009",
        what="The date of the letter",
        required_message="Enter the date the letter is sent",
        required=False,
    )
    lock_version = _lock()
