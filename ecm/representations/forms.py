"""The forms of the representation pages (002 §J). They only collect; the services own the
rules and their refusals are shown in the GOV.UK error summary."""

from django import forms

from ecm.core.forms import DayField, GovUKForm
from ecm.representations.models import GroundKind, Organisation

YES_NO = [("yes", "Yes"), ("no", "No")]


class IntentionForm(GovUKForm):
    title = "Make a representation"
    submit_label = "Tell the inspectorates"
    label_size = "m"

    judgement = forms.ChoiceField(
        label="Which judgement does the council want reconsidered?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select the judgement the representation is about"},
    )

    def __init__(self, *args, judgements: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["judgement"].choices = [
            (represented.value, f"{represented.label} ({judgement.title})")
            for represented, judgement in judgements.items()
        ]


class GroundForm(GovUKForm):
    """One ground: what kind, what it says, and the one thing it disputes. There is no file
    field: a representation cannot enter new evidence (002 §J)."""

    title = "Add a ground"
    submit_label = "Add the ground"

    kind = forms.ChoiceField(
        label="What is the ground?",
        choices=GroundKind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select whether the evidence is inaccurate or was given the "
            "wrong significance"
        },
    )
    disputes = forms.ChoiceField(
        label="What does it dispute?",
        help_text="A paragraph of the published final letter, or evidence the inspectors used",
        error_messages={"required": "Select the paragraph or evidence the ground disputes"},
    )
    statement = forms.CharField(
        label="What is inaccurate, or why was the evidence given the wrong significance?",
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": "Say what is inaccurate, or why the significance is wrong"},
    )

    def __init__(self, *args, paragraphs: list, evidence: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["disputes"].choices = [
            ("", "Choose what it disputes"),
            ("The published final letter", [(f"p:{v}", label) for v, label in paragraphs]),
            ("Evidence the inspectors used", [(f"e:{pk}", label) for pk, label in evidence]),
        ]


class SubmitForm(GovUKForm):
    title = "Check the representation and submit it"
    submit_label = "Submit the representation"

    summary = forms.CharField(
        label="Summary of the representation (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class PanelForm(GovUKForm):
    title = "Compose the panel"
    submit_label = "Seat the panel"
    once = True

    members = forms.MultipleChoiceField(
        label="Who sits on the panel?",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select the members of the panel"},
    )

    def __init__(self, *args, eligible: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].choices = [(str(m.user_id), str(m)) for m in eligible]


class DecisionForm(GovUKForm):
    title = "Record the panel's decision"
    submit_label = "Record the decision"
    label_size = "m"

    upheld = forms.ChoiceField(
        label="Is the representation upheld?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes if the panel upholds the representation"},
    )
    new_grade = forms.TypedChoiceField(
        label="If upheld, the judgement's new grade",
        required=False,
        coerce=int,
        empty_value=None,
    )
    justification = forms.CharField(
        label="Justification, as it will be communicated to the council",
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": "Record the justification for the decision"},
    )

    def __init__(self, *args, grades: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_grade"].choices = [("", "No change")] + [
            (str(g.value), f"{g.value}: {g.label}") for g in grades
        ]


class MemberForm(GovUKForm):
    title = "Register a panel member"
    submit_label = "Save"

    organisation = forms.ChoiceField(
        label="Organisation",
        choices=Organisation.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the member's organisation"},
    )
    is_manager = forms.ChoiceField(
        label="Is this person a CSCI or Ofsted manager?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes if the person is a manager"},
    )


class WindowForm(GovUKForm):
    title = "Representation dates"
    submit_label = "Save the dates"

    intention_by = DayField(
        label="Intention to make a representation by",
        help_text="The handbook, section J: by 1 November",
        what="The intention date",
        required_message="Enter the date by which the council states its intention",
    )
    submission_by = DayField(
        label="Representation submitted by",
        help_text="The handbook, section J: by 7 November",
        what="The submission date",
        required_message="Enter the date by which the representation is submitted",
    )
    outcomes_by = DayField(
        label="Outcome decided by",
        help_text="The handbook, section J: by the end of November",
        what="The outcome date",
        required_message="Enter the date by which the panel decides",
    )
    reason = forms.CharField(
        label="Why the dates change",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say why the dates change"},
    )


class ResponseForm(GovUKForm):
    """The inspectors' response to a representation, which the panel reads before deciding
    (the handbook, section J)."""

    title = "Record the inspectors' response"
    submit_label = "Record the response"
    label_size = "m"

    response = forms.CharField(
        label="The inspectors' response to the representation",
        help_text="The panel reads it with the representation and the recorded evidence",
        widget=forms.Textarea(attrs={"rows": 10}),
        required=False,  # the service says what is missing
        max_length=20000,
    )
