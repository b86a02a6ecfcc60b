import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

SECTIONS = [("safeguarding", "Safeguarding"), ("lac", "Services for looked after children")]


class Migration(migrations.Migration):
    dependencies = [
        ("caa", "0002_unannounced"),
        ("authorities", "0002_councilcode"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="FullInspection",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("framework_version", models.CharField(default="2009", max_length=10)),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("notified", "Notified"),
                            ("on_site", "On site"),
                            ("judged", "Judged"),
                            ("published", "Report published"),
                        ],
                        default="notified",
                        max_length=10,
                    ),
                ),
                ("notified_on", models.DateField()),
                ("first_day_on_site", models.DateField()),
                ("last_day_on_site", models.DateField()),
                ("visit_recorded", models.BooleanField(default=False)),
                ("documents_requested", models.JSONField(default=list)),
                ("documents_due_on", models.DateField()),
                ("safeguarding_findings", models.TextField(blank=True)),
                ("lac_findings", models.TextField(blank=True)),
                ("published_on", models.DateField(blank=True, null=True)),
                ("late_reason", models.TextField(blank=True)),
                ("lock_version", models.PositiveIntegerField(default=0)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "council",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="safeguarding_inspections",
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
                    "notified_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "published_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "team",
                    models.ManyToManyField(
                        blank=True, related_name="+", to=settings.AUTH_USER_MODEL
                    ),
                ),
            ],
            options={"ordering": ["council__name", "-first_day_on_site"]},
        ),
        migrations.CreateModel(
            name="InspectionJudgement",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("section", models.CharField(choices=SECTIONS, max_length=12)),
                ("code", models.CharField(max_length=40)),
                ("grade", models.PositiveSmallIntegerField()),
                ("rationale", models.TextField()),
                ("judged_at", models.DateTimeField()),
                (
                    "inspection",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="judgements",
                        to="caa.fullinspection",
                    ),
                ),
                (
                    "judged_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={"ordering": ["inspection", "section", "pk"]},
        ),
        migrations.CreateModel(
            name="Recommendation",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("section", models.CharField(choices=SECTIONS, max_length=12)),
                ("text", models.TextField()),
                ("timescale", models.CharField(max_length=20)),
                ("added_at", models.DateTimeField()),
                (
                    "added_by",
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
                        related_name="recommendations",
                        to="caa.fullinspection",
                    ),
                ),
            ],
            options={"ordering": ["inspection", "section", "pk"]},
        ),
        migrations.AddConstraint(
            model_name="fullinspection",
            constraint=models.CheckConstraint(
                condition=models.Q(("last_day_on_site__gte", models.F("first_day_on_site"))),
                name="caa_sg_on_site_in_order",
            ),
        ),
        migrations.AddConstraint(
            model_name="fullinspection",
            constraint=models.CheckConstraint(
                condition=models.Q(("first_day_on_site__gt", models.F("notified_on"))),
                name="caa_sg_on_site_after_notice",
            ),
        ),
        migrations.AddConstraint(
            model_name="fullinspection",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("status", "published"), ("published_on__isnull", False)),
                    models.Q(
                        models.Q(("status", "published"), _negated=True),
                        ("published_on__isnull", True),
                    ),
                    _connector="OR",
                ),
                name="caa_sg_published_has_date",
            ),
        ),
        migrations.AddConstraint(
            model_name="inspectionjudgement",
            constraint=models.UniqueConstraint(
                fields=("inspection", "section", "code"), name="caa_sg_judgement_once"
            ),
        ),
        migrations.AddConstraint(
            model_name="inspectionjudgement",
            constraint=models.CheckConstraint(
                condition=models.Q(("grade__gte", 1), ("grade__lte", 4)),
                name="caa_sg_judgement_on_scale",
            ),
        ),
        migrations.AddConstraint(
            model_name="inspectionjudgement",
            constraint=models.CheckConstraint(
                condition=models.Q(("rationale", ""), _negated=True),
                name="caa_sg_judgement_rationale",
            ),
        ),
        migrations.AddConstraint(
            model_name="recommendation",
            constraint=models.CheckConstraint(
                condition=models.Q(("text", ""), _negated=True),
                name="caa_sg_recommendation_text",
            ),
        ),
    ]
