"""Forms of the JAR's judgements and report (issue 9 §6). They collect; the services rule."""

from django import forms

from ecm.core.forms import DayField, GovUKForm
from ecm.jar.report.models import EvidenceSource


class EvidenceForm(GovUKForm):
    title = "Record evidence"
    submit_label = "Record the evidence"

    source = forms.ChoiceField(
        label="Where it comes from",
        choices=EvidenceSource.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose where the evidence comes from"},
    )
    reference = forms.CharField(
        label="Reference",
        help_text=(
            "A tracked case's reference (never a name), a document's title, a meeting and its date"
        ),
        error_messages={"required": "Enter where the evidence is"},
    )
    finding = forms.CharField(
        label="Finding",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter the finding"},
    )
    line_of_enquiry = forms.ModelChoiceField(
        queryset=None, required=False, label="Line of enquiry (optional)", empty_label="None"
    )

    def __init__(self, *args, review, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["line_of_enquiry"].queryset = review.lines_of_enquiry.all()


class JudgementForm(GovUKForm):
    submit_label = "Save the judgement"

    grade = forms.TypedChoiceField(
        label="Grade",
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a grade"},
    )
    rationale = forms.CharField(
        label="What the grade rests on",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Say what the grade rests on"},
    )
    evidence = forms.ModelMultipleChoiceField(
        queryset=None,
        label="Evidence",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose the evidence the grade stands on"},
    )
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, review, judgement, **kwargs):
        super().__init__(*args, **kwargs)
        self.title = judgement.title
        self.fields["grade"].choices = [
            (g.value, f"{g.value}: {g.label}") for g in judgement.scale.grades.order_by("-value")
        ]
        self.fields["evidence"].queryset = review.evidence.all()


class ReportTextForm(GovUKForm):
    title = "Write the report"
    submit_label = "Save the report"

    summary = forms.CharField(
        label="Summary",
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": "Enter the summary"},
    )
    recommendations = forms.CharField(
        label="Recommendations",
        help_text="One a line: the council's action plan answers each",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Enter at least one recommendation"},
    )
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class StageForm(GovUKForm):
    title = "Move the report"
    submit_label = "Move the report"
    once = True

    to = forms.ChoiceField(
        label="Move it to",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose where the report goes"},
    )
    on = DayField(label="On", what="The date", required_message="Enter the date it happened")
    reason = forms.CharField(
        label="Reason",
        required=False,
        help_text="Needed to move back, to request a review, and to publish after a review",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].choices = choices


class CommentForm(GovUKForm):
    title = "Comment on the draft report"
    submit_label = "Send the comment"
    once = True

    about = forms.CharField(
        label="Which part of the report",
        help_text="For example: paragraph 12, or the section on looked after children",
        error_messages={"required": "Say which part of the report the comment is about"},
    )
    comment = forms.CharField(
        label="Comment",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter the comment"},
    )


class AnswerForm(GovUKForm):
    title = "Answer the council's comment"
    submit_label = "Save the answer"

    accepted = forms.TypedChoiceField(
        label="Does the report change?",
        choices=[("yes", "Yes, the report changes"), ("no", "No")],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether the report changes"},
    )
    response = forms.CharField(
        label="What the team did and why",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Say what the team did about the comment"},
    )
    part = forms.ChoiceField(
        label="If the report changes: the part that changes",
        required=False,
        widget=forms.RadioSelect,
    )
    wording = forms.CharField(
        label="If the report changes: the part's new wording, in full",
        help_text="It replaces the part's words in the report; the old words are kept with "
        "the answer and in the audit trail",
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
    )

    def __init__(self, *args, parts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["part"].choices = [(p.code, p.label) for p in parts]


class ActionForm(GovUKForm):
    title = "Add an action"
    submit_label = "Add the action"

    recommendation = forms.ChoiceField(
        label="Recommendation",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the recommendation"},
    )
    action = forms.CharField(
        label="What will be done",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say what will be done"},
    )
    partners = forms.CharField(
        label="Partners",
        help_text="The partners who do it with the council",
        error_messages={"required": "Name the partners"},
    )
    lead = forms.CharField(label="Who leads it", error_messages={"required": "Name who leads it"})
    by_when = DayField(label="By when", what="The date", required_message="Enter the date")

    def __init__(self, *args, recommendations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recommendation"].choices = [(r, r) for r in recommendations]


class FollowUpForm(GovUKForm):
    title = "Decide a follow-up inspection"
    submit_label = "Decide the follow-up"

    concern = forms.CharField(
        label="The significant concern",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Say what the significant concern is"},
    )
    by_when = DayField(label="Inspect by", what="The date", required_message="Enter the date")


class ConfirmForm(GovUKForm):
    title = "Say the council will not request a review"
    submit_label = "Confirm: no review requested"
