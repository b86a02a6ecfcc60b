"""Forms of the JAR's fieldwork pages (issue 24 §2). They only collect; the services own the
rules (a case reference is checked there, as the council's list checks it)."""

from django import forms

from ecm.core.forms import DayField, GovUKForm
from ecm.jar.fieldwork.plan import KIND_LABELS, ROLE_LABELS

NO_NAMES = (
    "Never write a name: say who by their part (the child, parent 1, the social worker, the "
    "team manager). The council does not see this note"
)


def _reference_field(label: str, tracked: list[str], required: bool) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text="The council's case reference of a tracked case: " + ", ".join(tracked)
        if tracked
        else "No case is tracked yet",
        required=required,
        max_length=40,
        error_messages={"required": "Enter the reference of the tracked case"},
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "spellcheck": "false"}),
    )


class CaseMeetingForm(GovUKForm):
    title = "Record a meeting against a tracked case"
    submit_label = "Record the meeting"
    once = True

    def __init__(self, *args, tracked=(), team=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reference"] = _reference_field("Tracked case", list(tracked), required=True)
        self.fields["met"] = forms.MultipleChoiceField(
            label="Who was met",
            help_text="Select all that apply",
            choices=list(ROLE_LABELS.items()),
            widget=forms.CheckboxSelectMultiple,
            required=False,
        )
        self.fields["met_on"] = DayField(
            label="Met on", what="The day of the meeting", required_message="Enter the day"
        )
        self.fields["inspector"] = forms.ModelChoiceField(
            queryset=team,
            label="Inspector",
            empty_label=None,
            error_messages={"required": "Choose the inspector who held the meeting"},
        )
        self.fields["note"] = forms.CharField(
            label="Note (optional)",
            help_text=NO_NAMES,
            widget=forms.Textarea(attrs={"rows": 4}),
            required=False,
        )
        self.relayout()


class PlannedActivityForm(GovUKForm):
    title = "Plan a fieldwork activity"
    submit_label = "Add it to the plan"
    once = True

    def __init__(self, *args, lines=(), tracked=(), team=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["day"] = DayField(
            label="Day",
            help_text="A working day of fieldwork week 1 or 2",
            what="The day",
            required_message="Enter the day of the activity",
        )
        self.fields["kind"] = forms.ChoiceField(
            label="Kind of activity",
            choices=list(KIND_LABELS.items()),
            widget=forms.RadioSelect,
            error_messages={"required": "Choose what kind of activity it is"},
        )
        self.fields["what"] = forms.CharField(
            label="What it is",
            help_text="For example, the place visited or the meeting held",
            max_length=300,
            required=False,
        )
        self.fields["line"] = forms.ModelChoiceField(
            queryset=lines,
            label="Line of enquiry",
            empty_label="None",
            required=False,
        )
        self.fields["case_reference"] = _reference_field(
            "Tracked case (optional)", list(tracked), required=False
        )
        self.fields["inspector"] = forms.ModelChoiceField(
            queryset=team, label="Inspector (optional)", empty_label="Not decided", required=False
        )
        self.relayout()


class WithdrawForm(GovUKForm):
    title = "Withdraw the activity from the plan"
    submit_label = "Withdraw it"

    reason = forms.CharField(
        label="Why it is withdrawn",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
