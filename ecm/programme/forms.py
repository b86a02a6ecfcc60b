"""Forms of the programme pages (issue 8). They only collect; the services own the rules."""

from django import forms

from ecm.core.forms import DayField, GovUKForm, list_upload_checked
from ecm.programme.plan_file import TOO_BIG_HINT

NO_FILE = "Choose the plan file (CSV or Excel) to import"


class PlanImportForm(GovUKForm):
    title = "Import the round's plan"
    submit_label = "Import the plan"

    file = forms.FileField(
        label="The plan (CSV or Excel .xlsx)",
        help_text="One row per council, with the columns of the exported plan",
        error_messages={"required": NO_FILE},
    )

    def clean_file(self):
        """The bytes are read in chunks and refused once past the lists' limit (issue 21 §1);
        what the rows hold is read_plan's."""
        return list_upload_checked(self.cleaned_data["file"], hint=TOO_BIG_HINT)


class AgreedDateForm(GovUKForm):
    title = "Agree a date with the council"
    submit_label = "Save the date"

    day = DayField(
        label="The agreed date",
        help_text="Leave it empty to go back to the date its rule gives",
        what="The agreed date",
        required_message="Enter the agreed date",
        required=False,
    )
    note = forms.CharField(
        label="What was agreed, and with whom",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say what was agreed and with whom"},
    )


class BlockForm(GovUKForm):
    title = "A block's analysis window"
    submit_label = "Save the block"

    number = forms.IntegerField(
        label="Block number",
        min_value=1,
        error_messages={"required": "Enter the block's number, for example 2"},
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
    )
    analysis_starts = DayField(
        label="Analysis starts",
        what="The start of the window",
        required_message="Enter the day analysis starts",
    )
    analysis_ends = DayField(
        label="Analysis ends",
        what="The end of the window",
        required_message="Enter the day analysis ends",
    )
    reason = forms.CharField(
        label="Why",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Say why the window is set or changed"},
    )


class DashboardFilterForm(forms.Form):
    """The dashboard's filters, read from the query string (GET, so they can be bookmarked)."""

    block = forms.TypedChoiceField(required=False, coerce=int, empty_value=None)
    region = forms.TypedChoiceField(required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(required=False)
    lateness = forms.ChoiceField(required=False)
