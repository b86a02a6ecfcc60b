"""Forms of the annual questionnaires (issue 24 §3). They collect; the services rule."""

from django import forms

from ecm.core.forms import GovUKForm
from ecm.surveys.messages import NOT_AN_OPTION
from ecm.surveys.questionnaires import Questionnaire


class OpenForm(GovUKForm):
    title = "Open the annual questionnaires"
    submit_label = "Open the questionnaires chosen"

    def __init__(self, *args, choices: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["questionnaires"] = forms.MultipleChoiceField(
            label="Which questionnaires",
            choices=choices,
            widget=forms.CheckboxSelectMultiple,
            error_messages={"required": "Choose at least one questionnaire to open"},
        )
        self.relayout()


class IssueForm(GovUKForm):
    title = "Issue private links"
    submit_label = "Issue the links"
    once = True

    def __init__(self, *args, children: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["count"] = forms.IntegerField(
            label="How many links to print for the council to hand out",
            min_value=0,
            required=False,
            help_text="Each link works once and names nobody. The list is shown once, to print.",
        )
        if not children:
            self.fields["emails"] = forms.CharField(
                label="Or send each person a link by email",
                required=False,
                widget=forms.Textarea(attrs={"rows": 5}),
                help_text="One email address a line. Each address is used to send its link "
                "and is not kept.",
            )
        self.relayout()

    def emails(self) -> list[str]:
        return (self.cleaned_data.get("emails") or "").splitlines()


class CloseForm(GovUKForm):
    title = "Close the survey"
    submit_label = "Close the survey"
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class AnswerForm(GovUKForm):
    """One fieldset of radios a question, none required (anyone may leave a question out)."""

    submit_label = "Send your answers"
    label_size = "m"

    def __init__(self, *args, questionnaire: Questionnaire, **kwargs):
        super().__init__(*args, **kwargs)
        for question in questionnaire.questions:
            self.fields[question.code] = forms.ChoiceField(
                label=question.text,
                choices=[(o.code, o.label) for o in question.options],
                widget=forms.RadioSelect,
                required=False,
                error_messages={"invalid_choice": NOT_AN_OPTION.format(text=question.text)},
            )
        self.relayout()
