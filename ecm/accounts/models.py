"""People who use ECM Assess and the roles they hold (DOMAIN.md §1)."""

from functools import cached_property

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models.functions import Lower

from ecm.accounts.inspectorates import inspectorate_choices
from ecm.accounts.roles import COUNCIL, INSPECTORATE, Role


class PersonManager(UserManager):
    """Users sign in with their email address; there is no separate user name."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        email = self.normalize_email(email).lower()
        user = self.model(email=email, **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    username = None
    email = models.EmailField("email address", unique=True)
    job_title = models.CharField(max_length=200, blank=True)
    council = models.ForeignKey(
        "authorities.Council",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        help_text="Council users belong to one council; inspectorate staff to none.",
    )
    # Which inspectorate or commission an inspectorate-side person works for (issue 24 §2-3:
    # 003's teams from at least four of them; 004's Ofsted and CQC teams). Blank for council
    # users and for people whose inspectorate is not recorded.
    inspectorate = models.CharField(
        max_length=30, blank=True, choices=inspectorate_choices(), default=""
    )
    is_demo = models.BooleanField(
        default=False,
        help_text="A demo account: signs in with the documented demo password in demo mode only.",
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []
    objects = PersonManager()

    class Meta:
        ordering = ["last_name", "first_name", "email"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique"),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    @cached_property
    def roles(self) -> frozenset[str]:
        """The user's roles, read once per request (predicates ask often)."""
        if not self.pk:
            return frozenset()
        if "role_grants" in getattr(self, "_prefetched_objects_cache", {}):
            return frozenset(grant.role for grant in self.role_grants.all())
        return frozenset(self.role_grants.values_list("role", flat=True))

    @property
    def role_names(self) -> list[str]:
        return [Role(r).label for r in sorted(self.roles)]

    @property
    def is_council_user(self) -> bool:
        return bool(self.roles & COUNCIL.roles)

    @property
    def is_inspectorate(self) -> bool:
        return bool(self.roles & INSPECTORATE.roles)


class RoleGrant(models.Model):
    """One role held by one person. A person may hold several (an HMI may also moderate)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_grants")
    role = models.CharField(max_length=32, choices=Role.choices)
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["role"]
        constraints = [
            models.UniqueConstraint(fields=["user", "role"], name="accounts_rolegrant_unique"),
            models.CheckConstraint(
                condition=models.Q(role__in=Role.values), name="accounts_rolegrant_known_role"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()}"


class SignedInSession(models.Model):
    """One browser a person is signed in on, so that they can see where and sign the others
    out (issue 21 §3). Written when they sign in and removed when they sign out; the session
    itself stays in Django's session store, found again by its key."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="signed_in_sessions")
    # The key of the session store's record; never shown on a page or written to the audit.
    session_key = models.CharField(max_length=40, unique=True)
    signed_in_at = models.DateTimeField()
    last_seen_at = models.DateTimeField()
    user_agent = models.CharField(max_length=200, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["-last_seen_at"]

    def __str__(self) -> str:
        return f"{self.user} signed in at {self.signed_in_at:%Y-%m-%d %H:%M}"
