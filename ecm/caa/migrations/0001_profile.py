import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

OUTCOMES = [
    ("being_healthy", "Being healthy"),
    ("staying_safe", "Staying safe"),
    ("enjoying_achieving", "Enjoying and achieving"),
    ("positive_contribution", "Making a positive contribution"),
    ("economic_wellbeing", "Achieving economic well-being"),
]
JUDGEMENTS = [
    ("better", "Better than England"),
    ("similar", "Similar to England"),
    ("worse", "Worse than England"),
    ("no_data", "No judgement"),
]


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("authorities", "0002_councilcode"),
        ("framework", "0001_initial"),
        ("performance", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations: list = [
        # Issue 10 §1: the performance profile, kept quarter by quarter.
        migrations.CreateModel(
            name="ProfileQuarter",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("quarter", models.CharField(help_text='For example "2009-Q2".', max_length=7)),
                ("refreshed_at", models.DateTimeField()),
                (
                    "library",
                    models.CharField(
                        help_text="The profile file's URN and version the quarter was made to.",
                        max_length=100,
                    ),
                ),
                (
                    "council",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="profile_quarters",
                        to="authorities.council",
                    ),
                ),
                (
                    "refreshed_by",
                    models.ForeignKey(
                        blank=True,
                        help_text="Empty when the system refreshed it.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["council", "-quarter"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("council", "quarter"), name="caa_profile_one_quarter"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("quarter__regex", "^\\d{4}-Q[1-4]$")),
                        name="caa_profile_quarter_label",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="ProfileEntry",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("ni", models.PositiveSmallIntegerField(verbose_name="NI number")),
                ("title", models.CharField(max_length=300)),
                ("outcome", models.CharField(choices=OUTCOMES, max_length=30)),
                (
                    "indicator_code",
                    models.CharField(
                        blank=True,
                        help_text="The ecm.performance indicator; empty: no data yet.",
                        max_length=80,
                    ),
                ),
                ("period", models.CharField(blank=True, max_length=40)),
                ("value", models.FloatField(blank=True, null=True)),
                ("england", models.FloatField(blank=True, null=True)),
                ("region", models.FloatField(blank=True, null=True)),
                ("neighbours_mean", models.FloatField(blank=True, null=True)),
                ("polarity", models.CharField(blank=True, max_length=4)),
                ("value_type", models.CharField(blank=True, max_length=10)),
                ("decimal_places", models.PositiveSmallIntegerField(default=1)),
                ("judgement", models.CharField(choices=JUDGEMENTS, max_length=8)),
                (
                    "quarter",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="entries",
                        to="caa.profilequarter",
                    ),
                ),
            ],
            options={
                "ordering": ["quarter", "ni"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("quarter", "ni"), name="caa_profile_entry_one_ni"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("judgement__in", ["better", "similar", "worse", "no_data"])
                        ),
                        name="caa_profile_entry_judgement",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("decimal_places__lte", 6)),
                        name="caa_profile_entry_decimal_places",
                    ),
                ],
            },
        ),
    ]
