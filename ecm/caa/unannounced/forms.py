"""Forms of the unannounced inspection's pages (issue 10 §3). They only collect; the services
own the rules (so most fields are optional here and the service says what is missing)."""

from django import forms

from ecm.accounts.models import User
from ecm.accounts.roles import INSPECTOR_ROLES
from ecm.caa.unannounced.framework import unannounced_rules
from ecm.core.forms import DayField, GovUKForm


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
        return f"{obj.get_full_name() or obj.email} ({', '.join(obj.role_names)})"


class VisitForm(GovUKForm):
    title = "Record an unannounced inspection"
    submit_label = "Save the visit"

    lead_inspector = InspectorChoiceField(
        label="Lead inspector",
        queryset=User.objects.none(),
        required=False,
        empty_label="Choose the lead inspector",
    )
    first_day = DayField(
        label="First day on site",
        help_text="For example, 16 6 2009. Unannounced inspections take place from 1 April 2009",
        what="The first day on site",
        required_message="Enter the first day on site",
        required=False,
    )
    last_day = DayField(
        label="Last day on site",
        help_text="Inspectors are not usually on site for more than two days",
        what="The last day on site",
        required_message="Enter the last day on site",
        required=False,
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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_inspector"].queryset = (
            User.objects.filter(is_active=True, role_grants__role__in=INSPECTOR_ROLES)
            .distinct()
            .order_by("first_name", "last_name", "email")
        )


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
