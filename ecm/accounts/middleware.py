"""Two-factor enforcement and the "last seen" of a signed-in browser (issue 21 §3).

Both run after django-otp's OTPMiddleware, which gives `request.user.is_verified()`: true when
this session was signed in with a code (or verified one afterwards).
"""

from django.conf import settings
from django.shortcuts import redirect

from ecm.accounts import two_factor
from ecm.accounts.sessions import session_seen

# What a signed-in person who still owes a code may open: the pages that let them give one,
# signing out and the accessibility statement (static files never reach this middleware).
OPEN_WITHOUT_A_CODE = frozenset(
    {
        "accounts:two-factor-set-up",
        "accounts:sign-in-code",
        "accounts:sign-out",
        "accounts:accessibility",
        "accounts:sign-in",
    }
)


def owes_a_code(request) -> bool:
    """A signed-in person whose session was not verified with a code, and who either must use
    two-factor sign-in (inspectorate, decision 0034) or has it on and was signed in some other
    way than the code step (`two_factor.code_owed_on_sign_in`). Turning it on signs the
    person's other browsers out, so no older session escapes this."""
    user = request.user
    if not user.is_authenticated or user.is_verified():
        return False
    return bool(request.session.get(two_factor.CODE_OWED_KEY) or two_factor.is_required(user))


class TwoFactorRequiredMiddleware:
    """Sends a person who owes a code to give it, or to set up two-factor sign-in when they
    must and have not; they can open nothing else."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is not None and match.view_name in OPEN_WITHOUT_A_CODE:
            return None
        if request.path.startswith(settings.STATIC_URL):
            return None
        if not owes_a_code(request):
            return None
        if two_factor.is_on(request.user):
            return redirect("accounts:sign-in-code")
        return redirect("accounts:two-factor-set-up")


class SessionLastSeenMiddleware:
    """Keeps "last seen" on the list of where a person is signed in (at most once a minute)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            session_seen(request)
        return self.get_response(request)
