"""Forms of the JAR's voluntary part (issue 9 §4). Fields and words only: the services own the
rules."""

from crispy_forms_gds.layout import Button, Fieldset, Layout
from django import forms

from ecm.core.forms import GovUKForm, list_upload_checked
from ecm.jar.voluntary.models import PartnershipNature
from ecm.jar.voluntary.partners import NAME_MAX, NO_NAME, NO_SERVICES
from ecm.jar.voluntary.questionnaire import Survey

CHOOSE_NATURE = "Choose the nature of the partnership"


class PartnerForm(GovUKForm):
    title = "Add a voluntary or community sector partner"
    submit_label = "Save the partner"

    name = forms.CharField(
        label="Name of the organisation",
        help_text="The organisation, not a person: for example Riverside Young Carers",
        max_length=NAME_MAX,
        error_messages={"required": NO_NAME},
    )
    services = forms.CharField(
        label="Services provided",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": NO_SERVICES},
    )
    nature = forms.ChoiceField(
        label="Nature of the partnership",
        choices=PartnershipNature.choices,
        widget=forms.RadioSelect,
        error_messages={"required": CHOOSE_NATURE},
    )
    commissioning = forms.CharField(
        label="How it was tendered or commissioned (optional)",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    monitoring = forms.CharField(
        label="How it is monitored, reviewed and evaluated (optional)",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    strategic_planning = forms.CharField(
        label="How it is involved in strategic planning (optional)",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, title: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if title:
            self.title = title


class PartnerListForm(GovUKForm):
    title = "Upload the list of voluntary and community partners"
    submit_label = "Upload the list"

    file = forms.FileField(
        label="The list (CSV, the most significant partner first)",
        error_messages={"required": "Choose the CSV file of the partners"},
    )

    def clean_file(self):
        """The bytes are read in chunks and refused once past the lists' limit (issue 21 §1);
        what the rows hold is read_partner_list's."""
        return list_upload_checked(self.cleaned_data["file"])


class SendForm(GovUKForm):
    title = "Send the questionnaire to selected partners"
    submit_label = "Send and show the links"
    once = True

    partners = forms.MultipleChoiceField(
        label="Partners to send the questionnaire to",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one partner to send the questionnaire to"},
    )

    def __init__(self, *args, partners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partners"].choices = [(str(p.pk), f"{p.rank}. {p.name}") for p in partners]


class AnswerForm(GovUKForm):
    """The questionnaire: a fieldset for each of 001's headings, a box for each question."""

    submit_label = "Continue"
    label_size = "m"

    def __init__(self, *args, survey: Survey, **kwargs):
        super().__init__(*args, **kwargs)
        blocks = []
        for section in survey.sections:
            for question in section.questions:
                what = question.text[:1].lower() + question.text[1:]
                self.fields[question.code] = forms.CharField(
                    label=question.text,
                    help_text=question.hint,
                    widget=forms.Textarea(attrs={"rows": 6}),
                    error_messages={"required": f"Enter your answer about {what}"},
                    max_length=5000,
                )
            codes = [q.code for q in section.questions]
            if len(codes) == 1:  # one question: its label is the heading (GOV.UK pattern)
                blocks.append(codes[0])
            else:
                blocks.append(Fieldset(*codes, legend=section.heading, legend_size="m"))
        self.helper.layout = Layout(*blocks, Button("submit", self.submit_label))

    def relayout(self) -> None:
        pass
