"""Forms of the full inspection's pages (issue 10 §4). They only collect; the services own the
rules (so most fields are optional here and the service says what is missing)."""

from django import forms

from ecm.accounts.models import User
from ecm.accounts.roles import INSPECTOR_ROLES
from ecm.caa.safeguarding.framework import safeguarding_framework
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


def inspectors():
    return (
        User.objects.filter(role_grants__role__in=INSPECTOR_ROLES, is_active=True)
        .distinct()
        .order_by("last_name", "first_name", "email")
    )


class NotifyForm(GovUKForm):
    title = "Notify the council of its full inspection"
    submit_label = "Notify the council"

    notified_on = _day("Notified on", "The date of notification")
    first_day_on_site = _day(
        "First day on site",
        "The first day on site",
        "Two weeks' notice (004): 14 days or more after notification",
    )
    last_day_on_site = _day(
        "Last day on site", "The last day on site", "No more than five days on site (004)"
    )
    lead_inspector = forms.ModelChoiceField(
        label="Lead inspector", queryset=None, required=False, empty_label="Choose the lead"
    )
    team = forms.ModelMultipleChoiceField(
        label="Team",
        help_text="The other inspectors on the team, if any",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    documents = forms.MultipleChoiceField(
        label="Documents requested at notification",
        help_text="004: at the time of notification, inspectors want further documentary evidence",
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
        self.fields["lead_inspector"].queryset = inspectors()
        self.fields["team"].queryset = inspectors()
        self.fields["documents"].choices = [
            (d.code, d.title) for d in safeguarding_framework().documents
        ]


class VisitForm(GovUKForm):
    title = "Record the visit"
    submit_label = "Save the days on site"

    first_day_on_site = _day("First day on site", "The first day on site")
    last_day_on_site = _day(
        "Last day on site", "The last day on site", "No more than five days on site (004)"
    )
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class JudgementsForm(GovUKForm):
    """One section's judgements: a grade on the four-point scale and a rationale each, and the
    section's main findings."""

    submit_label = "Save the judgements"

    def __init__(self, *args, section, **kwargs):
        super().__init__(*args, **kwargs)
        framework = safeguarding_framework()
        self.section = section
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
        self.fields["timescale"].choices = [(t.code, t.title) for t in framework.timescales]


class PublishForm(GovUKForm):
    title = "Publish the report"
    submit_label = "Continue"

    published_on = _day("Published on", "The date of publication")
    late_reason = _text(
        "Reason for lateness",
        "Only when publishing after the deadline: 004 says normally within 20 working days",
    )
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
