"""Forms of the council pages."""

from django import forms

from ecm.authorities.models import StatisticalNeighbourModel
from ecm.authorities.selectors import region_list
from ecm.authorities.services import NO_REASON
from ecm.core.forms import GovUKForm, list_upload_checked
from ecm.core.uploads import tables

ALL_REGIONS = "All regions"
UNKNOWN_REGION = "Select a region from the list"


class CouncilFilterForm(forms.Form):
    """The list's filter: a GET form, so it works without JavaScript and its URL can be shared.
    The template renders it with GOV.UK markup (one select and a button)."""

    region = forms.ModelChoiceField(
        queryset=region_list(),
        to_field_name="ons_code",
        required=False,
        empty_label=ALL_REGIONS,
        error_messages={"invalid_choice": UNKNOWN_REGION},
    )


NO_FILE = "Choose the DfE statistical neighbour file (.xlsx or .csv)"
NO_MODEL = "Choose the model every council's comparisons should use"


class NeighbourUploadForm(GovUKForm):
    """A DfE statistical neighbour file through the site, as `manage.py import_neighbours`
    takes it (issue 22 §5). The file's size is checked here, as it arrives; its kind, rows and
    cells are the reader's (imports.neighbour_files), the same for the command and the site."""

    title = "Upload a DfE statistical neighbour file"
    submit_label = "Upload the file"

    file = forms.FileField(
        label="The DfE file",
        help_text="The workbook as DfE publishes it (sheet 'LA SN Groups', such as "
        "sn_may_2025.xlsx) or a CSV in the groups or the wide layout (sn_model_2025_wide.csv).",
        error_messages={"required": NO_FILE, "empty": tables.EMPTY},
    )
    model_code = forms.CharField(
        label="Model code (optional)",
        help_text="Leave it empty to take it from the file name: sn_may_2025.xlsx is dfe-2025. "
        "Uploading a model's code again replaces its neighbours.",
        required=False,
        max_length=40,
    )
    title_text = forms.CharField(
        label="Title (optional)",
        help_text="Shown on council pages and profiles. Leave it empty for DfE's usual title, "
        "such as 'DfE statistical neighbours, May 2025'.",
        required=False,
        max_length=200,
    )
    use = forms.BooleanField(
        label="Use this model for every council's comparisons",
        help_text="The comparisons with statistical neighbours are made again with it.",
        required=False,
        initial=True,
    )

    def clean_file(self):
        """The bytes are read in chunks and refused once past the lists' limit (issue 21 §1)."""
        return list_upload_checked(self.cleaned_data["file"])


class NeighbourChoiceForm(GovUKForm):
    """Which model every council's comparisons use, and why (decision 0040)."""

    title = "Choose the statistical neighbour model in use"
    submit_label = "Use this model"

    model = forms.ModelChoiceField(
        label="Model",
        queryset=StatisticalNeighbourModel.objects.none(),
        to_field_name="code",
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": NO_MODEL, "invalid_choice": NO_MODEL},
    )
    reason = forms.CharField(
        label="Why should the comparisons use this model?",
        help_text="This is kept in the audit trail. For example, DfE published its 2025 model.",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": NO_REASON},
    )

    def __init__(self, *args, models, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["model"]
        field.queryset = models
        field.label_from_instance = _model_label


def _model_label(model: StatisticalNeighbourModel) -> str:
    label = f"{model.title} ({model.code})"
    if model.is_invented:
        label += ": invented for the demo"
    return label
