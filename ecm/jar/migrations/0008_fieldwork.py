# Issue 24 §2: the JAR's fieldwork plan and the meetings recorded against tracked cases
# (001 "Case tracking", "Enhanced Youth Inspection"); models in ecm/jar/fieldwork/models.py.
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("jar", "0007_review_setup"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="CaseMeeting",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("met", models.JSONField(default=list)),
                ("met_on", models.DateField()),
                ("note", models.TextField(blank=True)),
                ("recorded_at", models.DateTimeField(auto_now_add=True)),
                (
                    "case",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="meetings",
                        to="jar.casefile",
                    ),
                ),
                (
                    "inspector",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="jar.teammember",
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
            options={"ordering": ["met_on", "pk"]},
        ),
        migrations.CreateModel(
            name="PlannedActivity",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("day", models.DateField()),
                ("week", models.PositiveSmallIntegerField()),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("visit", "Visit"),
                            ("joint_meeting", "Joint meeting with the JAR inspectors"),
                            ("follow_up", "Following up a line of enquiry"),
                            ("case_meeting", "Case-tracking meeting"),
                        ],
                        max_length=20,
                    ),
                ),
                ("what", models.CharField(max_length=300)),
                ("added_at", models.DateTimeField(auto_now_add=True)),
                ("withdrawn_at", models.DateTimeField(blank=True, null=True)),
                ("withdrawn_reason", models.TextField(blank=True)),
                (
                    "added_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "case",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="planned_activities",
                        to="jar.casefile",
                    ),
                ),
                (
                    "inspector",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="jar.teammember",
                    ),
                ),
                (
                    "line",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="planned_activities",
                        to="jar.lineofenquiry",
                    ),
                ),
                (
                    "review",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="planned_activities",
                        to="jar.jointareareview",
                    ),
                ),
                (
                    "withdrawn_by",
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
                "ordering": ["day", "pk"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("line__isnull", False), ("case__isnull", False), _connector="OR"
                        ),
                        name="jar_planned_tied_to_line_or_case",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("week__in", [1, 2])),
                        name="jar_planned_in_a_fieldwork_week",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("kind__in", ["visit", "joint_meeting", "follow_up", "case_meeting"])
                        ),
                        name="jar_planned_kind",
                    ),
                ],
            },
        ),
    ]
