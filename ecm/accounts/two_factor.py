"""Two-factor sign-in: an authenticator app (TOTP) and recovery codes (issue 21 §3; decision 0034).

django-otp keeps the devices: a `TOTPDevice` (the app's secret) and a `StaticDevice` whose tokens
are the recovery codes, each removed as it is used. A device is "confirmed" once its person has
entered a code from it; until then it signs nobody in. Every turn on, turn off, new set of
recovery codes and reset is in the audit trail, without any secret or code.

A wrong code counts against the device (django-otp's throttling: after n wrong codes in a row
the next try must wait 2^(n-1) seconds), and that count must be kept even though the code was
wrong, so codes are checked in a transaction of their own, before a service's writes.

Turning it on also takes the person's current password (`password_confirm`): whoever holds a
hijacked session of someone without two-factor could otherwise turn it on with their own phone
and lock the owner out until an administrator resets it. Turning it off and new recovery codes
already take a code, which such a person does not have.
"""

from base64 import b32encode
from math import ceil

from django.conf import settings
from django.contrib.auth import authenticate
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from ecm.accounts.models import User
from ecm.accounts.sessions import sessions_end_all
from ecm.audit.services import audit_record
from ecm.core.access import NotYourRole

RECOVERY_CODE_COUNT = 10  # issue 21 §3 asks for recovery codes; ten is the common number
APP_DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"

CODE_REQUIRED = "Enter the 6-digit code from your authenticator app"
CODE_WRONG = (
    "The code is not right: enter the 6-digit code your authenticator app shows now, "
    "or one of your recovery codes"
)
SET_UP_CODE_WRONG = (
    "The code is not right: enter the 6-digit code your authenticator app shows now for "
    "ECM Assess (check the secret was typed in full)"
)
# Messages, not passwords (S105 reads any name with "password" in it as one).
PASSWORD_REQUIRED = "Enter your password"  # noqa: S105
PASSWORD_WRONG = "The password is not right: enter the password you sign in to ECM Assess with"  # noqa: S105
TOO_MANY_TRIES = (
    "You have entered too many wrong codes. Wait {seconds} seconds, then enter the code your "
    "authenticator app shows at that time"
)
ALREADY_ON = "Two-factor sign-in is already on for your account"
NOT_ON = "Two-factor sign-in is not on for your account: set it up first"
INSPECTORATE_KEEPS_IT = (
    "Inspectorate staff cannot turn off two-factor sign-in: you read every council's data. "
    "If you have lost your phone, ask a programme administrator to reset it"
)
NOT_FOR_DEMO = (
    "Demo accounts cannot use two-factor sign-in: everyone shares their password, so a code "
    "would lock the others out"
)
REASON_REQUIRED = "Enter why you are resetting two-factor sign-in: it is kept in the audit trail"
NOTHING_TO_RESET = "This person has not set up two-factor sign-in: there is nothing to reset"


def is_exempt(user: User) -> bool:
    """Decision 0034: demo accounts in demo mode, whose password the README publishes, so that
    the demo stays usable. Production runs with DEMO_MODE off, where no demo account signs in."""
    return bool(user.is_demo and settings.DEMO_MODE)


def is_required(user: User) -> bool:
    """Issue 21 §3: required for inspectorate roles (they read every council's data) when
    TWO_FACTOR_REQUIRED_FOR_INSPECTORATE is on, optional for council users."""
    return bool(
        settings.TWO_FACTOR_REQUIRED_FOR_INSPECTORATE
        and user.is_inspectorate
        and not is_exempt(user)
    )


def may_turn_off(user: User) -> bool:
    """Issue 21 §3: council users may turn it off; inspectorate staff may not (only a
    programme administrator's reset takes it away, for a lost phone)."""
    return not user.is_inspectorate


def app_device(user: User) -> TOTPDevice | None:
    """The person's confirmed authenticator app, if two-factor sign-in is on."""
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def is_on(user: User) -> bool:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).exists()


