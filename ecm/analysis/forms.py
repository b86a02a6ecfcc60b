"""Forms of the analysis stage. They only declare fields: the rules live in the services."""

from django import forms

from ecm.analysis.content import CapacityDimension, Tag
from ecm.analysis.models import (
    DaysActivity,
    EntryKind,
    EvidenceKind,
    HypothesisSource,
    HypothesisStatus,
    PackItem,
)
from ecm.analysis.pack import PackCategory
from ecm.core.forms import GovUKForm
from ecm.core.uploads.refusals import DOCUMENT_EMPTY
from ecm.performance.models import Indicator
from ecm.self_assessment.models import EvidenceDocument

GRADE_CHOICES = [("", "Not judged yet"), ("4", "4"), ("3", "3"), ("2", "2"), ("1", "1")]


def _grade(value) -> int | None:
    return int(value) if value not in (None, "") else None


class PackItemForm(GovUKForm):
    submit_label = "Add to the pack"

    TITLES = {
        PackCategory.BRIEFING: ("Add a briefing", "Source"),
        PackCategory.SUPPORTING: ("Add a supporting document", "Kind of document"),
        PackCategory.CYCLE: ("Add a document Ofsted considers with the review", "What it is"),
    }

    def __init__(self, *args, category: str, types: list[tuple[str, str]], **kwargs):
        """`types`: what the round's cycle offers for this category (pack_types)."""
        super().__init__(*args, **kwargs)
        self.title, self.fields["source_type"].label = self.TITLES[category]
        self.fields["source_type"].choices = types

    source_type = forms.ChoiceField(widget=forms.RadioSelect)
    title = forms.CharField(label="Title", max_length=200)
    source = forms.CharField(
        label="Provided by", max_length=200, help_text="The person or team who sent it"
    )
    dated = forms.DateField(
        label="Date on the document",
        help_text="For example, 27 3 2007",
        input_formats=["%d %m %Y", "%Y-%m-%d", "%d/%m/%Y"],
    )
    shared_with_council = forms.BooleanField(
        label="The council has already seen this document", required=False
    )
    file = forms.FileField(
        label="Upload a file",
        help_text="PDF, Word (DOCX) or OpenDocument (ODT)",
        error_messages={"required": "Select a file to upload", "empty": DOCUMENT_EMPTY},
    )


