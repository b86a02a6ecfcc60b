"""Forms of the annual rating (issue 10 §2). They collect; the services rule."""

from django import forms

from ecm.caa.rating.limits import OUTCOMES, rules_for
from ecm.core.forms import GovUKForm

OUTCOME_GRADES = [(4, "Outstanding"), (3, "Good"), (2, "Adequate"), (1, "Inadequate")]
RATINGS = [
    (4, "Performs excellently"),
    (3, "Performs well"),
    (2, "Performs adequately"),
    (1, "Performs poorly"),
]


class RatingForm(GovUKForm):
    title = "Draft the annual rating"
    submit_label = "Save the draft rating"

    def __init__(self, *args, year: int, surveys=(), **kwargs):
        super().__init__(*args, **kwargs)
        for code, title in OUTCOMES:
            self.fields[f"outcome_{code}"] = forms.TypedChoiceField(
                label=title,
                choices=OUTCOME_GRADES,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": f"Judge {title.lower()}"},
            )
        for source in rules_for(year).evidence_sources:
            self.fields[f"evidence_{source.code}"] = forms.CharField(
                label=source.title,
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
            if source.code == USER_VIEWS:
                self.fields["surveys"] = forms.TypedMultipleChoiceField(
                    label="The annual questionnaires' results to cite",
                    choices=[(s.pk, _survey_choice(s)) for s in surveys],
                    coerce=int,
                    required=False,
                    widget=forms.CheckboxSelectMultiple,
                    help_text="Closed surveys of this council and year: their results are "
                    "frozen. An open survey is closed from its own page first."
                    if surveys
                    else "No annual questionnaire of this council and year is closed yet.",
                )
        self.fields["rating"] = forms.TypedChoiceField(
            label="Rating",
            choices=RATINGS,
            coerce=int,
            widget=forms.RadioSelect,
            error_messages={"required": "Choose the rating"},
        )
        self.fields["rationale"] = forms.CharField(
            label="Why this rating",
            widget=forms.Textarea(attrs={"rows": 5}),
            help_text="Evidence is weighed for significance, not by formula (004)",
            error_messages={"required": "Say why the evidence gives this rating"},
        )
        self.fields["lock_version"] = forms.IntegerField(widget=forms.HiddenInput, required=False)
        self.relayout()

    def outcome_grades(self) -> dict[str, int]:
        return {code: self.cleaned_data[f"outcome_{code}"] for code, _ in OUTCOMES}

    def evidence(self) -> dict[str, str]:
        prefix = "evidence_"
        return {
            k.removeprefix(prefix): v for k, v in self.cleaned_data.items() if k.startswith(prefix)
        }


USER_VIEWS = "user_views"  # 004: "The views of service users ... gathered through questionnaires"


def _survey_choice(results) -> str:
    rate = "" if results.rate is None else f" ({results.rate}%)"
    return f"{results.title}: {results.answered} answered, {results.issued} links issued{rate}"


class KeyAreasForm(GovUKForm):
    title = "Choose the year's key areas"
    submit_label = "Save the key areas"

    key_areas = forms.MultipleChoiceField(
        label="Key areas",
        choices=OUTCOMES,
        widget=forms.CheckboxSelectMultiple,
        help_text="Where one of these is judged inadequate, the rating is limited.",
        error_messages={"required": "Choose at least one key area"},
    )
    reason = forms.CharField(
        label="Why these key areas",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say why these are the year's key areas"},
    )
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class FinaliseForm(GovUKForm):
    title = "Make the rating final"
    submit_label = "Make the rating final"
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
