"""Settings for ECM Assess, read from the environment with typed defaults.

Every setting a deployment may change is read here, once, by django-environ; the README lists
them. The defaults run the embedded SQLite database in demo mode on one machine; production sets
DATABASE_URL (PostgreSQL), SECRET_KEY, DEBUG=false, DEMO_MODE=false and ALLOWED_HOSTS.
"""

from datetime import date, timedelta
from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")  # optional; the environment wins over the file

DEBUG = env.bool("DEBUG", default=True)
# A fixed development key is only acceptable while DEBUG is on; check --deploy refuses it.
SECRET_KEY = env.str("SECRET_KEY", default="insecure-development-key-change-me-in-production")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# Demo mode lets the documented demo passwords sign in (ecm.accounts.backends). Off in production.
DEMO_MODE = env.bool("DEMO_MODE", default=DEBUG)

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'ecm.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(exist_ok=True)
    # WAL lets page reads continue while a write commits (several gunicorn workers on one file).
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault(
        "init_command", "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
    )
    DATABASES["default"]["OPTIONS"].setdefault("transaction_mode", "IMMEDIATE")
    # A setting of ours (issue 25 §6; decision 0053): how long a write waits for SQLite's one
    # write lock (an import holds it 20-45 s) before "database is locked"; under gunicorn's
    # 60 s timeout. Python's default, 5 s, failed every write made during an import.
    SQLITE_BUSY_TIMEOUT_SECONDS = env.int("SQLITE_BUSY_TIMEOUT_SECONDS", default=50)
    DATABASES["default"]["OPTIONS"].setdefault("timeout", SQLITE_BUSY_TIMEOUT_SECONDS)
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_forms_gds",
    "rules.apps.AutodiscoverRulesConfig",
    "django_q",
    "django_guid",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # Bottom layer: no app here imports from an app listed after it.
    "ecm.core",
    "ecm.audit",
    "ecm.workdays",
    "ecm.framework",
    "ecm.authorities",
    "ecm.accounts",
    # Chapters of the rulebook.
    "ecm.performance",
    "ecm.apa",
    "ecm.self_assessment",
    "ecm.analysis",
    "ecm.meetings",
    "ecm.letters",
    "ecm.representations",
    "ecm.programme",
    "ecm.surveys",
    "ecm.jar",
    "ecm.caa",
    "ecm.demo",
]