def recovery_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def secret_for_typing(device: TOTPDevice) -> str:
    """The secret as an app asks for it when typed in (base32), in groups of four to read."""
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_svg(device: TOTPDevice) -> str:
    """The app's set-up link as a QR code in inline SVG (no image file, no Pillow), with a
    text alternative: the page gives the secret as text too, for those who cannot scan."""
    # qrcode (and lxml, which it uses when installed) only when a code is drawn: the URLconf
    # imports this module, and django.setup() stays without them (issue 25 §2).
    import qrcode  # noqa: PLC0415 - see above
    import qrcode.image.svg  # noqa: PLC0415 - the same
    from qrcode.compat.etree import ET  # noqa: PLC0415 - lxml when installed, as qrcode uses

    image = qrcode.make(
        device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=4
    )
    root = image.get_image()
    root.set("width", "200")
    root.set("height", "200")
    root.set("role", "img")
    root.set("aria-label", "QR code to set up ECM Assess in your authenticator app")
    root.set("focusable", "false")
    root.set("class", "ecm-qr-code")
    # A white ground, so the code scans on a dark screen or print too.
    namespace = ET.QName(root.tag).namespace
    background = ET.Element(
        f"{{{namespace}}}rect" if namespace else "rect",
        {"width": "100%", "height": "100%", "fill": "#ffffff"},
    )
    root.insert(0, background)
    return ET.tostring(root, encoding="unicode")


# Set in the session of a person with two-factor on who was signed in without a code (a
# password reset that signs in, say): the middleware asks for the code before anything else.
CODE_OWED_KEY = "ecm_two_factor_code_owed"


# The anonymous session's note of a person who gave the right password and owes a code
# (ecm.accounts.views_two_factor).
PENDING_KEY = "ecm_two_factor_pending"


def code_owed_on_sign_in(sender, request, user, **kwargs) -> None:
    """`user_logged_in`: whoever signs in by any way, with two-factor on, owes a code until
    django_otp.login records the device that gave it (the sign-in code step does both). A code
    step left half done (someone else signed in on this browser instead) is forgotten."""
    session = getattr(request, "session", None)
    if session is None:
        return
    session.pop(PENDING_KEY, None)
    if is_on(user):
        session[CODE_OWED_KEY] = True


def two_factor_begin(*, user: User) -> TOTPDevice:
    """The unconfirmed app device the set-up page shows (the same one on every visit, so a
    reload does not change the secret the person may already have typed). It signs nobody in
    until a code from it is entered, so nothing is audited yet."""
    if is_exempt(user):
        raise NotYourRole(NOT_FOR_DEMO)
    if is_on(user):
        raise ValidationError(ALREADY_ON)
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)
    return device


def _normalised(code: str) -> str:
    return "".join(code.split()).replace("-", "").lower()


def _verify(device: Device, token: str) -> bool:
    """Check one code against one device, in its own transaction so that a wrong code's count
    is kept (see the module docstring); refused while the device is throttled."""
    with transaction.atomic():
        device = type(device).objects.select_for_update().get(pk=device.pk)
        allowed, detail = device.verify_is_allowed()
        if not allowed:
            wait = (detail or {}).get("locked_until")
            seconds = ceil((wait - timezone.now()).total_seconds()) if wait else 1
            raise ValidationError({"code": TOO_MANY_TRIES.format(seconds=max(seconds, 1))})
        return device.verify_token(token)


def code_check(*, user: User, code: str, recovery_allowed: bool = True) -> Device:
    """The device that accepts this code: the app for six digits, otherwise the recovery codes
    (a recovery code is used up by this). ValidationError when no device accepts it."""
    code = _normalised(code)
    if not code:
        raise ValidationError({"code": CODE_REQUIRED})
    if code.isdigit() and len(code) == 6:
        device = app_device(user)
    elif recovery_allowed:
        device = StaticDevice.objects.devices_for_user(user, confirmed=True).first()
    else:
        device = None
    if device is not None and _verify(device, code):
        return device
    raise ValidationError({"code": CODE_WRONG})


def password_confirm(*, request: HttpRequest, user: User, password: str) -> None:
    """The person's current password, checked as the sign-in page checks it: through
    `authenticate` with the request, so that django-axes counts a wrong one as a failed sign-in
    (the same limit and lock-out, decision 0035) and refuses even the right one while the
    account or the address is locked out (its middleware then answers with the lock-out page).
    ValidationError on the `password` field otherwise."""
    if not password:
        raise ValidationError({"password": PASSWORD_REQUIRED})
    confirmed = authenticate(request=request, username=user.email, password=password)
    if confirmed is None or confirmed.pk != user.pk:
        raise ValidationError({"password": PASSWORD_WRONG})


