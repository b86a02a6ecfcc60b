from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.contrib.auth.password_validation import password_validators_help_texts

from ecm.accounts.inspectorates import inspectorate_choices
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

    inspectorate = forms.ChoiceField(
        label="Inspectorate",
        help_text="Only for inspectorate staff: the inspectorate or commission they work for.",
        choices=[("", "None"), *inspectorate_choices()],
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


class UnlockForm(GovUKForm):
    """Let a locked-out person sign in again before the lock-out ends (issue 21 §2)."""

    title = "Let them sign in again"
    submit_label = "Let them sign in again"

    reason = forms.CharField(
        label="Why are you letting them sign in again?",
        help_text="For example, they rang to say they had forgotten their password. "
        "This is kept in the audit trail.",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter why you are letting them sign in again"},
    )


class AddressUnlockForm(GovUKForm):
    """Let a locked-out network address sign in again before the lock-out ends (issue 21 §2).
    The address comes from the People page's list of lock-outs."""

    title = "Let this address sign in again"
    submit_label = "Let this address sign in again"

    address = forms.CharField(
        widget=forms.HiddenInput,
        max_length=45,  # the longest written IPv6 address
        error_messages={"required": "Choose the address from the list of lock-outs on People"},
    )
    reason = forms.CharField(
        label="Why are you letting this address sign in again?",
        help_text="For example, staff in one office share this address and mistyped their "
        "passwords. This is kept in the audit trail.",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter why you are letting this address sign in again"},
    )


class InvitationSendForm(GovUKForm):
    """One button: send the invitation again (a fresh link; issue 21 §3). Posted twice, it
    sends once (ecm.core.once)."""

    submit_label = "Send the invitation again"
    once = True


PASSWORDS_DIFFER = "Enter the same password in both boxes"


class SetYourPasswordForm(GovUKFormMixin, SetPasswordForm):
    """Choose a password, twice, checked by the project's password rules
    (AUTH_PASSWORD_VALIDATORS): from an invitation or a password reset."""

    title = "Set your password"
    submit_label = "Set your password"
    error_messages = {"password_mismatch": PASSWORDS_DIFFER}

    def __init__(self, user, *args, **kwargs):
        super().__init__(user, *args, **kwargs)
        first, second = self.fields["new_password1"], self.fields["new_password2"]
        first.label, second.label = "New password", "Confirm new password"
        first.error_messages["required"] = "Enter a new password"
        second.error_messages["required"] = "Enter your new password again"
        second.help_text = "Enter the same password as above."
        # Django's help is an HTML list; a GOV.UK hint is plain sentences (the same rules).
        first.help_text = " ".join(password_validators_help_texts())


class PasswordResetRequestForm(GovUKFormMixin, PasswordResetForm):
    """Ask for a link to reset a forgotten password. Demo accounts and closed accounts get no
    email (Django already skips closed accounts and those without a usable password)."""

    title = "Reset your password"
    submit_label = "Send me a link"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = "Email address"
        self.fields["email"].help_text = "The email address you sign in with."
        self.fields["email"].error_messages["required"] = "Enter your email address"
        self.fields["email"].error_messages["invalid"] = (
            "Enter an email address in the correct format, like name@example.org"
        )

    def get_users(self, email):
        return (user for user in super().get_users(email) if not user.is_demo)
