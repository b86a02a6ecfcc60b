"""Forms of a review's complaints and quality assurance (issue 24 §2). They only collect; the
services own the rules."""

from django import forms

from ecm.core.forms import DayField, GovUKForm
from ecm.jar.quality.checks import QUALITY_CHECKS, CheckAnswer
from ecm.jar.quality.models import QualityOutcome
from ecm.jar.quality.workflow import ComplaintStatus


class ComplaintForm(GovUKForm):
    title = "Make a complaint about the review"
    submit_label = "Send the complaint"
    once = True

    complainant = forms.CharField(
        label="Who is making the complaint",
        help_text="Their name and role, for example Jack Blade, Director of Children's Services",
        error_messages={"required": "Say who is making the complaint: their name and role"},
    )
    about = forms.CharField(
        label="What the complaint is about",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Say what the complaint is about"},
    )
    received_on = DayField(
        label="Date of the complaint",
        help_text="The day it was made, for example 3 12 2007",
        what="The date of the complaint",
        required_message="Enter the date of the complaint",
    )


class ComplaintMoveForm(GovUKForm):
    title = "Move the complaint on"
    submit_label = "Save"

    to = forms.ChoiceField(
        label="Move it to",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose where the complaint moves to"},
    )
    response = forms.CharField(
        label="The response the council is sent",
        help_text="Needed to uphold, partly uphold or not uphold the complaint",
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
    )
    reason = forms.CharField(
        label="Why (needed to go back)",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    lock_version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, moves: list[ComplaintStatus], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].choices = [(m.value, m.label) for m in moves]


class QualityAssuranceForm(GovUKForm):
    title = "Record the quality assurance of the review"
    submit_label = "Record it"
    once = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        checks = {
            check.code: forms.ChoiceField(
                label=check.question,
                choices=CheckAnswer.choices,
                widget=forms.RadioSelect,
                error_messages={"required": f"Answer the check: {check.question}"},
            )
            for check in QUALITY_CHECKS
        }
        self.fields = {**checks, **self.fields}
        self.relayout()

    outcome = forms.ChoiceField(
        label="Outcome",
        choices=QualityOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the outcome"},
    )
    notes = forms.CharField(
        label="Notes",
        help_text="What was not met and what should be done about it",
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
    )
