"""Forms of the moderation pages (002 §H, Appendix A). They only declare fields: the rules live
in ecm.meetings.services.moderation (one module per part of 002 §H)."""

from django import forms

from ecm.apa.models import ModerationDecision
from ecm.core.forms import GovUKForm
from ecm.meetings.services.moderation.submission import APPENDIX_A_BULLETS

DATE_HINT = "For example, 12 9 2007"
DATE_FORMATS = ["%d %m %Y", "%Y-%m-%d", "%d/%m/%Y"]


class ProposeForm(GovUKForm):
    title = "Propose the councils to moderate"
    submit_label = "Propose councils"

    seed = forms.CharField(
        label="Seed of the random draw (optional)",
        help_text=(
            "Leave empty for a new random seed; give the same seed to repeat a draw. The seed "
            "is kept with the draw, so anyone can check it."
        ),
        required=False,
        max_length=40,
    )


class ChooseForm(GovUKForm):
    submit_label = "Save"

    selected = forms.TypedChoiceField(
        label="Moderation",
        choices=[("yes", "Add it to moderation"), ("no", "Take it out of moderation")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether to add it to moderation or take it out"},
    )
    reason = forms.CharField(
        label="Reason",
        help_text="Kept in the audit trail, and shown on the moderation page.",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter the reason: it is kept in the audit trail"},
    )


class DayForm(GovUKForm):
    title = "Add a moderation day"
    submit_label = "Add the day"

    date = forms.DateField(
        label="Date",
        help_text=DATE_HINT + ". A working day after the analysis stage and before the final "
        "letter.",
        input_formats=DATE_FORMATS,
        error_messages={
            "required": "Enter the date of the moderation day",
            "invalid": "Enter the date as day, month and year, for example 12 9 2007",
        },
    )
    venue = forms.CharField(label="Venue (optional)", required=False, max_length=200)
    groups = forms.IntegerField(
        label="Number of groups",
        help_text=(
            "Small groups, each working on a few councils (the handbook, section H). From 1 to 5."
        ),
        min_value=1,
        max_value=5,
        initial=3,
        error_messages={
            "required": "Enter the number of groups, from 1 to 5",
            "min_value": "A day has at least 1 group",
            "max_value": "A day has at most 5 groups",
            "invalid": "Enter the number of groups as a number, from 1 to 5",
        },
    )


class GroupForm(GovUKForm):
    title = "Add a group"
    submit_label = "Add the group"

    name = forms.CharField(
        label="Name of the group",
        help_text="For example, Group D",
        max_length=60,
        error_messages={"required": "Enter the group's name, for example Group A"},
    )


class PlaceForm(GovUKForm):
    title = "Put councils on this day"
    submit_label = "Put them in the group"

    councils = forms.MultipleChoiceField(
        label="Councils selected for moderation and not yet on a day",
        help_text=(
            "A day takes seven to ten councils (the handbook, section H). The Lead who "
            "presents a council "
            "cannot be in two groups at once."
        ),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select at least one council to put on this day"},
    )
    group = forms.TypedChoiceField(
        label="Group",
        coerce=int,
        error_messages={"required": "Choose the group"},
    )

    def __init__(self, *args, councils=(), groups=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["councils"].choices = [(str(pk), label) for pk, label in councils]
        self.fields["group"].choices = [(str(g.pk), g.name) for g in groups]


class TakeOffForm(forms.Form):
    """A council taken off the day (a button on the day page)."""

    take_off = forms.IntegerField(widget=forms.HiddenInput)


def concern_field(number: int) -> str:
    return f"concern_{number}"


class ModerationFormEdit(GovUKForm):
    """Appendix A: reasons for selecting for moderation, and areas of concern."""

    title = "Moderation Form"
    submit_label = "Save the form"

    reasons = forms.CharField(
        label="Reasons for selecting for moderation",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, saved: int = 0, **kwargs):
        super().__init__(*args, **kwargs)
        # Appendix A's eight bullets, and one more box whenever all are used: no limit.
        self.boxes = max(APPENDIX_A_BULLETS, saved + 1)
        for n in range(1, self.boxes + 1):
            self.fields[concern_field(n)] = forms.CharField(
                label=f"Area of concern {n}",
                help_text=(
                    "One area in each box, as the bullets of the form in Appendix A. Once every "
                    "box is used, saving the form adds another."
                )
                if n == 1
                else "",
                required=False,
                max_length=500,
            )
        lock = self.fields.pop("lock_version")
        self.fields["lock_version"] = lock
        self.relayout()

    def concerns(self) -> list[str]:
        return [self.cleaned_data.get(concern_field(n), "") for n in range(1, self.boxes + 1)]

    @staticmethod
    def initial_for(form, prefill: str) -> dict:
        concerns = list(form.concerns) if form else []
        initial = {concern_field(n): c for n, c in enumerate(concerns, 1)}
        initial["reasons"] = (form.reasons if form else "") or prefill
        initial["lock_version"] = form.lock_version if form else None
        return initial


class SubmitForm(GovUKForm):
    """Check your answers, then submit (the service checks Steps 2-4)."""

    title = "Submit the Moderation Form with Steps 2-4"
    submit_label = "Submit the form"


def judgement_field(judgement) -> str:
    # The service names its refusals about one judgement `judgement_<pk>`: the same name here
    # puts them on the right field.
    return f"judgement_{judgement.pk}"


def rationale_field(judgement) -> str:
    # Named as the service names its refusal of a rationale without a new grade.
    return f"rationale_{judgement.pk}"


class OutcomeForm(GovUKForm):
    title = "Record the moderation outcome"
    submit_label = "Record the outcome"

    decision = forms.ChoiceField(
        label="What did the moderation day decide?",
        choices=[
            (ModerationDecision.CONFIRMED, "It confirmed the proposed judgements"),
            (ModerationDecision.CHANGED, "It changed one or more judgements"),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select whether the day confirmed the proposed judgements or changed them"
        },
    )
    reason = forms.CharField(
        label="Why did the day change the judgements?",
        help_text=(
            "Needed when the day changed a judgement; otherwise any note. Written into Step 2 "
            "of the notebook and kept in the audit trail."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )

    def __init__(self, *args, judgements=(), proposed=None, **kwargs):
        super().__init__(*args, **kwargs)
        proposed = proposed or {}
        reason = self.fields.pop("reason")
        self.judgements = list(judgements)
        for judgement in self.judgements:
            now = proposed.get(judgement.pk)
            self.fields[judgement_field(judgement)] = forms.TypedChoiceField(
                label=f"New grade for {judgement.title}",
                help_text=f"Proposed: {now}. Only if the day changed it."
                if now is not None
                else "Not graded. Only if the day changed it.",
                choices=[("", "Unchanged")]
                + [(str(g.value), f"{g.value}: {g.label}") for g in judgement.scale.grades.all()],
                coerce=int,
                empty_value=None,
                required=False,
            )
            self.fields[rationale_field(judgement)] = forms.CharField(
                label=f"New rationale for {judgement.title} (optional)",
                help_text=(
                    "Only with a new grade. Left empty, Step 4 keeps its rationale, with any "
                    "opening grade words changed to the new grade's (the handbook, section H)."
                ),
                widget=forms.Textarea(attrs={"rows": 3}),
                required=False,
            )
        self.fields["reason"] = reason
        self.relayout()

    def changes(self) -> dict[int, int]:
        return {
            j.pk: self.cleaned_data.get(judgement_field(j))
            for j in self.judgements
            if self.cleaned_data.get(judgement_field(j)) is not None
        }

    def rationales(self) -> dict[int, str]:
        return {
            j.pk: self.cleaned_data[rationale_field(j)].strip()
            for j in self.judgements
            if self.cleaned_data.get(rationale_field(j), "").strip()
        }
