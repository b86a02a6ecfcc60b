"""Forms of the full inspection's pages (issue 10 §4). They only collect; the services own the
rules (so most fields are optional here and the service says what is missing)."""

from datetime import date

from django import forms
from django.utils import timezone

from ecm.accounts.roles import TEAM_ROLES
from ecm.accounts.selectors import inspectorate_staff_on
from ecm.caa.safeguarding.framework import safeguarding_framework
from ecm.caa.safeguarding.timescales import SETTING_NOTE, timescales
from ecm.caa.unannounced.forms import (
    InspectorChoiceField,
    day_boxes,
    days_given,
    posted_day,
)
from ecm.core.forms import DayField, GovUKForm


def _day(label: str, what: str, hint: str = "") -> DayField:
    return DayField(
        label=label,
        help_text=hint,
        what=what,
        required=False,
        required_message=f"Enter {what.lower()}",
    )


def _text(label: str, hint: str = "", rows: int = 4) -> forms.CharField:
    return forms.CharField(
        label=label, help_text=hint, required=False, widget=forms.Textarea(attrs={"rows": rows})
    )


def inspectors(day: date | None = None):
    """The inspectors offered for a full inspection on `day` (issue 24 §3): HMI, BRM or an
    inspector of another inspectorate whose inspectorate existed then and is one the 2009
    briefing names for these inspections (Ofsted, the CQC, HMIC), or whose account names none."""
    codes = [*safeguarding_framework().team_inspectorate_codes, ""]
    return (
        inspectorate_staff_on(day or timezone.localdate(), roles=TEAM_ROLES)
        .filter(inspectorate__in=codes)
        .order_by("first_name", "last_name", "email")
    )


class TeamChoiceField(forms.ModelMultipleChoiceField):
    label_from_instance = InspectorChoiceField.label_from_instance


FIRST_HELP = "Two weeks' notice (the 2009 briefing): 14 days or more after notification"
LATER_HELP = (
    "Only the days the inspectors are on site, no more than five (the 2009 briefing): a "
    "Wednesday to the Tuesday after, over a weekend, is five days"
)
OFFERED = (
    "Inspectors whose inspectorate existed on the first day on site and is one the 2009 "
    "briefing names: Ofsted, the Care Quality Commission, HMI Constabulary"
)


def _with_days(form, *, before: str) -> None:
    """Put the day boxes in the form just before the field named `before`."""
    boxes = day_boxes(first_name="first_day_on_site", first_help=FIRST_HELP, later_help=LATER_HELP)
    fields = {}
    for name, field in form.fields.items():
        if name == before:
            fields.update(boxes)
        fields[name] = field
    form.fields = fields
    form.relayout()


