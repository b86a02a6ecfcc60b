"""Forms of the enhanced youth inspection's pages (issue 9 §5). They only collect; the
services own the rules."""

from django import forms

from ecm.core.forms import DayField, GovUKForm
from ecm.jar.youth.models import AREAS, GRADE_CHOICES, OUTCOMES

# The radios say the scale's words with their point, never "grade n" (what a council reads is
# checked for grades by tests/test_grade_leakage.py).
RADIO_CHOICES = [(value, f"{value}: {label}") for value, label in GRADE_CHOICES]
CHOOSE = "Choose how well the service does on {what}"


def _grade_field(label: str, hint: str, required: bool) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        help_text=hint,
        choices=RADIO_CHOICES,
        coerce=int,
        empty_value=None,
        required=required,
        widget=forms.RadioSelect,
        error_messages={"required": CHOOSE.format(what=label.lower())},
    )


class SelfAssessmentForm(GovUKForm):
    title = "Youth service self-assessment"
    submit_label = "Save and continue"

    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, label, hint in AREAS:
            self.fields[f"{code}_grade"] = _grade_field(label, hint, required=False)
            self.fields[f"{code}_commentary"] = forms.CharField(
                label=f"{label}: evaluative commentary",
                widget=forms.Textarea(attrs={"rows": 5}),
                required=False,
            )
        for code, label in OUTCOMES:
            # 001: "an evaluative commentary on contributions to the five outcomes and grading
            # performance for each area": each outcome is graded, with its commentary.
            self.fields[f"{code}_grade"] = _grade_field(
                f"{label}: how well the youth service contributes",
                "",
                required=False,
            )
            self.fields[code] = forms.CharField(
                label=f"{label}: the youth service's contribution",
                widget=forms.Textarea(attrs={"rows": 4}),
                required=False,
            )
        self.relayout()


class SubmitForm(GovUKForm):
    title = "Check your answers before submitting the youth service self-assessment"
    submit_label = "Submit the self-assessment"


class ActivityForm(GovUKForm):
    title = "Add youth service activity in fieldwork week one"
    submit_label = "Add the activity"

    day = DayField(label="Day", what="The day", required_message="Enter the day of the activity")
    starts_at = forms.TimeField(
        label="Starts at",
        help_text="For example, 18:30",
        error_messages={"required": "Enter when it starts", "invalid": "Enter a time like 18:30"},
    )
    ends_at = forms.TimeField(
        label="Ends at (optional)",
        help_text="For example, 20:30",
        required=False,
        error_messages={"invalid": "Enter a time like 20:30"},
    )
    venue = forms.CharField(label="Venue", required=False, max_length=200)
    what = forms.CharField(label="What the activity is", required=False, max_length=500)
    outcomes = forms.MultipleChoiceField(
        label="Which of the five outcomes it links to",
        choices=OUTCOMES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    good_practice = forms.BooleanField(label="Representative of good practice", required=False)


class ObservationForm(GovUKForm):
    title = "Record an observed session"
    submit_label = "Record the observation"

    def __init__(self, *args, activities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activity"] = forms.ModelChoiceField(
            queryset=activities,
            label="Activity observed",
            help_text="From the council's list for fieldwork week one",
            empty_label="Another session (say which below)",
            required=False,
        )
        self.fields["session"] = forms.CharField(
            label="Session, if not on the list", required=False, max_length=300
        )
        self.fields["observed_on"] = DayField(
            label="Observed on", what="The day observed", required_message="Enter the day"
        )
        self.fields["young_people_present"] = forms.IntegerField(
            label="Young people present",
            min_value=0,
            widget=forms.NumberInput(attrs={"class": "govuk-input--width-4"}),
            error_messages={"required": "Enter how many young people were present"},
        )
        for code, label, hint in AREAS:
            self.fields[f"{code}_grade"] = _grade_field(label, hint, required=True)
            self.fields[f"{code}_notes"] = forms.CharField(
                label=f"{label}: notes", widget=forms.Textarea(attrs={"rows": 3}), required=False
            )
        self.relayout()


class ReportForm(GovUKForm):
    title = "Youth inspection report"
    submit_label = "Save the report"

    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, label, hint in AREAS:
            self.fields[f"{code}_grade"] = _grade_field(label, hint, required=False)
        for name, label in (
            ("strengths", "Strengths"),
            ("weaknesses", "Weaknesses"),
            ("recommendations", "Recommendations for development"),
        ):
            self.fields[name] = forms.CharField(
                label=label, widget=forms.Textarea(attrs={"rows": 6}), required=False
            )
        self.relayout()


class FinaliseForm(GovUKForm):
    title = "Finalise the youth inspection report"
    submit_label = "Finalise the report"
