import datetime

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

OUTCOMES = [
    ("no_concerns", "No concerns"),
    ("some_concerns", "Some concerns"),
    ("serious_concerns", "Serious concerns"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("authorities", "0002_councilcode"),
        ("caa", "0001_profile"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="UnannouncedInspection",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("version", models.CharField(default="2009", max_length=10)),
                (
                    "inspection_year",
                    models.PositiveSmallIntegerField(
                        help_text="The April the inspection year starts in, from the first day "
                        "on site"
                    ),
                ),
                ("first_day", models.DateField()),
                ("last_day", models.DateField()),
                (
                    "exceptional",
                    models.BooleanField(
                        default=False,
                        help_text="On site for longer than usual, in exceptional circumstances",
                    ),
                ),
                ("exceptional_reason", models.TextField(blank=True)),
                (
                    "centres_count",
                    models.PositiveSmallIntegerField(
                        help_text="The council's contact, referral and assessment centres"
                    ),
                ),
                (
                    "centres_visited",
                    models.JSONField(default=list, help_text="The names of the centres visited"),
                ),
                (
                    "case_files",
                    models.PositiveIntegerField(default=0, help_text="Case files scrutinised"),
                ),
                (
                    "staff_spoken",
                    models.PositiveIntegerField(
                        default=0, help_text="Staff and managers spoken to"
                    ),
                ),
                ("outcome", models.CharField(blank=True, choices=OUTCOMES, max_length=20)),
                ("director_name", models.CharField(blank=True, max_length=200)),
                ("lead_member_name", models.CharField(blank=True, max_length=200)),
                ("lscb_chair_name", models.CharField(blank=True, max_length=200)),
                ("chief_executive_name", models.CharField(blank=True, max_length=200)),
                ("letter_body", models.TextField(blank=True)),
                (
                    "status",
                    models.CharField(
                        choices=[("draft", "Draft"), ("sent", "Letter sent")],
                        default="draft",
                        max_length=8,
                    ),
                ),
                ("sent_on", models.DateField(blank=True, null=True)),
                ("lock_version", models.PositiveIntegerField(default=0)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "council",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="unannounced_inspections",
                        to="authorities.council",
                    ),
                ),
                (
                    "lead_inspector",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "sent_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["council__name", "-first_day"],
            },
        ),
        migrations.CreateModel(
            name="AspectEvaluation",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("aspect", models.CharField(max_length=40)),
                ("finding", models.TextField(blank=True)),
                ("evaluated_at", models.DateTimeField()),
                (
                    "evaluated_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "inspection",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="evaluations",
                        to="caa.unannouncedinspection",
                    ),
                ),
            ],
            options={
                "ordering": ["inspection", "pk"],
            },
        ),
        migrations.AddConstraint(
            model_name="unannouncedinspection",
            constraint=models.UniqueConstraint(
                fields=("council", "inspection_year"), name="caa_unannounced_one_per_year"
            ),
        ),
        migrations.AddConstraint(
            model_name="unannouncedinspection",
            constraint=models.CheckConstraint(
                condition=models.Q(("first_day__gte", datetime.date(2009, 4, 1))),
                name="caa_unannounced_from_april_2009",
            ),
        ),
        migrations.AddConstraint(
            model_name="unannouncedinspection",
            constraint=models.CheckConstraint(
                condition=models.Q(("inspection_year__gte", 2009)),
                name="caa_unannounced_year_from_2009",
            ),
        ),
        migrations.AddConstraint(
            model_name="unannouncedinspection",
            constraint=models.CheckConstraint(
                condition=models.Q(("last_day__gte", models.F("first_day"))),
                name="caa_unannounced_days_in_order",
            ),
        ),
        migrations.AddConstraint(
            model_name="unannouncedinspection",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(
                        ("exceptional", True), models.Q(("exceptional_reason", ""), _negated=True)
                    ),
                    models.Q(("exceptional", False), ("exceptional_reason", "")),
                    _connector="OR",
                ),
                name="caa_unannounced_exceptional_has_reason",
            ),
        ),
        migrations.AddConstraint(
            model_name="unannouncedinspection",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("outcome", ""),
                    ("outcome__in", ["no_concerns", "some_concerns", "serious_concerns"]),
                    _connector="OR",
                ),
                name="caa_unannounced_known_outcome",
            ),
        ),
        migrations.AddConstraint(
            model_name="unannouncedinspection",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(
                        ("status", "sent"),
                        ("sent_on__isnull", False),
                        models.Q(("outcome", ""), _negated=True),
                    ),
                    models.Q(("status", "draft"), ("sent_on__isnull", True)),
                    _connector="OR",
                ),
                name="caa_unannounced_sent_has_date_and_outcome",
            ),
        ),
        migrations.AddConstraint(
            model_name="aspectevaluation",
            constraint=models.UniqueConstraint(
                fields=("inspection", "aspect"), name="caa_unannounced_one_evaluation_per_aspect"
            ),
        ),
    ]
