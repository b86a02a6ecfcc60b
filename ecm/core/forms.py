"""The one form base of ECM Assess (DESIGN.md example 6).

Every form inherits GovUKForm (or GovUKModelForm): it carries the crispy-forms-gds helper that
renders GOV.UK fields, and the page template `core/form_page.html` renders the error summary,
the title and the buttons. A form only declares its fields, its title and its button text.
"""

from datetime import date
from uuid import uuid4

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Layout
from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect

from ecm.core.once import ONCE_FIELD, AlreadyDone
from ecm.core.uploads import tables

NOT_A_REAL_DATE = "{what} must be a real date, for example 17 7 2007"
YEAR_IN_FULL = "Enter the year in full, for example 2007"


class GovUKFormMixin:
    title: str = ""
    submit_label: str = "Continue"
    label_size: str = "s"
    # A form that sends or adds something carries a fresh token, so that posting it again
    # (Back and submit, a double click) does it once (ecm.core.once; issue 20 §4).
    once: bool = False
    already_done: AlreadyDone | None = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.once:
            self.fields[ONCE_FIELD] = forms.UUIDField(
                widget=forms.HiddenInput, required=False, initial=uuid4
            )
        self.helper = FormHelper()
        self.helper.form_tag = False  # the page template owns <form> and the CSRF token,
        self.helper.disable_csrf = True  # so crispy must not render a second token
        self.helper.label_size = self.label_size
        self.relayout()

    def relayout(self) -> None:
        """Lay the fields out again, after a subclass added or removed some."""
        self.helper.layout = Layout(*self.fields.keys(), Button("submit", self.submit_label))


class GovUKForm(GovUKFormMixin, forms.Form):
    pass


class GovUKModelForm(GovUKFormMixin, forms.ModelForm):
    pass


class DayField(DateInputField):
    """The GOV.UK date input (day, month and year boxes), with messages that say what to do."""

    def __init__(self, *, what: str, required_message: str, **kwargs):
        super().__init__(require_all_fields=False, **kwargs)
        self.what = what
        self.error_messages = {**self.error_messages, "required": required_message}

    def compress(self, data_list):
        day, month, year = data_list
        if not (day and month and year):
            return None
        if len(str(year)) != 4:
            raise ValidationError(YEAR_IN_FULL)
        try:
            return date(int(year), int(month), int(day))
        except ValueError as error:
            raise ValidationError(NOT_A_REAL_DATE.format(what=self.what)) from error


def add_service_errors(form: forms.Form, error) -> None:
    """Show a service's ValidationError on the form: on its field where the form has one,
    otherwise at the top of the error summary. Services own the rules; forms only show them."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


def posted(request):
    """The data to bind a form to: the POST on a POST, even with no fields (a confirmation page
    is one button), else None (an unbound form)."""
    return request.POST if request.method == "POST" else None


def once_token(form):
    """The token a `once` form was posted with (None when the page had none)."""
    return form.cleaned_data.get(ONCE_FIELD) if hasattr(form, "cleaned_data") else None


def call_service(form, service, **kwargs):
    """Call a service: what it returns (True when it returns nothing), or None when it refused,
    with the refusal on the form for the GOV.UK error summary. Services own the rules. When it
    was already done (ecm.core.once), None with the answer kept on `form.already_done`, which
    the page shows as a success banner, not as an error."""
    try:
        done = service(**kwargs)
    except AlreadyDone as already:
        form.already_done = already
        return None
    except ValidationError as error:
        add_service_errors(form, error)
        return None
    return True if done is None else done


def already_done_redirect(request, form, url: str):
    """After `call_service`: when the send or add was already done (a resubmitted or
    concurrent form, issue 20 §4), the page a success leads to, with what was done, when and by
    whom as a success banner; None otherwise."""
    if form.already_done is None:
        return None
    messages.success(request, form.already_done.messages[0])
    return redirect(url)


def list_upload_checked(upload, *, hint: str = ""):
    """A list's upload (the plan, case files, partners, neighbour files) read in chunks and
    refused once past the lists' byte limit (issue 21 §1), as a field error; what its rows hold
    is the reader's to say. `hint` says how to make the file smaller."""
    try:
        tables.upload_bytes(upload, limits=tables.table_limits(tables.LIST), hint=hint)
    except tables.TableRefused as refused:
        raise ValidationError(str(refused)) from None
    return upload
