"""Forms of the JAR's documents part (issue 9 §3): each declares its fields; the services own
the rules and the page template shows the GOV.UK error summary."""

from django import forms

from ecm.core.forms import GovUKForm

UPLOAD_HINT = "A PDF, Word (DOCX) or OpenDocument text (ODT) file, smaller than {limit}."


class UploadForm(GovUKForm):
    title = "Upload the document"
    submit_label = "Upload"

    file = forms.FileField(
        label="The file",
        error_messages={
            "required": "Select a file to upload",
            "empty": "The selected file is empty",
        },
    )
    note = forms.CharField(
        label="Note for the inspectors (optional)",
        help_text="For example, which part of the document answers the request.",
        required=False,
        max_length=300,
        error_messages={"max_length": "The note must be 300 characters or fewer"},
    )

    def __init__(self, *args, limit: str = "10MB", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = UPLOAD_HINT.format(limit=limit)


class NotHeldForm(GovUKForm):
    title = "Say the document is not held locally"
    submit_label = "Save"

    reason = forms.CharField(
        label="Why is it not held locally?",
        help_text="The inspectors see this reason beside the document on the checklist.",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": "Say why the document is not held locally, for example that the area "
            "has no such plan"
        },
    )


class ExtraDocumentForm(GovUKForm):
    title = "Ask the council for another document"
    submit_label = "Add to the documents requested"

    name = forms.CharField(
        label="Name of the document",
        max_length=300,
        error_messages={
            "required": "Enter the name of the document you are asking the council for",
            "max_length": "The name must be 300 characters or fewer",
        },
    )
    hint = forms.CharField(label="What you need from it (optional)", max_length=300, required=False)


class AcceptForm(GovUKForm):
    title = "Accept the document"
    submit_label = "Accept"
