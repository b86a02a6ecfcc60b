"""The form of the council's review of its Children and Young People's Plan (issue 23 §1)."""

from django import forms

from ecm.core.forms import DayField, GovUKForm


class CyppReviewForm(GovUKForm):
    title = "Your review of the Children and Young People's Plan"
    submit_label = "Save"

    published_on = DayField(
        label="Date it was published",
        help_text="For example, 20 6 2008. The review is published before it is submitted.",
        what="The date it was published",
        required_message="",
        required=False,
    )
    published_at = forms.CharField(
        label="Where it is published",
        max_length=300,
        required=False,
        help_text="A web address, or where a copy can be read.",
    )
    partners = forms.CharField(
        label="The agencies that took part",
        required=False,
        help_text="The review is multi-agency: name the partners who reviewed the plan with you.",
        widget=forms.Textarea({"rows": 4}),
    )
    summary = forms.CharField(
        label="What the review found (optional)",
        required=False,
        widget=forms.Textarea({"rows": 6}),
    )
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class CyppReviewSubmitForm(GovUKForm):
    title = "Submit the review to Ofsted"
    submit_label = "Submit to Ofsted"
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