class EntryForm(GovUKForm):
    title = "Write a finding"
    submit_label = "Save the finding"

    def __init__(self, *args, key_judgements=(), revising: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["key_judgements"].choices = [
            (kj.urn, f"{kj.code} {kj.title}") for kj in key_judgements
        ]
        if not revising:
            del self.fields["reason"]
            del self.fields["shown"]
        else:
            self.title = "Change the finding"
        self.relayout()

    finding = forms.CharField(
        label="Finding",
        help_text=(
            "No grades at Step 1: say in words where the judgement lies (the handbook, "
            "section F, step 1)."
        ),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    kind = forms.ChoiceField(
        label="What kind of finding is it?", choices=EntryKind.choices, widget=forms.RadioSelect
    )
    key_judgements = forms.MultipleChoiceField(
        label="Key judgements it bears on", required=False, widget=forms.CheckboxSelectMultiple
    )
    tags = forms.MultipleChoiceField(
        label="Which groups and services does it speak of?",
        help_text=(
            "Every outcome needs a specific comment on social care (the handbook, section F, "
            "step 1)."
        ),
        choices=Tag.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    capacity = forms.MultipleChoiceField(
        label="Is it evidence of capacity to improve?",
        choices=CapacityDimension.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=(
            "Capacity to improve rests on the direction of travel and the track record (the "
            "handbook, section E.v)."
        ),
    )
    reason = forms.CharField(
        label="Why are you changing it?", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    shown = forms.IntegerField(widget=forms.HiddenInput, required=False)


class EvidenceForm(GovUKForm):
    submit_label = "Add the evidence"

    def __init__(
        self, *args, kind: str, indicators=(), documents=(), briefings=(), parts=(), **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.kind = kind
        keep = {
            "indicator": ["indicator"],
            "document": ["document", "page"],
            "briefing": ["briefing", "page"],
            "self_assessment": ["sa_part"],
        }[kind]
        for name in ("indicator", "document", "briefing", "page", "sa_part"):
            if name not in keep:
                del self.fields[name]
        if "indicator" in self.fields:
            self.fields["indicator"].choices = [("", "Select an indicator")] + [
                (str(i.pk), f"{i.code} {i.title}") for i in indicators
            ]
        if "document" in self.fields:
            self.fields["document"].choices = [("", "Select a document"), *list(documents)]
        if "briefing" in self.fields:
            self.fields["briefing"].choices = [("", "Select a briefing")] + [
                (str(b.pk), f"{b.title} ({b.source_type_label})") for b in briefings
            ]
        if "sa_part" in self.fields:
            self.fields["sa_part"].choices = [("", "Select a part"), *list(parts)]
        if kind == "briefing":
            self.fields["page"].required = False
            self.fields["page"].label = "Page (optional)"
        self.relayout()

    indicator = forms.ChoiceField(label="Indicator")
    document = forms.ChoiceField(label="Document")
    briefing = forms.ChoiceField(label="Briefing")
    sa_part = forms.ChoiceField(label="Part of the self-assessment")
    page = forms.CharField(
        label="Page", max_length=40, widget=forms.TextInput(attrs={"class": "govuk-input--width-5"})
    )
    note = forms.CharField(label="What does it show?", widget=forms.Textarea(attrs={"rows": 3}))


def evidence_source(*, form: "EvidenceForm", assessment, version) -> dict:
    """The objects the chosen evidence names, looked up within this assessment only, as
    `services.notebook.evidence_add` takes them."""
    data, kind = form.cleaned_data, form.kind
    if kind == EvidenceKind.INDICATOR:
        return {"indicator": Indicator.objects.filter(pk=data["indicator"]).first()}
    if kind == EvidenceKind.DOCUMENT:
        origin, _, key = data["document"].partition(":")
        if origin == "pack":
            document = {"pack_item": PackItem.objects.filter(pk=key, assessment=assessment).first()}
        else:
            found = EvidenceDocument.objects.filter(pk=key, self_assessment__assessment=assessment)
            document = {"sa_document": found.first()}
        return {**document, "page": data["page"]}
    if kind == EvidenceKind.BRIEFING:
        briefing = PackItem.objects.filter(pk=data["briefing"], assessment=assessment).first()
        return {"pack_item": briefing, "page": data.get("page", "")}
    return {"sa_version": version, "sa_part": data["sa_part"]}


class WithdrawForm(GovUKForm):
    title = "Withdraw this evidence"
    submit_label = "Withdraw it"
    reason = forms.CharField(label="Why is it withdrawn?", widget=forms.Textarea(attrs={"rows": 3}))


class HypothesisForm(GovUKForm):
    title = "Raise a hypothesis"
    submit_label = "Raise it"

    def __init__(self, *args, outcomes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = [("", "Across outcomes")] + [
            (str(o.pk), o.title) for o in outcomes
        ]

    statement = forms.CharField(label="Hypothesis", widget=forms.Textarea(attrs={"rows": 3}))
    raised_from = forms.ChoiceField(
        label="Where does it come from?", choices=HypothesisSource.choices, widget=forms.RadioSelect
    )
    outcome = forms.ChoiceField(label="Outcome", required=False)


class HypothesisTestForm(GovUKForm):
    title = "Test it against evidence"
    submit_label = "Record the test"

    def __init__(self, *args, entries=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entry"].choices = [("", "No entry")] + [
            (str(e.pk), f"E{e.pk} {e.current.content['finding'][:70]}") for e in entries
        ]

    status = forms.ChoiceField(
        label="What does the evidence show?",
        choices=HypothesisStatus.choices,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label="The evidence and what it showed", widget=forms.Textarea(attrs={"rows": 3})
    )
    entry = forms.ChoiceField(label="Notebook entry it rests on", required=False)
    shown = forms.IntegerField(widget=forms.HiddenInput, required=False)


def strand_fields(form: forms.Form, name: str, label: str, entries, text_label: str) -> None:
    """A grade, its key points and the entries they rest on, for one strand of Step 2 or 3."""
    form.fields[f"{name}_grade"] = forms.ChoiceField(
        label=f"{label}: indicative grade", choices=GRADE_CHOICES, required=False
    )
    form.fields[f"{name}_text"] = forms.CharField(
        label=f"{label}: {text_label}", widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    form.fields[f"{name}_entries"] = forms.MultipleChoiceField(
        label=f"{label}: entries it rests on",
        choices=entries,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


def strand_values(data: dict, names) -> dict[str, dict]:
    return {
        n: {
            "grade": _grade(data.get(f"{n}_grade")),
            "text": data.get(f"{n}_text", "").strip(),
            "entries": [int(e) for e in data.get(f"{n}_entries", [])],
        }
        for n in names
    }


def strand_initial(content: dict | None, names) -> dict:
    initial = {}
    for n in names:
        part = (content or {}).get(n) or {}
        initial[f"{n}_grade"] = "" if part.get("grade") is None else str(part["grade"])
        initial[f"{n}_text"] = part.get("text", "")
        initial[f"{n}_entries"] = [str(e) for e in part.get("entries", [])]
    return initial


class StrandsForm(GovUKForm):
    """Step 2 (per area) or Step 3 (overall): strands, a closing text, and why it changed."""

    submit_label = "Save"

    def __init__(
        self,
        *args,
        strands,
        entries,
        text_label,
        closing: tuple[str, str],
        revising: bool,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.strand_names = [value for value, _ in strands]
        for value, label in strands:
            strand_fields(self, value, label, entries, text_label)
        self.fields[closing[0]] = forms.CharField(
            label=closing[1], widget=forms.Textarea(attrs={"rows": 4}), required=False
        )
        if revising:
            self.fields["reason"] = forms.CharField(
                label="Why are you changing it?",
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,  # the service says why it is needed (NO_REASON)
            )
        self.fields["shown"] = forms.IntegerField(widget=forms.HiddenInput, required=False)
        self.relayout()


class SummativeForm(GovUKForm):
    submit_label = "Save the judgement"

    def __init__(self, *args, grades, entries, revising: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["grade"].choices = [("", "Not judged yet")] + [
            (str(g.value), f"{g.value}: {g.label}") for g in grades
        ]
        self.fields["entries"].choices = entries
        if not revising:
            del self.fields["reason"]
        self.relayout()

    grade = forms.ChoiceField(label="Grade", required=False, widget=forms.RadioSelect)
    rationale = forms.CharField(
        label="Rationale", widget=forms.Textarea(attrs={"rows": 6}), required=False
    )
    entries = forms.MultipleChoiceField(
        label="The evidence it stands on", required=False, widget=forms.CheckboxSelectMultiple
    )
    reason = forms.CharField(
        label="Why are you changing it?",
        help_text="Changing a judgement clears both inspectors' signatures.",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,  # the service says why it is needed (NO_REASON)
    )
    shown = forms.IntegerField(widget=forms.HiddenInput, required=False)


class InspectorDayForm(GovUKForm):
    """A day given, or planned, to the council (002 §A)."""

    title = "Record a day"
    submit_label = "Record the day"

    activity = forms.ChoiceField(
        label="What was the time given to?",
        choices=DaysActivity.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what the day was given to"},
    )
    on = forms.DateField(
        label="Date",
        help_text="A date still to come is recorded as planned. For example, 4 6 2007",
        input_formats=["%d %m %Y", "%Y-%m-%d", "%d/%m/%Y"],
        error_messages={
            "required": "Enter the date the time was given, or is planned",
            "invalid": "Enter the date as day, month and year, for example 4 6 2007",
        },
    )
    days = forms.DecimalField(
        label="How much of the day",
        help_text="1 for a whole day, 0.5 for half a day",
        max_digits=3,
        decimal_places=2,
        error_messages={
            "required": "Enter how much of the day, for example 1 or 0.5",
            "invalid": "Enter how much of the day as a number, for example 1 or 0.5",
        },
    )
    note = forms.CharField(label="Note (optional)", max_length=200, required=False)
