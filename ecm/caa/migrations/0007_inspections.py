# Issue 24 §1 and §3, the 2009 inspections (004): the days actually on site of the unannounced
# and the full inspections (a Friday and a Monday are two days), each team member's
# inspectorate as their account gave it, and the full inspection's evidence records that its
# judgements cite. Written by hand from `makemigrations caa --dry-run -v 3`.
from datetime import timedelta

import django.core.serializers.json
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def _every_day(first, last):
    return [(first + timedelta(days=n)).isoformat() for n in range((last - first).days + 1)]


def days_and_inspectorates(apps, schema_editor):
    """Inspections recorded before the days were: on site on every day from the first to the
    last, as they were counted; the lead's and team's inspectorates from their accounts now."""
    unannounced = apps.get_model("caa", "UnannouncedInspection")
    for row in unannounced.objects.select_related("lead_inspector"):
        row.site_days = _every_day(row.first_day, row.last_day)
        row.lead_inspectorate = row.lead_inspector.inspectorate or ""
        row.save(update_fields=["site_days", "lead_inspectorate"])
    full = apps.get_model("caa", "FullInspection")
    for row in full.objects.select_related("lead_inspector").prefetch_related("team"):
        row.site_days = _every_day(row.first_day_on_site, row.last_day_on_site)
        people = [row.lead_inspector, *row.team.all()]
        row.team_inspectorates = {str(p.pk): p.inspectorate for p in people if p.inspectorate}
        row.save(update_fields=["site_days", "team_inspectorates"])


class Migration(migrations.Migration):
    dependencies = [
        ("caa", "0006_surveys_rating"),
        ("accounts", "0003_inspectorate"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="fullinspection",
            name="site_days",
            field=models.JSONField(
                default=list, encoder=django.core.serializers.json.DjangoJSONEncoder
            ),
        ),
        migrations.AddField(
            model_name="fullinspection",
            name="team_inspectorates",
            field=models.JSONField(blank=True, default=dict),
        ),
        migrations.AddField(
            model_name="unannouncedinspection",
            name="lead_inspectorate",
            field=models.CharField(blank=True, default="", max_length=30),
        ),
        migrations.AddField(
            model_name="unannouncedinspection",
            name="site_days",
            field=models.JSONField(
                default=list, encoder=django.core.serializers.json.DjangoJSONEncoder
            ),
        ),
        migrations.CreateModel(
            name="EvidenceRecord",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("kind", models.CharField(max_length=30)),
                ("practice_points", models.JSONField(blank=True, default=list)),
                ("views_of", models.CharField(blank=True, max_length=30)),
                ("summary", models.TextField()),
                ("reference", models.CharField(blank=True, max_length=200)),
                (
                    "survey",
                    models.PositiveIntegerField(
                        blank=True,
                        help_text="The questionnaire year cited (ecm.surveys' SurveyYear)",
                        null=True,
                    ),
                ),
                ("recorded_at", models.DateTimeField()),
                (
                    "inspection",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="evidence",
                        to="caa.fullinspection",
                    ),
                ),
                (
                    "recorded_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["inspection", "pk"],
            },
        ),
        migrations.AddField(
            model_name="inspectionjudgement",
            name="evidence",
            field=models.ManyToManyField(
                blank=True, related_name="judgements", to="caa.evidencerecord"
            ),
        ),
        migrations.AddConstraint(
            model_name="evidencerecord",
            constraint=models.CheckConstraint(
                condition=models.Q(("summary", ""), _negated=True), name="caa_sg_evidence_summary"
            ),
        ),
        migrations.AddConstraint(
            model_name="evidencerecord",
            constraint=models.CheckConstraint(
                condition=models.Q(("kind", ""), _negated=True), name="caa_sg_evidence_kind"
            ),
        ),
        migrations.RunPython(days_and_inspectorates, migrations.RunPython.noop),
    ]
