"""Forms of the letter's pages. They only declare fields: the rules live in the services."""

from django import forms

from ecm.core.forms import GovUKForm


class AssembleForm(GovUKForm):
    """No fields: the button that asks the service to assemble the draft, and where its
    refusal is shown (the error summary)."""

    title = "Assemble the draft from the notebook"
    submit_label = "Assemble the draft from the notebook"


class SectionForm(GovUKForm):
    submit_label = "Save the section"
    label_size = "m"

    text = forms.CharField(
        label="Text",
        required=False,  # the service says what is wrong with an empty or unchanged text
        widget=forms.Textarea(attrs={"rows": 18}),
        help_text="Separate paragraphs with a blank line; start a bullet point with a dash (-).",
    )
    reason = forms.CharField(
        label="Why are you changing it?",
        required=False,
        help_text="Kept with this rendition of the letter, for example: redrafted into letter form",
        max_length=500,
    )
    lock_version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, title: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.title = title
