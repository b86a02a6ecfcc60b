"""Issue 9 §4: the council's voluntary and community sector partners and their questionnaires
(001 "Voluntary sector stakeholder survey"). Written by hand."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

NATURES = [
    ("service_level_agreement", "Service level agreement"),
    ("spot_purchase", "Spot purchase"),
    ("contract", "Contract"),
    ("informal", "Informal (non-funded)"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("jar", "0004_documents"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="VoluntaryPartner",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("rank", models.PositiveSmallIntegerField()),
                ("name", models.CharField(max_length=200, verbose_name="Name of the organisation")),
                ("services", models.TextField(verbose_name="Services provided")),
                (
                    "nature",
                    models.CharField(
                        choices=NATURES, max_length=30, verbose_name="Nature of the partnership"
                    ),
                ),
                (
                    "commissioning",
                    models.TextField(blank=True, verbose_name="Tendering and commissioning"),
                ),
                (
                    "monitoring",
                    models.TextField(
                        blank=True, verbose_name="Monitoring, reviewing and evaluation"
                    ),
                ),
                (
                    "strategic_planning",
                    models.TextField(blank=True, verbose_name="Involvement in strategic planning"),
                ),
                ("lock_version", models.PositiveIntegerField(default=1)),
                (
                    "review",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="voluntary_partners",
                        to="jar.jointareareview",
                    ),
                ),
            ],
            options={
                "ordering": ["review", "rank"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("review", "rank"), name="jar_partner_rank_unique"
                    ),
                    models.UniqueConstraint(
                        fields=("review", "name"), name="jar_partner_name_unique"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("rank__gte", 1)), name="jar_partner_rank_min"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("nature__in", [code for code, _ in NATURES])),
                        name="jar_partner_nature",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="PartnerQuestionnaire",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("version", models.CharField(max_length=20)),
                ("token_hash", models.CharField(max_length=64, unique=True)),
                ("sent_on", models.DateField()),
                ("revoked_at", models.DateTimeField(blank=True, null=True)),
                ("answered_at", models.DateTimeField(blank=True, null=True)),
                ("answers", models.JSONField(blank=True, default=dict)),
                (
                    "partner",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="questionnaire",
                        to="jar.voluntarypartner",
                    ),
                ),
                (
                    "sent_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["partner__rank"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("answered_at__isnull", True),
                            ("revoked_at__isnull", True),
                            _connector="OR",
                        ),
                        name="jar_questionnaire_answered_not_revoked",
                    )
                ],
            },
        ),
    ]
