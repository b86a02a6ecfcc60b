# Issue 24 §1-§2 (the review's set-up): where each line of enquiry came from, and the
# complaints about a review and its quality assurance (003).
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def core_lines_say_so(apps, schema_editor):
    """The core lines already made were made by the notification, for every review."""
    apps.get_model("jar", "LineOfEnquiry").objects.filter(kind="core").update(origin="core")


class Migration(migrations.Migration):
    dependencies = [
        ("jar", "0006_youth_inspection"),
        ("analysis", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="lineofenquiry",
            name="apa_entry",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="analysis.entry",
            ),
        ),
        migrations.AddField(
            model_name="lineofenquiry",
            name="hypothesis",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="analysis.hypothesis",
            ),
        ),
        migrations.AddField(
            model_name="lineofenquiry",
            name="origin",
            field=models.CharField(
                choices=[
                    ("core", "Every review (the 2007 briefing on the APA and JAR)"),
                    ("apa_weakness", "An area of weakness in the most recent APA"),
                    ("hypothesis", "A hypothesis of the APA notebook marked for JAR fieldwork"),
                    ("team", "The team's own"),
                ],
                default="team",
                max_length=20,
            ),
        ),
        migrations.RunPython(core_lines_say_so, migrations.RunPython.noop),
        migrations.CreateModel(
            name="Complaint",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("complainant", models.CharField(max_length=200)),
                ("about", models.TextField()),
                ("received_on", models.DateField()),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("received", "Received"),
                            ("acknowledged", "Acknowledged"),
                            ("investigated", "Investigated"),
                            ("upheld", "Upheld"),
                            ("partly_upheld", "Partly upheld"),
                            ("not_upheld", "Not upheld"),
                        ],
                        default="received",
                        max_length=20,
                    ),
                ),
                ("response", models.TextField(blank=True)),
                ("responded_on", models.DateField(blank=True, null=True)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("lock_version", models.PositiveIntegerField(default=1)),
                (
                    "made_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "review",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="complaints",
                        to="jar.jointareareview",
                    ),
                ),
            ],
            options={
                "ordering": ["-received_on", "-pk"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            (
                                "status__in",
                                [
                                    "received",
                                    "acknowledged",
                                    "investigated",
                                    "upheld",
                                    "partly_upheld",
                                    "not_upheld",
                                ],
                            )
                        ),
                        name="jar_complaint_known_status",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(
                                ("status__in", ["upheld", "partly_upheld", "not_upheld"]),
                                _negated=True,
                            ),
                            models.Q(("response", ""), _negated=True),
                            _connector="OR",
                        ),
                        name="jar_complaint_decided_has_response",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="QualityAssurance",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("checks", models.JSONField(default=dict)),
                ("notes", models.TextField(blank=True)),
                (
                    "outcome",
                    models.CharField(
                        choices=[
                            ("meets", "The review meets the arrangements"),
                            ("meets_with_points", "The review meets them, with points to act on"),
                            ("does_not_meet", "The review does not meet them"),
                        ],
                        max_length=20,
                    ),
                ),
                ("recorded_at", models.DateTimeField(auto_now_add=True)),
                (
                    "reader",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "review",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="quality_assurances",
                        to="jar.jointareareview",
                    ),
                ),
            ],
            options={
                "ordering": ["-recorded_at", "-pk"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("outcome__in", ["meets", "meets_with_points", "does_not_meet"])
                        ),
                        name="jar_quality_known_outcome",
                    )
                ],
            },
        ),
    ]
