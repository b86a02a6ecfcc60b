"""Forms of the council pages."""

from django import forms

from ecm.authorities.selectors import region_list

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
