"""Forms of the area assessment's pages (issue 10 §5). They only collect; the services own
the rules (so most fields are optional here and the service says what is missing)."""

from django import forms

from ecm.caa.flags.framework import area_framework
from ecm.caa.flags.models import FlagColour, OrganisationKind
from ecm.caa.flags.selectors import score_choices
from ecm.core.forms import DayField, GovUKForm


def _text(label: str, hint: str = "", rows: int = 6) -> forms.CharField:
    return forms.CharField(
        label=label, help_text=hint, required=False, widget=forms.Textarea(attrs={"rows": rows})
    )


def point_field(code: str) -> str:
    """The form field of a question's sub-point (004's bullets under question 1)."""
    return f"point_{code}"


class AreaForm(GovUKForm):
    title = "Write the area assessment"
    submit_label = "Save the area assessment"

    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        framework = area_framework()
        for number, q in enumerate(framework.questions, start=1):
            self.fields[q.code] = _text(f"Question {number}: {q.text}", rows=8)
            for letter, point in zip("abcdefgh", q.points, strict=False):
                self.fields[point_field(point.code)] = _text(
                    f"Question {number}({letter}): {point.text}", rows=4
                )
            if q.variation:
                self.fields[f"{q.code}_variation"] = _text(
                    f"Question {number}: geographical variation and differences between groups",
                    q.variation_text,
                )
        for t in framework.themes:
            self.fields[f"{t.code}_notes"] = _text(f"Theme: {t.name}", t.text, rows=4)
        self.relayout()


COLOUR_CHOICES = [
    (FlagColour.RED, "Red flag: unlikely to deliver the improvement sought"),
    (FlagColour.GREEN, "Green flag: exceptional performance or improvement"),
]


class FlagForm(GovUKForm):
    title = "Raise a flag"
    submit_label = "Raise the flag"

    colour = forms.ChoiceField(
        label="Colour", choices=COLOUR_CHOICES, widget=forms.RadioSelect, required=False
    )
    question = forms.ChoiceField(
        label="Question it concerns",
        help_text="Choose a question, a theme, or both",
        widget=forms.RadioSelect,
        required=False,
    )
    theme = forms.ChoiceField(label="Theme it concerns", widget=forms.RadioSelect, required=False)
    organisation_kind = forms.ChoiceField(
        label="Organisation it concerns",
        choices=OrganisationKind.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    organisation_name = forms.CharField(
        label="Name of the organisation",
        help_text="Not needed when the flag concerns the council",
        required=False,
        max_length=200,
    )
    reason = _text("Reason for the flag", "Say in words why; a flag is not a score", rows=5)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        framework = area_framework()
        self.fields["question"].choices = [*framework.question_choices, ("", "No question")]
        self.fields["theme"].choices = [*framework.theme_choices, ("", "No theme")]


class ReasonForm(GovUKForm):
    reason = _text("Reason", rows=4)

    def __init__(self, *args, title: str, submit_label: str, **kwargs):
        self.title = title
        self.submit_label = submit_label
        super().__init__(*args, **kwargs)


class PublishForm(GovUKForm):
    title = "Publish the area assessment"
    submit_label = "Publish"

    published_on = DayField(
        label="Published on",
        what="The date",
        required_message="Enter the date the area assessment is published",
    )


class OrganisationForm(GovUKForm):
    title = "Organisational assessment"
    submit_label = "Save the organisational assessment"

    organisation_kind = forms.ChoiceField(
        label="Organisation",
        choices=OrganisationKind.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    organisation_name = forms.CharField(
        label="Name of the organisation",
        help_text="Not needed for the council",
        required=False,
        max_length=200,
    )
    narrative = _text("Narrative", "A short account of the organisation's contribution")
    overall_score = forms.TypedChoiceField(
        label="Overall score",
        help_text=(
            "The single report includes an overall score for each organisation (the 2009 "
            "briefing gives no scale: these are the programme's)"
        ),
        coerce=int,
        empty_value=None,
        widget=forms.RadioSelect,
        required=False,
    )
    services_statement = _text(
        "Statement on the performance of key council services",
        "The council's only: an explicit statement on the performance of key council services, "
        "including children and young people's services",
    )
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, existing: bool = False, council: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["overall_score"].choices = score_choices()
        if existing:  # the organisation of an existing assessment does not change
            del self.fields["organisation_kind"]
            del self.fields["organisation_name"]
        if not council:
            del self.fields["services_statement"]
        self.relayout()
