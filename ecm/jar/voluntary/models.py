"""Models of the JAR's voluntary part (issue 9 §4; 001 "Voluntary sector stakeholder survey"):
the council's partners in order of significance, and the questionnaire each selected partner
answers through its own link. Only a hash of a link's token is stored."""

from django.conf import settings
from django.db import models

from ecm.jar.voluntary.partners import NAME_MAX, NATURE_LABELS


class PartnershipNature(models.TextChoices):
    SERVICE_LEVEL_AGREEMENT = "service_level_agreement", NATURE_LABELS["service_level_agreement"]
    SPOT_PURCHASE = "spot_purchase", NATURE_LABELS["spot_purchase"]
    CONTRACT = "contract", NATURE_LABELS["contract"]
    INFORMAL = "informal", NATURE_LABELS["informal"]


class VoluntaryPartner(models.Model):
    """A voluntary or community sector organisation the council works with, at its place in
    the council's order of significance (rank 1 is the most significant)."""

    review = models.ForeignKey(
        "jar.JointAreaReview", on_delete=models.CASCADE, related_name="voluntary_partners"
    )
    rank = models.PositiveSmallIntegerField()
    name = models.CharField("Name of the organisation", max_length=NAME_MAX)
    services = models.TextField("Services provided")
    nature = models.CharField(
        "Nature of the partnership", max_length=30, choices=PartnershipNature.choices
    )
    commissioning = models.TextField("Tendering and commissioning", blank=True)
    monitoring = models.TextField("Monitoring, reviewing and evaluation", blank=True)
    strategic_planning = models.TextField("Involvement in strategic planning", blank=True)
    lock_version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["review", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["review", "rank"], name="jar_partner_rank_unique"),
            models.UniqueConstraint(fields=["review", "name"], name="jar_partner_name_unique"),
            models.CheckConstraint(condition=models.Q(rank__gte=1), name="jar_partner_rank_min"),
            models.CheckConstraint(
                condition=models.Q(nature__in=list(NATURE_LABELS)), name="jar_partner_nature"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class PartnerQuestionnaire(models.Model):
    """The questionnaire sent to one selected partner. Its link's token is shown once to the
    inspector who sent it; only the token's SHA-256 is kept, so a copy of the database opens
    no questionnaire. A withdrawn link answers 404; sending again makes a new link."""

    partner = models.OneToOneField(
        VoluntaryPartner, on_delete=models.CASCADE, related_name="questionnaire"
    )
    version = models.CharField(max_length=20)
    token_hash = models.CharField(max_length=64, unique=True)
    sent_on = models.DateField()
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answers = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["partner__rank"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(answered_at__isnull=True) | models.Q(revoked_at__isnull=True),
                name="jar_questionnaire_answered_not_revoked",
            )
        ]

    def __str__(self) -> str:
        return f"Questionnaire to {self.partner.name}"

    @property
    def answered(self) -> bool:
        return self.answered_at is not None

    @property
    def active(self) -> bool:
        return self.revoked_at is None