MIDDLEWARE = [
    # The request's id first (X-Request-ID, or a new one), on every log line and the response;
    # then the request's own log line, timing everything after it (decision 0052).
    "django_guid.middleware.guid_middleware",
    "ecm.core.request_log.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # The Content-Security-Policy (issue 21 §4; decision 0038), early so that it is on every
    # page, including those a later middleware answers itself (a refused sign-in, a CSRF page).
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Permissions-Policy, and no-store for a signed-in person (needs request.user; decision 0038).
    "ecm.core.middleware.SecurityHeadersMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "ecm.accounts.middleware.TwoFactorRequiredMiddleware",
    "ecm.accounts.middleware.SessionLastSeenMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a sign-in refused for a lock-out into its page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "ecm" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ecm.core.context_processors.service",
                "ecm.accounts.context_processors.navigation",
            ],
        },
    }
]

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out account or address before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "ecm.accounts.backends.DemoAwareModelBackend",
]
LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "apa:home"
LOGOUT_REDIRECT_URL = "accounts:sign-in"
# Sign-in defences (issue 21 §2; decision 0035), numbers of ours: after SIGN_IN_FAILURE_LIMIT
# wrong passwords for one email address, or from one address, within SIGN_IN_COOLOFF_MINUTES
# of each other, that account or address is refused for SIGN_IN_COOLOFF_MINUTES (or until a
# programme administrator lets them in again). Behind a reverse proxy, SIGN_IN_PROXY_COUNT
# says how many proxies add to X-Forwarded-For, so the client's own address is counted and
# not the proxy's; 0 (the default) counts REMOTE_ADDR.
SIGN_IN_FAILURE_LIMIT = env.int("SIGN_IN_FAILURE_LIMIT", default=5)
SIGN_IN_COOLOFF_MINUTES = env.int("SIGN_IN_COOLOFF_MINUTES", default=15)
SIGN_IN_PROXY_COUNT = env.int("SIGN_IN_PROXY_COUNT", default=0)
AXES_FAILURE_LIMIT = SIGN_IN_FAILURE_LIMIT
AXES_COOLOFF_TIME = timedelta(minutes=SIGN_IN_COOLOFF_MINUTES)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # either one locks: account OR address
AXES_USERNAME_CALLABLE = "ecm.accounts.lockouts.sign_in_name"
AXES_CLIENT_IP_CALLABLE = "ecm.accounts.lockouts.client_address"
AXES_LOCKOUT_CALLABLE = "ecm.accounts.views_lockouts.locked_out"
AXES_HTTP_RESPONSE_CODE = 429
# A success must not wipe the address's failures: an attacker would sign in to their own
# account between guesses at someone else's. The lock-out runs from the last counted failure.
AXES_RESET_ON_SUCCESS = False
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_DISABLE_ACCESS_LOG = True  # successful sign-ins are the sessions list's, not a second log
# Invitations and password resets (issue 21 §3; decision 0035), numbers of ours: an invitation's
# link works for INVITATION_DAYS; a reset link for PASSWORD_RESET_MINUTES. Each works once.
INVITATION_DAYS = env.int("INVITATION_DAYS", default=7)
PASSWORD_RESET_MINUTES = env.int("PASSWORD_RESET_MINUTES", default=60)
PASSWORD_RESET_TIMEOUT = PASSWORD_RESET_MINUTES * 60
# Two-factor sign-in (issue 21 §3; decision 0034). Inspectorate staff read every council's data,
# so they must set up an authenticator app before they can open anything; council users may.
TWO_FACTOR_REQUIRED_FOR_INSPECTORATE = env.bool(
    "TWO_FACTOR_REQUIRED_FOR_INSPECTORATE", default=True
)
# How long a person who gave the right password has to enter their code before starting again.
TWO_FACTOR_CODE_TIMEOUT_SECONDS = env.int("TWO_FACTOR_CODE_TIMEOUT_SECONDS", default=300)
OTP_TOTP_ISSUER = "ECM Assess"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"

# GOV.UK Frontend's compiled CSS asks for /assets/fonts and /assets/images, so static files are
# served under /assets/ and the package's assets folder is mounted at its root.
STATIC_URL = "/assets/"
STATIC_ROOT = env.path("STATIC_ROOT", default=str(VAR_DIR / "static"))
GOVUK_FRONTEND_DIST = BASE_DIR / "node_modules" / "govuk-frontend" / "dist" / "govuk"
STATICFILES_DIRS = [
    ("govuk", str(GOVUK_FRONTEND_DIST)),
    str(GOVUK_FRONTEND_DIST / "assets"),
]
# Uploaded files (issue 25 §5; decision 0052): in S3-compatible object storage when a bucket is
# named, so several web servers share one store; else on this machine's disk under MEDIA_ROOT.
# Either way they are private: every download goes through the app's permission checks
# (ecm.core.uploads.documents.stored_document_response reads the file and answers it), and no
# page links to the bucket. Keys may also come from boto3's own sources (an instance role).
S3_BUCKET = env.str("AWS_STORAGE_BUCKET_NAME", default="") or env.str("S3_BUCKET", default="")
if S3_BUCKET:
    _S3_KEYS = {
        option: value
        for option, value in (
            ("access_key", env.str("AWS_ACCESS_KEY_ID", default="")),
            ("secret_key", env.str("AWS_SECRET_ACCESS_KEY", default="")),
        )
        if value
    }
    S3_STORAGE_OPTIONS = {
        "bucket_name": S3_BUCKET,
        "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default="") or None,
        "region_name": env.str("AWS_S3_REGION_NAME", default="") or None,
        # "path" for MinIO and most S3-compatible servers; AWS itself takes either.
        "addressing_style": env.str("AWS_S3_ADDRESSING_STYLE", default="") or None,
        "location": env.str("AWS_LOCATION", default=""),
        "default_acl": "private",
        "querystring_auth": True,  # any URL made is signed and short-lived, never public
        "querystring_expire": 300,
        "file_overwrite": False,  # a name already taken gets a suffix, never replaces a file
        "signature_version": "s3v4",
        **_S3_KEYS,
    }
    _DEFAULT_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": S3_STORAGE_OPTIONS,
    }
