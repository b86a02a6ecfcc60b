"""Response headers the browser enforces (issue 21 §4; decision 0038).

The Content-Security-Policy itself is django-csp's (`csp.middleware.CSPMiddleware`, its policy
in `config.settings.CONTENT_SECURITY_POLICY`); this middleware adds the rest:

- **Permissions-Policy** on every response it sees: the site uses none of the browser's
  powerful features, so each is switched off, and a script that got in could not ask for the
  camera, the microphone, the person's location or a payment.
- **Cache-Control: no-store, private** on every response to a signed-in person: their pages,
  and the PDFs, Word documents and spreadsheets of a council's data they download, hold what
  only they may read, so neither the browser's back-forward cache on a shared office computer
  nor a proxy on the way keeps a copy. An anonymous person's pages (sign-in, the accessibility
  statement) hold nothing private and may be cached as Django leaves them. Static files are
  answered by WhiteNoise before this middleware runs, so they keep their long cache lifetimes.
"""

from django.utils.cache import add_never_cache_headers

# Each feature the browser offers a page, turned off: `()` is "no origin, not even this one".
# Only names Chromium recognises: an unknown one is an error in its console, which fails the
# browser tests (tests/browser/conftest.py). Left on: fullscreen, clipboard-write and
# publickey-credentials-*, which a later page may use (copying an address, a security key).
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "clipboard-read",
        "display-capture",
        "encrypted-media",
        "gamepad",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "local-fonts",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "picture-in-picture",
        "screen-wake-lock",
        "serial",
        "usb",
        "window-management",
        "xr-spatial-tracking",
    )
)


class SecurityHeadersMiddleware:
    """Permissions-Policy on every response; no-store on every response to a signed-in
    person. Sits after AuthenticationMiddleware, which gives it `request.user`."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            # no-cache, no-store, must-revalidate, private and max-age=0, whatever the view set.
            add_never_cache_headers(response)
        return response
