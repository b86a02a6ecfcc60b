from django import forms

from ecm.accounts.roles import Role
from ecm.accounts.selectors import users_with_role
from ecm.apa.cycles import DEFAULT_CYCLE, cycle_choices
from ecm.apa.models import AssignmentRole
from ecm.apa.workflow import WORKFLOW, AssessmentStatus
from ecm.core.forms import DayField, GovUKForm
from ecm.framework.models import FrameworkVersion


class RoundForm(GovUKForm):
    title = "Set up a round"
    submit_label = "Set up round"

    year = forms.IntegerField(
        label="Year",
        min_value=2005,
        max_value=2100,
        help_text="The year of the assessment, for example 2007.",
        error_messages={"required": "Enter the year of the round, for example 2007"},
    )
    framework_version = forms.ModelChoiceField(
        label="Framework version",
        queryset=FrameworkVersion.objects.all(),
        error_messages={"required": "Choose the framework version the round uses"},
    )
    cycle = forms.ChoiceField(
        label="Cycle",
        help_text=(
            "Which dates, submission and discussion with the council the round follows: the "
            "handbook's of 2005-06, or the 2007 briefing's (the CYPP review in June and the "
            "single conversation)."
        ),
        choices=cycle_choices,
        initial=DEFAULT_CYCLE,
        required=False,  # the handbook's when none is chosen
        widget=forms.RadioSelect,
    )

    def clean_cycle(self) -> str:
        return self.cleaned_data.get("cycle") or DEFAULT_CYCLE

    add_all_councils = forms.BooleanField(
        label="Add an assessment for every council active in that year",
        required=False,
        initial=True,
    )


class StatusChangeForm(GovUKForm):
    title = "Move this assessment to another stage"
    submit_label = "Move assessment"

    to = forms.ChoiceField(
        label="Move to", widget=forms.RadioSelect, error_messages={"required": "Choose a stage"}
    )
    reason = forms.CharField(
        label="Reason",
        required=False,
        help_text="Needed when an assessment goes back a stage. Kept in the audit trail.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    lock_version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, current: str, cycle=None, **kwargs):
        super().__init__(*args, **kwargs)
        rule = WORKFLOW[AssessmentStatus(current)]
        # The stages as the round's cycle names them (issue 23 §1: "Data review", "The single
        # conversation" in the 2007 cycle).
        label = (lambda s: cycle.status_label(s.value, s.label)) if cycle else (lambda s: s.label)
        self.fields["to"].choices = [(s.value, label(s)) for s in rule.forward] + [
            (s.value, f"Back to {label(s)[:1].lower()}{label(s)[1:]}") for s in rule.back
        ]


class InspectorsForm(GovUKForm):
    title = "Assign the inspectors"
    submit_label = "Assign inspectors"

    hmi = forms.ModelChoiceField(
        label="Ofsted inspector (HMI)",
        queryset=users_with_role(Role.HMI),
        error_messages={"required": "Choose the HMI"},
    )
    brm = forms.ModelChoiceField(
        label="CSCI business relationship manager",
        queryset=users_with_role(Role.BRM),
        error_messages={"required": "Choose the BRM"},
    )
    lead = forms.ChoiceField(
        label="Who is the Lead?",
        help_text=(
            "The Lead contacts the link officer, agrees the meeting and assembles the letter."
        ),
        choices=[(AssignmentRole.HMI, "The HMI"), (AssignmentRole.BRM, "The BRM")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose who is the Lead"},
    )
    reason = forms.CharField(label="Note for the audit trail (optional)", required=False)


class RoundDatesForm(GovUKForm):
    """The round's own dates, each labelled as its cycle names it, with the rule it defaults
    from (issue 23 §1: a date the seed does not give is the project's setting, changeable per
    round)."""

    title = "Change the round's dates"
    submit_label = "Save the dates"

    def __init__(self, *args, fields: list[str], titles: dict, rules: dict, **kwargs):
        super().__init__(*args, **kwargs)
        reason = self.fields.pop("reason")
        for name in fields:
            self.fields[name] = DayField(
                label=titles[name],
                help_text=f"The rule: {rules[name]}",
                what=titles[name],
                required_message=f"Enter the date: {titles[name].lower()}",
            )
        self.fields["reason"] = reason
        self.relayout()

    reason = forms.CharField(
        label="Why the dates change",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say why the dates change"},
    )