else:
    _DEFAULT_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": _DEFAULT_STORAGE,
    "staticfiles": {
        "BACKEND": env.str(
            "STATICFILES_STORAGE",
            default="django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(VAR_DIR / "media"))
MEDIA_URL = "/media/"
# Uploaded documents are untrusted input (issue 21 §1; decision 0037): caps of ours on what one
# file may cost, checked while it is read, never after building the whole thing. Generous for
# any real evidence: a Children and Young People's Plan runs to tens of pages, not thousands.
UPLOAD_DOCUMENT_MAX_BYTES = env.int("UPLOAD_DOCUMENT_MAX_BYTES", default=10 * 1024 * 1024)
UPLOAD_MAX_UNPACKED_BYTES = env.int("UPLOAD_MAX_UNPACKED_BYTES", default=100 * 1024 * 1024)
UPLOAD_MAX_ZIP_ENTRIES = env.int("UPLOAD_MAX_ZIP_ENTRIES", default=2000)
UPLOAD_MAX_XML_DEPTH = env.int("UPLOAD_MAX_XML_DEPTH", default=100)
UPLOAD_MAX_XML_ELEMENTS = env.int("UPLOAD_MAX_XML_ELEMENTS", default=500_000)
UPLOAD_MAX_PAGES = env.int("UPLOAD_MAX_PAGES", default=2000)
UPLOAD_MAX_PDF_STREAM_BYTES = env.int("UPLOAD_MAX_PDF_STREAM_BYTES", default=50 * 1024 * 1024)
UPLOAD_MAX_PDF_OBJECTS = env.int("UPLOAD_MAX_PDF_OBJECTS", default=200_000)
UPLOAD_MAX_TEXT_CHARACTERS = env.int("UPLOAD_MAX_TEXT_CHARACTERS", default=20 * 1024 * 1024)
UPLOAD_MAX_ODT_SPACES = env.int("UPLOAD_MAX_ODT_SPACES", default=1000)
UPLOAD_MAX_NAME_CHARACTERS = env.int("UPLOAD_MAX_NAME_CHARACTERS", default=150)
# A document's text is read for search by a task, in a child process with these limits.
UPLOAD_TEXT_SECONDS = env.int("UPLOAD_TEXT_SECONDS", default=120)
UPLOAD_TEXT_MEMORY_BYTES = env.int("UPLOAD_TEXT_MEMORY_BYTES", default=1024 * 1024 * 1024)
# Files imported as rows are untrusted input too (issue 21 §1; decision 0039), checked while
# read by ecm.core.uploads.tables (whose DEFAULTS repeat these numbers for use without Django).
# Indicator data: LAIT's long file has 641,070 rows. Lists people type (the plan, 100
# case files, a council's voluntary partners): England has ~150 councils, and "a list of all"
# of one council's voluntary partners runs to hundreds, not tens of thousands.
IMPORT_DATA_MAX_BYTES = env.int("IMPORT_DATA_MAX_BYTES", default=200 * 1024 * 1024)
IMPORT_DATA_MAX_ROWS = env.int("IMPORT_DATA_MAX_ROWS", default=2_000_000)
IMPORT_LIST_MAX_BYTES = env.int("IMPORT_LIST_MAX_BYTES", default=2 * 1024 * 1024)
IMPORT_LIST_MAX_ROWS = env.int("IMPORT_LIST_MAX_ROWS", default=2000)
IMPORT_MAX_COLUMNS = env.int("IMPORT_MAX_COLUMNS", default=500)
IMPORT_MAX_CELL_CHARACTERS = env.int("IMPORT_MAX_CELL_CHARACTERS", default=32_767)  # Excel's
IMPORT_XLSX_MAX_ENTRIES = env.int("IMPORT_XLSX_MAX_ENTRIES", default=500)
IMPORT_XLSX_MAX_UNPACKED_BYTES = env.int(
    "IMPORT_XLSX_MAX_UNPACKED_BYTES", default=100 * 1024 * 1024
)

# Settings of ours, not rules of the seeds (issue 23 §2). The handbook (002) gives no number
# for these: each is the project's choice, changeable here, with the handbook's words beside it.
# 002 §A allocates six inspector days to each council ("3 days for analysis; 1 day for meeting
# the authority; 1 day for moderation activities; and 1 day for writing the feedback letter")
# and gives no margin: how many days either way still count as allocated.
INSPECTOR_DAYS_TOLERANCE = env.float("INSPECTOR_DAYS_TOLERANCE", default=0.25)
# 002 §G.iii: "The meeting should be attended by a small group". Above this many attendees the
# meeting page warns; it never refuses.
MEETING_SMALL_GROUP = env.int("MEETING_SMALL_GROUP", default=12)
# 002 §H: "It is intended that 50% of authorities will be subject to discussion on the
# moderation days" (the half is the handbook's). Which councils come first is ours (decision
# 0018): a proposed grade this many grades from last year's or from the council's own; figures
# for less than this share of the round's indicators; this many consistency warnings or more.
MODERATION_RISK_GRADES_APART = env.int("MODERATION_RISK_GRADES_APART", default=2)
MODERATION_RISK_WEAK_COVERAGE = env.float("MODERATION_RISK_WEAK_COVERAGE", default=0.6)
MODERATION_RISK_MANY_WARNINGS = env.int("MODERATION_RISK_MANY_WARNINGS", default=3)
# 002 §H: "Benchmarking by comparing trails of evidence and conclusions reached". How many
# councils most like each one the day shows, and how many indicators two councils must share
# to be compared, are ours.
MODERATION_BENCHMARK_NEAREST = env.int("MODERATION_BENCHMARK_NEAREST", default=3)
MODERATION_BENCHMARK_MIN_SHARED = env.int("MODERATION_BENCHMARK_MIN_SHARED", default=5)
# 002 §D, §E.iv: "If a key area is unsatisfactory this will have an impact on both the service
# and the overall judgement"; the notebook prompts when a key area graded 1 sits under a service
# or overall grade of this or more. 002 §E.v: emphasis on "the accuracy of the self-assessment";
# the notebook prompts when the council's own grade is this many grades from the judgement.
CONSISTENCY_UNSATISFACTORY_WEIGHS_FROM = env.int(
    "CONSISTENCY_UNSATISFACTORY_WEIGHS_FROM", default=3
)
CONSISTENCY_SELF_GRADE_APART = env.int("CONSISTENCY_SELF_GRADE_APART", default=2)
# 004: "A single report will be published that includes an overall score for each organisation
# alongside the area assessment": the 2009 briefing gives no scale. Ours: four scores, each with
# its words, highest first (the council's page shows the words, never the number).
CAA_ORGANISATIONAL_SCORES = {
    4: "Performs excellently",
    3: "Performs well",
    2: "Performs adequately",
    1: "Performs poorly",
}
# The letters, notebooks and evidence of a closed round are kept this long once archived. The
# handbook says only that the letter "will then be archived by Ofsted and stored by CSCI on
# PADI" (section I stage 3) and that the notebook "is required evidence for archiving and
# storage purposes" (section F): no period is given.
LETTERS_ARCHIVE_RETENTION_YEARS = env.int("LETTERS_ARCHIVE_RETENTION_YEARS", default=6)
# The periods an indicator import takes (issue 22 §3): the seeds give none. ECM data begin in
# 2005; DfE's series in LAIT and EES begin in 2013.
IMPORT_EARLIEST_YEAR = env.int("IMPORT_EARLIEST_YEAR", default=1990)
IMPORT_YEARS_AHEAD = env.int("IMPORT_YEARS_AHEAD", default=1)  # this year + 1: "2026-27"
# The annual questionnaires (issue 24 §3; the 2009 briefing: "An annual questionnaire for
# children and young people, social workers and the voluntary and community sector, to be
# introduced in 2009"). The briefing gives no rule for publishing their results: a count below
# this is not shown (nor a second one that would reveal it), so that no child can be
# identified; and a survey's results are not shown at all until this many have answered.
SURVEY_SMALL_NUMBERS = env.int("SURVEY_SMALL_NUMBERS", default=5)
# How many links one issue makes at most (printed for the council to hand out, or emailed).
SURVEY_LINKS_AT_ONCE = env.int("SURVEY_LINKS_AT_ONCE", default=500)
# The round's own dates where the 2007 briefing gives no day (the CYPP review "in June") are
# the cycle's settings, in ecm/apa/library/apa-cycle-briefing-2007.yaml, changeable per round.
# What is due after a JAR and from 2009 (issue 24 §3). 003: "the local authority is required to
# consult its partners and write an action plan": no period given.
JAR_ACTION_PLAN_WORKING_DAYS = env.int("JAR_ACTION_PLAN_WORKING_DAYS", default=40)
# 004: "Inspectors will report their findings by letter to the Director of Children's
# Services": no period given for the unannounced inspection's letter.
UNANNOUNCED_LETTER_WORKING_DAYS = env.int("UNANNOUNCED_LETTER_WORKING_DAYS", default=10)
# 004: "The first rating will be produced in autumn 2009": the month by whose last working day.
CAA_RATING_BY_MONTH = env.int("CAA_RATING_BY_MONTH", default=11)
# 004: "A single report will be published": no date given (month and day of the year).
CAA_AREA_PUBLISH_BY_MONTH = env.int("CAA_AREA_PUBLISH_BY_MONTH", default=12)
CAA_AREA_PUBLISH_BY_DAY = env.int("CAA_AREA_PUBLISH_BY_DAY", default=9)
# 004, the full inspection of safeguarding and looked after children: "When evaluating the
# overall effectiveness of services, including capacity to improve, recommendations for action
# will be included". Within how long each is to be done is ours, not 004's: a code (stored
# with the recommendation), then the words the form and the report show.
SAFEGUARDING_RECOMMENDATION_TIMESCALES = (
    ("immediately", "Immediately"),
    ("three_months", "Within three months"),
    ("six_months", "Within six months"),
)
# The joint area review's set-up (issue 24 §1-§2). The 2007 briefing on the APA and JAR (001):
# "excellent authorities only having one additional line of enquiry ..., good three and poor
# authorities having more". How many "more" is, 001 does not say: poor authorities are expected
# to have at least this many.
JAR_POOR_ADDITIONAL_LINES_AT_LEAST = env.int("JAR_POOR_ADDITIONAL_LINES_AT_LEAST", default=4)
# 001: "Additional inspectors will join the team to account for additional lines of enquiry":
# no numbers. The team the review page expects: this many (a lead from Ofsted, one from the
# Healthcare Commission, one from the Audit Commission), then this many more for each
# additional line.
JAR_TEAM_BASE = env.int("JAR_TEAM_BASE", default=3)
JAR_TEAM_PER_ADDITIONAL_LINE = env.int("JAR_TEAM_PER_ADDITIONAL_LINE", default=1)
# 001 appendix: "A dataset of available indicators will be sent shortly before the set-up
# meeting": this many working days before it.
JAR_DATASET_BEFORE_SETUP_WORKING_DAYS = env.int("JAR_DATASET_BEFORE_SETUP_WORKING_DAYS", default=5)
# 001 appendix: "Pre publication report sent ... Late Jan 2008" after a draft of 28 November
# 2007: no day. This many weeks after the draft gives 30 January, and its 10 working days'
# review period ends on 13 February ("Latest review date: Mid Feb 2008").
JAR_PREPUBLICATION_WEEKS_AFTER_DRAFT = env.int("JAR_PREPUBLICATION_WEEKS_AFTER_DRAFT", default=9)
# The inspection of children's services (003): "Over the three years from September 2005, all
# local authority services ... will be subject to a joint area review". The three years are
# taken to end on this day; an area with no review by then is overdue.
JAR_PROGRAMME_STARTS = date.fromisoformat(env.str("JAR_PROGRAMME_STARTS", default="2005-09-01"))
JAR_PROGRAMME_ENDS = date.fromisoformat(env.str("JAR_PROGRAMME_ENDS", default="2008-08-31"))
# 003 names "procedures for handling complaints about the inspection" and gives no timescales:
# a complaint is acknowledged within, and answered within, this many working days of its
# receipt.
JAR_COMPLAINT_ACKNOWLEDGE_WORKING_DAYS = env.int(
    "JAR_COMPLAINT_ACKNOWLEDGE_WORKING_DAYS", default=5
)
JAR_COMPLAINT_RESPONSE_WORKING_DAYS = env.int("JAR_COMPLAINT_RESPONSE_WORKING_DAYS", default=20)
# Readiness (issue 25 §5): "the task queue reachable" is the issue's; when a job waiting longer
# than this is reported "late" by /readyz is ours (the reminders run daily; a cluster polls
# every few seconds, so a quarter of an hour means it is not running).
READY_JOBS_LATE_SECONDS = env.int("READY_JOBS_LATE_SECONDS", default=15 * 60)
# Documents built off the request (issue 25 §3; decision 0051): the issue asks that no page
# waits more than 1 s. How long a download waits for a fresh build before it answers "being
# prepared", when a build still unfinished is made again, and how long an unused build is kept.
DOCUMENT_BUILD_WAIT_SECONDS = env.float("DOCUMENT_BUILD_WAIT_SECONDS", default=0.5)
DOCUMENT_BUILD_STALE_SECONDS = env.int("DOCUMENT_BUILD_STALE_SECONDS", default=15 * 60)
DOCUMENT_BUILDS_KEPT_DAYS = env.int("DOCUMENT_BUILDS_KEPT_DAYS", default=7)

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="ECM Assess <noreply@ecm-assess.invalid>"
)
# The site's own address, for links in the emails it sends (e.g. the agenda to the council).
# `make run PORT=8731` serves on that port, so emailed links follow PORT unless SITE_URL is set.
PORT = env.int("PORT", default=8000)
SITE_URL = env.str("SITE_URL", default=f"http://localhost:{PORT}").rstrip("/")

# Security: strict by default whenever DEBUG is off (manage.py check --deploy is clean).
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 60 * 60)  # one working day
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
# A load balancer's probe speaks plain HTTP to the server itself (ecm.core.health).
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env.bool("BEHIND_TLS_PROXY", default=False) else None
)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# A strict Content-Security-Policy (issue 21 §4; decision 0038): scripts, styles, fonts and
# images only from the site itself; the one inline script (base.html's js-enabled) carries the
# response's nonce; no inline style, no eval, no plugins, no framing, forms post only here.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}
# How many calendar addresses one person may have working at once (issue 21 §8): each is a key
# to their dates that never expires, so a handful (one per device or calendar program) is ours.
CALENDAR_FEEDS_PER_PERSON = env.int("CALENDAR_FEEDS_PER_PERSON", default=5)

