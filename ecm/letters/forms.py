"""Forms of the letter's pages. They only declare fields: the rules live in the services."""

from django import forms

from ecm.core.forms import DayField, GovUKForm
from ecm.letters.models import PublicationStepKind


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


class StageForm(GovUKForm):
    """Confirm a move of the letter's stage; moving back needs a reason (002 §I; ADR 0021)."""

    once = True  # a move that sends is made once (issue 20 §4)

    reason = forms.CharField(
        label="Why is the letter going back?",
        required=False,  # the service says when a reason is needed
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=1000,
    )
    lock_version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, title: str = "", submit_label: str = "", backward: bool, **kwargs):
        self.title = title
        self.submit_label = submit_label or "Confirm"
        super().__init__(*args, **kwargs)
        if not backward:
            del self.fields["reason"]
            self.relayout()


YES_NO = [("yes", "Yes"), ("no", "No")]


class ReaderAnswerForm(GovUKForm):
    """Moderation Form 2 (Appendix A "Moderation Draft APA Letter"). Who signs and when is the
    user and now: the service records them."""

    title = "Moderation Form 2: moderation of the draft APA letter"
    submit_label = "Sign and send the answer"
    label_size = "m"

    action = forms.CharField(
        label="Action required or suggested",
        required=False,  # the service says when a "no" needs the action
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    can_send = forms.ChoiceField(
        label="Can the draft letter be sent to the council (following amendments)?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes if the draft can be sent to the council"},
    )


class CouncilCommentForm(GovUKForm):
    title = "Comment on this paragraph"
    submit_label = "Send the comment"
    once = True

    comment = forms.CharField(
        label="Your comment on the factual accuracy of this paragraph",
        required=False,  # the service says an empty comment is not a comment
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class CouncilCloseForm(GovUKForm):
    """No fields: the council says it has no more comments (002 §I stage 3)."""

    title = "We have no more comments"
    submit_label = "Confirm: we have no more comments"
    lock_version = forms.IntegerField(widget=forms.HiddenInput)


class ResponseForm(GovUKForm):
    title = "Respond to the council's comment"
    submit_label = "Save the response"

    response = forms.CharField(
        label="Response: what was done about the comment",
        required=False,  # the service says an empty response is not a response
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    change_rendition_number = forms.IntegerField(
        label="Rendition that made the change (optional)",
        required=False,
        min_value=1,
        help_text="Leave empty if the letter was not changed",
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )


class SocialCareValidationForm(GovUKForm):
    title = "Record that the round's social care data are validated"
    submit_label = "Record the validation"

    note = forms.CharField(
        label="Note (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
    )


class PublicationStepForm(GovUKForm):
    """One of the council's steps with its published letter (the handbook, section J)."""

    title = "Record what the council did with its letter"
    submit_label = "Record it"

    kind = forms.ChoiceField(
        label="What was done",
        choices=PublicationStepKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what the council did with its letter"},
    )
    done_on = DayField(
        label="When",
        help_text="For example, 24 1 2008",
        what="The date",
        required_message="Enter the day it was done",
    )
    details = forms.CharField(
        label="The committee and meeting, where the public can read it, or to whom it was copied",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,  # the service says what is missing for the step chosen
        max_length=2000,
    )


class ArchiveForm(GovUKForm):
    """No fields: the button that asks the service to archive the closed round."""

    title = "Archive the round"
    submit_label = "Archive the round's letters, notebooks and evidence"
