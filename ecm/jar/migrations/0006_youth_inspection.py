"""The enhanced youth inspection (issue 9 §5; 001 "Enhanced Youth Inspection"): the youth
service's self-assessment, its activity list for fieldwork week one, the inspectors' 16 to 20
observations and the youth report. Written by hand."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

# The LSIF four points (000 §12), as ecm.jar.youth.models words them.
GRADES = [
    (4, "A service that delivers well above minimum requirements for users"),
    (3, "A service that consistently delivers above minimum requirements for users"),
    (2, "A service that delivers only minimum requirements for users"),
    (1, "A service that does not deliver minimum requirements for users"),
]
GRADE_FIELDS = ("achievement_grade", "curriculum_grade", "management_grade")
USER = settings.AUTH_USER_MODEL
PROTECT = django.db.models.deletion.PROTECT
CASCADE = django.db.models.deletion.CASCADE


def _id():
    return (
        "id",
        models.BigAutoField(
            auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
        ),
    )


def _grade(nullable: bool):
    if nullable:
        return models.PositiveSmallIntegerField(blank=True, choices=GRADES, null=True)
    return models.PositiveSmallIntegerField(choices=GRADES)


def _on_scale(prefix: str, nullable: bool) -> models.CheckConstraint:
    condition = models.Q()
    for field in GRADE_FIELDS:
        on_scale = models.Q(**{f"{field}__gte": 1, f"{field}__lte": 4})
        condition &= on_scale | models.Q(**{f"{field}__isnull": True}) if nullable else on_scale
    return models.CheckConstraint(condition=condition, name=f"{prefix}_grades_on_scale")


def _review(related_name: str, one: bool = False):
    kind = models.OneToOneField if one else models.ForeignKey
    return kind(on_delete=CASCADE, related_name=related_name, to="jar.jointareareview")


def _user(**kwargs):
    return models.ForeignKey(on_delete=PROTECT, related_name="+", to=USER, **kwargs)


class Migration(migrations.Migration):
    dependencies = [
        ("jar", "0005_voluntary_sector"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="YouthSelfAssessment",
            fields=[
                _id(),
                ("achievement_grade", _grade(True)),
                ("achievement_commentary", models.TextField(blank=True)),
                ("curriculum_grade", _grade(True)),
                ("curriculum_commentary", models.TextField(blank=True)),
                ("management_grade", _grade(True)),
                ("management_commentary", models.TextField(blank=True)),
                ("being_healthy", models.TextField(blank=True)),
                ("staying_safe", models.TextField(blank=True)),
                ("enjoying_achieving", models.TextField(blank=True)),
                ("positive_contribution", models.TextField(blank=True)),
                ("economic_wellbeing", models.TextField(blank=True)),
                ("submitted_at", models.DateTimeField(blank=True, null=True)),
                ("lock_version", models.PositiveIntegerField(default=1)),
                ("review", _review("youth_self_assessment", one=True)),
                ("submitted_by", _user(blank=True, null=True)),
            ],
            options={"constraints": [_on_scale("jar_youth_sa", nullable=True)]},
        ),
        migrations.CreateModel(
            name="YouthActivity",
            fields=[
                _id(),
                ("day", models.DateField()),
                ("starts_at", models.TimeField()),
                ("ends_at", models.TimeField(blank=True, null=True)),
                ("venue", models.CharField(max_length=200)),
                ("what", models.CharField(max_length=500)),
                ("outcomes", models.JSONField(blank=True, default=list)),
                ("good_practice", models.BooleanField(default=False)),
                ("added_at", models.DateTimeField(auto_now_add=True)),
                ("added_by", _user(null=True)),
                ("review", _review("youth_activities")),
            ],
            options={
                "ordering": ["day", "starts_at", "pk"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(ends_at__isnull=True)
                        | models.Q(ends_at__gt=models.F("starts_at")),
                        name="jar_youth_activity_ends_after_start",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="YouthObservation",
            fields=[
                _id(),
                ("session", models.CharField(blank=True, max_length=300)),
                ("observed_on", models.DateField()),
                ("achievement_grade", _grade(False)),
                ("achievement_notes", models.TextField(blank=True)),
                ("curriculum_grade", _grade(False)),
                ("curriculum_notes", models.TextField(blank=True)),
                ("management_grade", _grade(False)),
                ("management_notes", models.TextField(blank=True)),
                ("young_people_present", models.PositiveSmallIntegerField()),
                ("recorded_at", models.DateTimeField(auto_now_add=True)),
                (
                    "activity",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=PROTECT,
                        related_name="observations",
                        to="jar.youthactivity",
                    ),
                ),
                ("observer", _user()),
                ("review", _review("youth_observations")),
            ],
            options={
                "ordering": ["observed_on", "pk"],
                "constraints": [_on_scale("jar_youth_obs", nullable=False)],
            },
        ),
        migrations.CreateModel(
            name="YouthReport",
            fields=[
                _id(),
                ("achievement_grade", _grade(True)),
                ("curriculum_grade", _grade(True)),
                ("management_grade", _grade(True)),
                ("strengths", models.TextField(blank=True)),
                ("weaknesses", models.TextField(blank=True)),
                ("recommendations", models.TextField(blank=True)),
                ("finalised_at", models.DateTimeField(blank=True, null=True)),
                ("lock_version", models.PositiveIntegerField(default=1)),
                ("finalised_by", _user(blank=True, null=True)),
                ("review", _review("youth_report", one=True)),
            ],
            options={"constraints": [_on_scale("jar_youth_report", nullable=True)]},
        ),
    ]