# Logs (issue 25 §5; decision 0052): one JSON object a line on standard error when LOG_FORMAT
# is json (the default whenever DEBUG is off), plain text otherwise; both redacted of query
# strings and secret paths (ecm.core.logging_json). Each line of a request carries its id
# (django-guid: X-Request-ID from the proxy when it is a UUID, else a new one; the response
# returns it). Django's own loggers go through the same handler, not its unredacted console.
LOG_FORMAT = env.str("LOG_FORMAT", default="text" if DEBUG else "json")
LOG_LEVEL = env.str("LOG_LEVEL", default="INFO").upper()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {
            "()": "django_guid.log_filters.CorrelationId",
            "correlation_id_field": "request_id",
        },
    },
    "formatters": {
        "json": {"()": "ecm.core.logging_json.JsonFormatter"},
        "text": {
            "()": "ecm.core.logging_json.TextFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s",
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "json" if LOG_FORMAT == "json" else "text",
        },
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django": {"handlers": ["console"], "level": LOG_LEVEL, "propagate": False},
        "django.server": {"handlers": ["console"], "level": LOG_LEVEL, "propagate": False},
        # django-guid says at INFO that each request came without an id: not worth a line.
        "django_guid": {"level": "WARNING"},
        # WeasyPrint logs each step of each PDF at INFO (decision 0051: built by the jobs).
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
DJANGO_GUID = {
    "GUID_HEADER_NAME": "X-Request-ID",
    "VALIDATE_GUID": True,  # a header that is not a UUID is replaced: no text forged into logs
    "RETURN_HEADER": True,
    "EXPOSE_HEADER": False,  # no cross-origin script reads it
}

# Scheduled jobs (issue 8 §6; decision 0023): django-q2 keeps its queue and schedules in the
# project's own database, so the default set-up needs no other server; `manage.py qcluster`
# runs them (make run starts it). One worker on SQLite, which allows one writer at a time.
Q_CLUSTER = {
    "name": "ecm",
    "orm": "default",
    "workers": env.int(
        "TASK_WORKERS",
        default=1 if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3" else 2,
    ),
    "timeout": 600,
    "retry": 900,
    "max_attempts": 1,
    "catch_up": False,
    "save_limit": 250,
    # Seconds between looks at the queue: a PDF asked for waits for the next look (decision
    # 0051), and each look is one indexed query.
    "poll": env.float("TASK_QUEUE_POLL_SECONDS", default=1.0),
    "label": "Scheduled jobs",
}
# A setting of ours (issue 25; decision 0055): an import still "running" this long after it
# began was lost (its worker ended: a restart, or Q_CLUSTER's timeout below, which ends any task
# after 600 s). Its page then says so and that nothing was saved, instead of waiting for ever.
# Longer than the task queue's timeout, so that no import still at work is called lost.
IMPORT_LOST_SECONDS = env.int("IMPORT_LOST_SECONDS", default=15 * 60)
# A setting of ours (issue 25 §6; decision 0053): how much background work lowers its CPU
# priority (nice, 0-19; its session's too, ecm/core/background.py), so that on a machine that
# also serves the site pages get the cores first and a PDF or an import takes what is left.
# `manage.py serve` starts qcluster at it; 0 leaves the priority alone.
BACKGROUND_NICENESS = env.int("BACKGROUND_NICENESS", default=10)
# A setting of ours (decision 0055): niced background work that keeps the database server busy
# (an import on PostgreSQL) pauses after each write as long as the write took while, over the
# last ten seconds, something runnable waited for a core at least this percent of the time
# (Linux's /proc/pressure/cpu). Measured here: at most 6% during an import on a quiet machine.
BACKGROUND_YIELD_PRESSURE = env.float("BACKGROUND_YIELD_PRESSURE", default=10.0)
# ... and pauses this many times as long as the write took (ours; decision 0055's amendment:
# at 3 the pages' p95 under 100 users was 2.5-2.9x during a LAIT import, at 8 2.1x, at 12 1.2x).
BACKGROUND_YIELD_PAUSE = env.float("BACKGROUND_YIELD_PAUSE", default=10.0)