class NotifyForm(GovUKForm):
    title = "Notify the council of its full inspection"
    submit_label = "Notify the council"

    notified_on = _day("Notified on", "The date of notification")
    lead_inspector = InspectorChoiceField(
        label="Lead inspector",
        help_text=OFFERED,
        queryset=None,
        required=False,
        empty_label="Choose the lead",
        error_messages={"invalid_choice": "Choose a lead inspector from the list"},
    )
    team = TeamChoiceField(
        label="Team",
        help_text="The other inspectors on the team, if any: " + OFFERED[0].lower() + OFFERED[1:],
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose the team from the list"},
    )
    documents = forms.MultipleChoiceField(
        label="Documents requested at notification",
        help_text=(
            "The 2009 briefing: at the time of notification, inspectors want further documentary "
            "evidence"
        ),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    documents_due_on = _day(
        "Documents due on",
        "The date the documents are due",
        "Between the notification and the first day on site",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _with_days(self, before="lead_inspector")
        day = posted_day(self, "first_day_on_site")
        self.fields["lead_inspector"].queryset = inspectors(day)
        self.fields["team"].queryset = inspectors(day)
        self.fields["documents"].choices = [
            (d.code, d.title) for d in safeguarding_framework().documents
        ]

    def days(self) -> list[date]:
        return days_given(self, "first_day_on_site")


class VisitForm(GovUKForm):
    title = "Record the visit"
    submit_label = "Save the days on site"

    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _with_days(self, before="lock_version")

    def days(self) -> list[date]:
        return days_given(self, "first_day_on_site")


class JudgementsForm(GovUKForm):
    """One section's judgements: a grade on the four-point scale and a rationale each, and the
    section's main findings."""

    submit_label = "Save the judgements"

    def __init__(self, *args, section, records=(), **kwargs):
        """`records`: the inspection's evidence, as (id, words) pairs, that judgements cite."""
        super().__init__(*args, **kwargs)
        framework = safeguarding_framework()
        self.section = section
        self.records = list(records)
        self.title = f"Judge {section.title.lower()}"
        choices = [(g, framework.scale[g]) for g in sorted(framework.scale, reverse=True)]
        for judgement in section.judgements:
            self.fields[f"grade_{judgement.code}"] = forms.TypedChoiceField(
                label=judgement.title,
                choices=choices,
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
            )
            self.fields[f"rationale_{judgement.code}"] = _text(
                f"Rationale for {judgement.title.lower()}", rows=3
            )
            if self.records:
                self.fields[f"evidence_{judgement.code}"] = forms.TypedMultipleChoiceField(
                    label=f"Evidence cited for {judgement.title.lower()}",
                    help_text="The evidence records the judgement rests on",
                    choices=self.records,
                    coerce=int,
                    required=False,
                    widget=forms.CheckboxSelectMultiple,
                )
        self.fields["findings"] = _text(
            "Main findings", f"The report's main findings on {section.title.lower()}", rows=6
        )
        self.fields["lock_version"] = forms.IntegerField(widget=forms.HiddenInput, required=False)
        self.relayout()

    def grades(self) -> dict:
        return {j.code: self.cleaned_data.get(f"grade_{j.code}") for j in self.section.judgements}

    def rationales(self) -> dict:
        return {
            j.code: self.cleaned_data.get(f"rationale_{j.code}", "")
            for j in self.section.judgements
        }

    def evidence(self) -> dict | None:
        """The records each judgement cites; None when there are none to cite yet."""
        if not self.records:
            return None
        return {
            j.code: self.cleaned_data.get(f"evidence_{j.code}") or []
            for j in self.section.judgements
        }


class EvidenceForm(GovUKForm):
    title = "Record evidence"
    submit_label = "Save the evidence"

    kind = forms.ChoiceField(
        label="Kind of evidence",
        help_text="The 2009 briefing's range of evidence to be used",
        widget=forms.RadioSelect,
        required=False,
    )
    practice_points = forms.MultipleChoiceField(
        label="The quality of practice it bears on",
        help_text="The 2009 briefing: consideration of the quality of practice will be done by",
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    views_of = forms.ChoiceField(
        label="Whose views it gives",
        help_text=(
            "The 2009 briefing: inspectors will always talk to children and young people who make "
            "use of these services during their inspection"
        ),
        widget=forms.RadioSelect,
        required=False,
    )
    survey = forms.TypedChoiceField(
        label="The questionnaire whose results it cites",
        help_text="Only for findings from annual surveys",
        coerce=int,
        empty_value=None,
        widget=forms.RadioSelect,
        required=False,
    )
    summary = _text("What the inspectors found", rows=5)
    reference = forms.CharField(
        label="Reference",
        help_text=(
            "A case file's reference, a document's title, or the role of who was interviewed: "
            "never a child's name"
        ),
        required=False,
        max_length=200,
    )

    def __init__(self, *args, surveys=(), **kwargs):
        """`surveys`: the council's questionnaires to cite (ecm.surveys' SurveyResults)."""
        super().__init__(*args, **kwargs)
        framework = safeguarding_framework()
        self.fields["kind"].choices = [(k.code, k.title) for k in framework.evidence_kinds]
        self.fields["practice_points"].choices = [
            (p.code, p.title) for p in framework.practice_points
        ]
        self.fields["views_of"].choices = [
            *((v.code, v.title) for v in framework.views),
            ("", "None of these"),
        ]
        if surveys:
            self.fields["survey"].choices = [
                *((s.pk, f"{s.title}, {s.year}") for s in surveys),
                ("", "None"),
            ]
        else:
            del self.fields["survey"]
            self.relayout()


class RecommendationForm(GovUKForm):
    title = "Add a recommendation"
    submit_label = "Add the recommendation"

    section = forms.ChoiceField(label="Section", widget=forms.RadioSelect, required=False)
    text = _text("Recommendation", "What is to be done", rows=4)
    timescale = forms.ChoiceField(label="Within how long", widget=forms.RadioSelect, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        framework = safeguarding_framework()
        self.fields["section"].choices = [(s.code, s.title) for s in framework.sections]
        self.fields["timescale"].choices = [(t.code, t.title) for t in timescales()]
        self.fields["timescale"].help_text = SETTING_NOTE


class PublishForm(GovUKForm):
    title = "Publish the report"
    submit_label = "Continue"

    published_on = _day("Published on", "The date of publication")
    late_reason = _text(
        "Reason for lateness",
        "Only when publishing after the deadline: 004 says normally within 20 working days",
    )
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
