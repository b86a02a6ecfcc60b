"""The area assessment, its flags and the organisational assessments (issue 10 §5; 004).
Written by hand: each part of the CAA writes its own migration in turn."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.models import Q

KINDS = [
    ("council", "The council"),
    ("pct", "Primary care trust"),
    ("police", "Police"),
    ("other", "Other partner"),
]


def _user(**kwargs):
    return models.ForeignKey(
        on_delete=django.db.models.deletion.PROTECT,
        related_name="+",
        to=settings.AUTH_USER_MODEL,
        **kwargs,
    )


def _id():
    return models.BigAutoField(
        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("caa", "0004_rating"),
        ("authorities", "0002_councilcode"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="AreaAssessment",
            fields=[
                ("id", _id()),
                ("year", models.PositiveSmallIntegerField()),
                ("priorities", models.TextField(blank=True)),
                ("delivery", models.TextField(blank=True)),
                (
                    "delivery_variation",
                    models.TextField(
                        blank=True,
                        help_text="Geographical variation and differences between groups (004)",
                    ),
                ),
                ("prospects", models.TextField(blank=True)),
                ("sustainability_notes", models.TextField(blank=True)),
                ("inequality_notes", models.TextField(blank=True)),
                ("vulnerable_notes", models.TextField(blank=True)),
                ("value_for_money_notes", models.TextField(blank=True)),
                (
                    "status",
                    models.CharField(
                        choices=[("drafted", "Drafted"), ("published", "Published")],
                        default="drafted",
                        max_length=12,
                    ),
                ),
                ("published_on", models.DateField(blank=True, null=True)),
                ("lock_version", models.PositiveIntegerField(default=0)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "council",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="area_assessments",
                        to="authorities.council",
                    ),
                ),
                ("published_by", _user(blank=True, null=True)),
            ],
            options={
                "ordering": ["council__name", "-year"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("council", "year"), name="caa_area_one_per_year"
                    ),
                    models.CheckConstraint(
                        condition=Q(year__gte=2009), name="caa_area_year_from_2009"
                    ),
                    models.CheckConstraint(
                        condition=(Q(status="published") & Q(published_on__isnull=False))
                        | (Q(status="drafted") & Q(published_on__isnull=True)),
                        name="caa_area_published_has_date",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="Flag",
            fields=[
                ("id", _id()),
                (
                    "colour",
                    models.CharField(
                        choices=[("red", "Red flag"), ("green", "Green flag")], max_length=5
                    ),
                ),
                ("question", models.CharField(blank=True, max_length=40)),
                ("theme", models.CharField(blank=True, max_length=40)),
                ("organisation_kind", models.CharField(choices=KINDS, max_length=10)),
                ("organisation_name", models.CharField(max_length=200)),
                ("reason", models.TextField()),
                ("raised_at", models.DateTimeField()),
                ("withdrawn_at", models.DateTimeField(blank=True, null=True)),
                ("withdrawal_reason", models.TextField(blank=True)),
                (
                    "area_assessment",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="flags",
                        to="caa.areaassessment",
                    ),
                ),
                ("raised_by", _user()),
                ("withdrawn_by", _user(blank=True, null=True)),
            ],
            options={
                "ordering": ["raised_at", "pk"],
                "constraints": [
                    models.CheckConstraint(
                        condition=~Q(question="") | ~Q(theme=""),
                        name="caa_flag_question_or_theme",
                    ),
                    models.CheckConstraint(condition=~Q(reason=""), name="caa_flag_has_reason"),
                    models.CheckConstraint(
                        condition=~Q(organisation_name=""), name="caa_flag_has_organisation"
                    ),
                    models.CheckConstraint(
                        condition=(Q(withdrawn_at__isnull=True) & Q(withdrawal_reason=""))
                        | (Q(withdrawn_at__isnull=False) & ~Q(withdrawal_reason="")),
                        name="caa_flag_withdrawal_has_reason",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="OrganisationalAssessment",
            fields=[
                ("id", _id()),
                ("year", models.PositiveSmallIntegerField()),
                ("organisation_kind", models.CharField(choices=KINDS, max_length=10)),
                ("organisation_name", models.CharField(max_length=200)),
                ("narrative", models.TextField(blank=True)),
                ("lock_version", models.PositiveIntegerField(default=0)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "area",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="organisational_assessments",
                        to="authorities.council",
                    ),
                ),
                (
                    "council",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="own_organisational_assessments",
                        to="authorities.council",
                    ),
                ),
            ],
            options={
                "ordering": ["area__name", "-year", "organisation_kind", "organisation_name"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("area", "year", "organisation_kind", "organisation_name"),
                        name="caa_organisational_one_per_organisation",
                    ),
                    models.UniqueConstraint(
                        condition=Q(organisation_kind="council"),
                        fields=("area", "year"),
                        name="caa_organisational_one_council",
                    ),
                    models.CheckConstraint(
                        condition=(Q(organisation_kind="council") & Q(council__isnull=False))
                        | (~Q(organisation_kind="council") & Q(council__isnull=True)),
                        name="caa_organisational_council_when_council",
                    ),
                    models.CheckConstraint(
                        condition=~Q(organisation_name=""), name="caa_organisational_has_name"
                    ),
                ],
            },
        ),
    ]
