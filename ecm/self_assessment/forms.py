"""Forms of the self-assessment: a part's fields are built from the template (data), so a new
template version needs no new form code."""

from django import forms
from django.conf import settings

from ecm.core.forms import DayField, GovUKForm
from ecm.core.uploads.refusals import DOCUMENT_EMPTY, size_words
from ecm.self_assessment.models import CitationKind, DocumentKind, OtherInspection
from ecm.self_assessment.template_parts import Field, FieldKind, Part

COMPLETED_CHOICES = [("yes", "Yes, I've completed this part"), ("no", "No, I'll come back later")]
GRADE_CHOICES = [("", "Not graded yet"), ("4", "4"), ("3", "3"), ("2", "2"), ("1", "1")]


def field_slug(section, field: Field) -> str:
    """A field's name on its page and in URLs: keys repeat across Part D's outcome sections."""
    return f"{section.key}.{field.key}"


class PartForm(forms.Form):
    """Every field of one part, with the lock version each answer had when the page was shown."""

    def __init__(self, *args, part: Part, answers: dict, scale_labels: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.part = part
        self.field_index: dict[str, Field] = {}
        self.slugs: dict[str, str] = {}
        for section in part.sections:
            for field in section.fields:
                self.field_index[field.urn] = field
                self.slugs[field.urn] = field_slug(section, field)
                answer = answers.get(field.urn)
                self._add(field, section, answer, scale_labels)
                self.fields[self.slugs[field.urn] + "__lock"] = forms.IntegerField(
                    widget=forms.HiddenInput,
                    initial=answer.lock_version if answer else 0,
                    required=False,
                )
        self.fields["completed"] = forms.ChoiceField(
            label="Have you completed this part?",
            choices=COMPLETED_CHOICES,
            widget=forms.RadioSelect,
            required=False,
        )

    def _add(self, field: Field, section, answer, scale_labels) -> None:
        hint = field.hint or ""
        name = self.slugs[field.urn]
        if field.kind == FieldKind.GRADES:
            items = answer.items if answer else {}
            for item in field.grades:
                choices = [("", "Not graded yet")] + [
                    (value, f"{value}: {label}") for value, label in scale_labels.items()
                ]
                self.fields[f"{name}__{item.key}"] = forms.ChoiceField(
                    label=item.label, choices=choices, required=False, initial=items.get(item.key)
                )
            return
        if field.kind == FieldKind.PRIORITIES:
            initial = "\n".join((answer.items if answer else {}).get("priorities", []))
            self.fields[name] = forms.CharField(
                label=field.label,
                help_text=(hint + " One priority on each line.").strip(),
                widget=forms.Textarea(attrs={"rows": 6}),
                required=False,
                initial=initial,
            )
            return
        self.fields[name] = forms.CharField(
            label=field.label,
            help_text=hint,
            widget=forms.Textarea(attrs={"rows": 12 if field.words else 6}),
            required=False,
            initial=answer.text if answer else "",
        )

    def values(self) -> tuple[dict[str, dict], dict[str, int]]:
        """Answers as the service takes them, and the lock versions the page was shown with."""
        data = self.cleaned_data
        values, locks = {}, {}
        for urn, field in self.field_index.items():
            name = self.slugs[urn]
            locks[urn] = data.get(name + "__lock") or 0
            if field.kind == FieldKind.GRADES:
                items = {i.key: data.get(f"{name}__{i.key}") or "" for i in field.grades}
                values[urn] = {"text": "", "items": {k: v for k, v in items.items() if v}}
            elif field.kind == FieldKind.PRIORITIES:
                lines = [ln.strip(" -*\t") for ln in data.get(name, "").splitlines()]
                values[urn] = {"text": "", "items": {"priorities": [ln for ln in lines if ln]}}
            else:
                values[urn] = {"text": data.get(name, "").strip(), "items": {}}
        return values, locks

    def field_name_for(self, urn: str) -> str:
        return self.slugs[urn]


class DocumentForm(GovUKForm):
    title = "Upload a supporting document"
    submit_label = "Upload"

    document_title = forms.CharField(
        label="Title", max_length=200, error_messages={"required": "Enter the document's title"}
    )
    kind = forms.ChoiceField(
        label="What is it?",
        choices=DocumentKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what the document is"},
    )
    file = forms.FileField(
        label="The file",
        help_text="PDF, Word (DOCX) or OpenDocument text (ODT), smaller than {limit}.",
        error_messages={"required": "Choose the file to upload", "empty": DOCUMENT_EMPTY},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = self.fields["file"].help_text.format(
            limit=size_words(settings.UPLOAD_DOCUMENT_MAX_BYTES)
        )


class CitationForm(GovUKForm):
    title = "Cite evidence"
    submit_label = "Add the citation"

    kind = forms.ChoiceField(
        label="What does this statement rest on?",
        choices=CitationKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what kind of evidence it is"},
    )
    document = forms.ModelChoiceField(queryset=None, required=False, label="Document")
    location = forms.CharField(label="Page or section", max_length=100, required=False)
    indicator = forms.ModelChoiceField(queryset=None, required=False, label="Indicator")
    inspection = forms.CharField(
        label="Earlier inspection (report and date)", max_length=300, required=False
    )

    def __init__(self, *args, documents, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document"].queryset = documents
        self.fields["indicator"].queryset = indicators
        self.fields["document"].empty_label = "Choose a document"
        self.fields["indicator"].empty_label = "Choose an indicator"

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == CitationKind.DOCUMENT and not data.get("document"):
            self.add_error("document", "Choose the document, or upload it first")
        if kind == CitationKind.INDICATOR and not data.get("indicator"):
            self.add_error("indicator", "Choose the indicator from your council's profile")
        if kind == CitationKind.INSPECTION and not (data.get("inspection") or "").strip():
            self.add_error("inspection", "Enter the inspection's report and date")
        return data


class SubmitForm(GovUKForm):
    title = "Submit the self-assessment"
    submit_label = "Accept and submit"

    confirm = forms.BooleanField(
        label="I confirm the declaration above",
        error_messages={"required": "Confirm the declaration to submit the self-assessment"},
    )


class ReopenForm(GovUKForm):
    title = "Reopen the self-assessment"
    submit_label = "Reopen"

    reason = forms.CharField(
        label="Why does it need reopening?",
        help_text="The council sees this reason.",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter why the self-assessment is being reopened"},
    )


class ContributionForm(GovUKForm):
    title = "Add a partner's contribution"
    submit_label = "Add the contribution"

    organisation = forms.CharField(
        label="Partner organisation",
        max_length=200,
        error_messages={"required": "Enter the name of the partner organisation"},
    )
    text = forms.CharField(
        label="Their contribution",
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": "Enter the partner's contribution"},
    )


class SharingForm(GovUKForm):
    """Record that the self-assessment was made available to another inspection (000 §7)."""

    title = "Record that the self-assessment was shared with another inspection"
    submit_label = "Record it"

    inspection = forms.ChoiceField(
        label="Which inspection's team was it made available to?",
        choices=OtherInspection.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the inspection it was made available to"},
    )
    inspection_name = forms.CharField(
        label="Name of the other inspection",
        help_text="Only if it was another inspection.",
        max_length=200,
        required=False,
    )
    version = forms.ChoiceField(
        label="Which version was made available?",
        error_messages={"required": "Select the version that was made available"},
    )
    shared_on = DayField(
        label="When was it made available?",
        help_text="For example, 14 6 2007",
        what="The date it was made available",
        required_message="Enter the date it was made available",
    )
    note = forms.CharField(
        label="Cross-references (optional)",
        help_text=(
            "For example, the sections of the corporate assessment's self-assessment that refer "
            "to this one."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )

    def __init__(self, *args, versions, **kwargs):
        super().__init__(*args, **kwargs)
        self.versions = {str(v.number): v for v in versions}
        self.fields["version"].choices = [
            (str(v.number), f"Version {v.number} ({v.get_status_display().lower()})")
            for v in versions
        ]
        if versions:
            self.fields["version"].initial = str(versions[-1].number)

    def clean_version(self):
        return self.versions[self.cleaned_data["version"]]
