from django import forms
from django.contrib.auth.forms import AuthenticationForm

from ecm.accounts.roles import Role
from ecm.authorities.models import Council
from ecm.core.forms import GovUKForm, GovUKFormMixin

SIGN_IN_FAILED = (
    "Enter a correct email address and password. Both are case-sensitive only in the password."
)
SIGN_IN_INACTIVE = "This account has been closed. Ask your programme administrator to reopen it."


class SignInForm(GovUKFormMixin, AuthenticationForm):
    title = "Sign in to ECM Assess"
    submit_label = "Sign in"
    error_messages = {"invalid_login": SIGN_IN_FAILED, "inactive": SIGN_IN_INACTIVE}

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"] = forms.EmailField(
            label="Email address",
            widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
            error_messages={"required": "Enter your email address"},
        )
        self.fields["password"].error_messages["required"] = "Enter your password"
        self.fields["password"].widget.attrs["autocomplete"] = "current-password"
        self.helper.layout.fields[:] = ["username", "password", self.helper.layout.fields[-1]]


class PersonForm(GovUKForm):
    """Add a person (programme administrators)."""

    title = "Add a person"
    submit_label = "Add person"

    email = forms.EmailField(
        label="Email address", error_messages={"required": "Enter the person's email address"}
    )
    first_name = forms.CharField(
        label="First name", error_messages={"required": "Enter the person's first name"}
    )
    last_name = forms.CharField(
        label="Last name", error_messages={"required": "Enter the person's last name"}
    )
    job_title = forms.CharField(label="Job title", required=False)
    roles = forms.MultipleChoiceField(
        label="Roles",
        help_text="Council roles and inspectorate roles cannot be combined.",
        choices=Role.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one role"},
    )
    council = forms.ModelChoiceField(
        label="Council",
        help_text="Only for link officers and directors of children's services.",
        queryset=Council.objects.none(),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["council"].queryset = Council.objects.filter(abolished_on__isnull=True)


class PersonChangeForm(PersonForm):
    """Change a person's details, roles or council, or close the account; with a reason."""

    title = "Change a person's account"
    submit_label = "Save changes"

    is_active = forms.TypedChoiceField(
        label="Can this person sign in?",
        choices=[("yes", "Yes"), ("no", "No, the account is closed")],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label="Why are you making this change?",
        help_text="This is kept in the audit trail.",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter why you are making this change"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["email"]
        self.helper.layout.fields.remove("email")
