"""The profile part's one form: which quarter to refresh (issue 10 §1)."""

from django import forms

from ecm.core.forms import GovUKForm


class RefreshForm(GovUKForm):
    title = "Refresh the performance profile"
    submit_label = "Refresh the profile"

    quarter = forms.CharField(
        label="Quarter",
        help_text=(
            'Quarters of the financial year, from April: for example "2009-Q2" for July to '
            "September 2009"
        ),
        max_length=7,
        error_messages={"required": "Enter the quarter to refresh, for example 2009-Q2"},
    )

    def __init__(self, *args, every_council: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if every_council:
            self.fields["every_council"] = forms.BooleanField(
                label="Refresh this quarter for every council",
                help_text="Councils whose profile of a past quarter exists keep it as it was.",
                required=False,
            )
            self.relayout()
