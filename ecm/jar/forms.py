"""Forms of the JAR pages (issue 9). They only collect; the services own the rules."""

from django import forms
from django.conf import settings

from ecm.accounts.inspectorates import inspectorate_named
from ecm.accounts.models import User
from ecm.authorities.models import Council
from ecm.authorities.selectors import councils_active_on
from ecm.core.forms import DayField, GovUKForm, list_upload_checked
from ecm.jar.models import ContactKind


def councils_of_the_programme():
    """The councils that existed during the JAR programme's years (issue 24 §3; 003: "Over
    the three years from September 2005"): a 2007 review is not offered a council made in
    2019. The service checks the council against the review's own dates."""
    return (
        councils_active_on(settings.JAR_PROGRAMME_STARTS)
        | councils_active_on(settings.JAR_PROGRAMME_ENDS)
    ).order_by("name")


class NotifyForm(GovUKForm):
    title = "Notify a council of its joint area review"
    submit_label = "Notify the council"

    council = forms.ModelChoiceField(
        queryset=Council.objects.none(),
        label="Council",
        empty_label="Choose the council",
        error_messages={"required": "Choose the council to review"},
    )
    notified_on = DayField(
        label="Notified on", what="The notification date", required_message="Enter the date"
    )
    setup_meeting = DayField(
        label="Set-up meeting", what="The set-up meeting", required_message="Enter the date"
    )
    analysis_starts = DayField(
        label="Analysis stage starts",
        help_text="Up to one week on site (the 2007 briefing on the APA and the JAR)",
        what="The analysis stage",
        required_message="Enter the date",
    )
    fieldwork_starts = DayField(
        label="Fieldwork week 1 starts",
        what="Fieldwork",
        required_message="Enter the date",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["council"].queryset = councils_of_the_programme()
        self.fields["council"].help_text = (
            "Councils with children's services in the programme's three years, "
            f"{settings.JAR_PROGRAMME_STARTS:%B %Y} to {settings.JAR_PROGRAMME_ENDS:%B %Y}"
        )


class InspectorChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        known = inspectorate_named(obj.inspectorate)
        return f"{obj.get_full_name() or obj.email} ({known.name if known else obj.inspectorate})"


class TeamMemberForm(GovUKForm):
    title = "Add an inspector to the team"
    submit_label = "Add to the team"

    user = InspectorChoice(
        queryset=User.objects.none(),
        label="Inspector",
        help_text="People whose account records their inspectorate or commission, and whose "
        "inspectorate existed for the whole review",
        empty_label="Choose the inspector",
        error_messages={"required": "Choose the inspector"},
    )
    is_lead = forms.BooleanField(label="The lead inspector (Ofsted)", required=False)

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = people


class LineForm(GovUKForm):
    title = "Add a line of enquiry"
    submit_label = "Add the line"

    title_text = forms.CharField(
        label="Line of enquiry",
        help_text="An area of weakness in the latest APA, or a group of children about whose "
        "outcomes too little is known (the 2007 briefing on the APA and the JAR)",
        error_messages={"required": "Enter the line of enquiry"},
    )
    reason = forms.CharField(
        label="Why this line",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say why this line is followed"},
    )


class CaseListForm(GovUKForm):
    title = "List the 100 case files"
    submit_label = "Send the list"

    file = forms.FileField(
        label="The list (CSV with the columns reference and category)",
        error_messages={"required": "Choose the CSV file of the 100 case files"},
    )

    def clean_file(self):
        """The bytes are read in chunks and refused once past the lists' limit (issue 21 §1);
        what the rows hold is read_case_list's."""
        return list_upload_checked(
            self.cleaned_data["file"], hint="100 references are far smaller."
        )


class SwapForm(GovUKForm):
    title = "Swap a tracked case"
    submit_label = "Swap the case"

    out_reference = forms.ChoiceField(label="The tracked case to take out")
    in_reference = forms.ChoiceField(label="The case to track instead (same category)")
    reason = forms.CharField(
        label="Why",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say why the case is swapped"},
    )

    def __init__(self, *args, tracked: list, untracked: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["out_reference"].choices = [(c.reference, str(c)) for c in tracked]
        self.fields["in_reference"].choices = [(c.reference, str(c)) for c in untracked]


class ContactForm(GovUKForm):
    title = "A parent, carer or child: leaflet and consent"
    submit_label = "Save"
    once = True

    kind = forms.ChoiceField(
        label="Who (their part, never their name)",
        choices=[],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose parent, carer or child"},
    )
    leaflet_sent_on = DayField(
        label="Information leaflet sent on", what="The date", required_message="", required=False
    )
    consent_sent_on = DayField(
        label="Consent form sent on", what="The date", required_message="", required=False
    )
    consent_returned_on = DayField(
        label="Consent form returned on", what="The date", required_message="", required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = ContactKind.choices


class QuestionnaireForm(GovUKForm):
    title = "Send a questionnaire"
    submit_label = "Record it as sent"
    once = True

    agency = forms.CharField(label="Agency", error_messages={"required": "Enter the agency"})
    lead_professional = forms.BooleanField(label="The lead professional", required=False)
    sent_on = DayField(label="Sent on", what="The date", required_message="Enter the date sent")