def _new_recovery_codes(user: User) -> list[str]:
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=c) for c in codes])
    return codes


def two_factor_turn_on(
    *,
    actor: User,
    password: str,
    code: str,
    request: HttpRequest,
    current_session_key: str | None,
) -> tuple[TOTPDevice, list[str]]:
    """Confirm the app with a code it shows, and make the recovery codes, which the caller
    shows once and which are never shown again (issue 21 §3). The person's current password
    comes first (see the module docstring; `request` is for django-axes, which counts a wrong
    one), and a wrong password leaves the code unchecked, so it costs the device no try. The
    person's other browsers are signed out: they signed in without a code, and must now sign
    in with one."""
    if is_exempt(actor):
        raise NotYourRole(NOT_FOR_DEMO)
    device = TOTPDevice.objects.devices_for_user(actor, confirmed=False).first()
    if is_on(actor) or device is None:
        raise ValidationError(ALREADY_ON if is_on(actor) else NOT_ON)
    password_confirm(request=request, user=actor, password=password)
    code = _normalised(code)
    if not code:
        raise ValidationError({"code": CODE_REQUIRED})
    if not _verify(device, code):
        raise ValidationError({"code": SET_UP_CODE_WRONG})
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        if device.confirmed:  # a double click: the first request made the codes
            raise ValidationError(ALREADY_ON)
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = _new_recovery_codes(actor)
        signed_out = sessions_end_all(user=actor, except_key=current_session_key)
        audit_record(
            actor=actor,
            verb="two_factor.turned_on",
            target=actor,
            after={
                "two_factor": "on",
                "recovery_codes": len(codes),
                "other_browsers_signed_out": signed_out,
            },
        )
    return device, codes


def recovery_codes_renew(*, actor: User, code: str) -> list[str]:
    """New recovery codes in place of the old ones (lost, or mostly used), after a code from
    the app: whoever holds only the signed-in browser cannot take them."""
    if not is_on(actor):
        raise ValidationError(NOT_ON)
    code_check(user=actor, code=code, recovery_allowed=False)
    with transaction.atomic():
        left = recovery_codes_left(actor)
        codes = _new_recovery_codes(actor)
        audit_record(
            actor=actor,
            verb="two_factor.recovery_codes_renewed",
            target=actor,
            before={"recovery_codes": left},
            after={"recovery_codes": len(codes)},
        )
    return codes


def two_factor_turn_off(*, actor: User, code: str) -> None:
    """A council user turns two-factor sign-in off, with a code (issue 21 §3: optional for
    council users); inspectorate staff cannot."""
    if not may_turn_off(actor):
        raise NotYourRole(INSPECTORATE_KEEPS_IT)
    if not is_on(actor):
        raise ValidationError(NOT_ON)
    code_check(user=actor, code=code)
    with transaction.atomic():
        left = recovery_codes_left(actor)
        TOTPDevice.objects.filter(user=actor).delete()
        StaticDevice.objects.filter(user=actor).delete()
        audit_record(
            actor=actor,
            verb="two_factor.turned_off",
            target=actor,
            before={"two_factor": "on", "recovery_codes": left},
            after={"two_factor": "off"},
        )


@transaction.atomic
def two_factor_reset(*, actor: User, person: User, reason: str) -> int:
    """A programme administrator takes away a person's app and recovery codes (a lost phone),
    with a reason, and signs them out everywhere: whoever has the phone may have the password
    too. They set two-factor up again at their next sign-in. Returns how many browsers were
    signed out. The page checks `accounts.manage_people`."""
    if not reason.strip():
        raise ValidationError({"reason": REASON_REQUIRED})
    if not TOTPDevice.objects.filter(user=person).exists():
        raise ValidationError(NOTHING_TO_RESET)
    was_on = is_on(person)
    TOTPDevice.objects.filter(user=person).delete()
    StaticDevice.objects.filter(user=person).delete()
    signed_out = sessions_end_all(user=person)
    audit_record(
        actor=actor,
        verb="two_factor.reset",
        target=person,
        before={"two_factor": "on" if was_on else "being set up"},
        after={"two_factor": "off", "browsers_signed_out": signed_out},
        reason=reason.strip(),
    )
    return signed_out
