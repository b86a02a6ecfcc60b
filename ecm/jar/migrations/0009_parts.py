# Issue 24: reserved for one part of the work, filled in by hand (see its commit).
"""Issue 24 §2, the JAR's parts: the youth service's self-assessment grades each of the five
outcomes (001 "Enhanced Youth Inspection": "an evaluative commentary on contributions to the
five outcomes and grading performance for each area"); a comment on the draft report answered
"the report changes" records which part changed, from what, to what. Written by hand."""

from django.db import migrations, models

# The LSIF four points (000 §12), as ecm.jar.youth.models words them.
GRADES = [
    (4, "A service that delivers well above minimum requirements for users"),
    (3, "A service that consistently delivers above minimum requirements for users"),
    (2, "A service that delivers only minimum requirements for users"),
    (1, "A service that does not deliver minimum requirements for users"),
]
OUTCOME_GRADE_FIELDS = (
    "being_healthy_grade",
    "staying_safe_grade",
    "enjoying_achieving_grade",
    "positive_contribution_grade",
    "economic_wellbeing_grade",
)


def _on_scale() -> models.CheckConstraint:
    condition = models.Q()
    for field in OUTCOME_GRADE_FIELDS:
        condition &= models.Q(**{f"{field}__gte": 1, f"{field}__lte": 4}) | models.Q(
            **{f"{field}__isnull": True}
        )
    return models.CheckConstraint(condition=condition, name="jar_youth_sa_outcome_grades_on_scale")


class Migration(migrations.Migration):
    dependencies = [("jar", "0008_fieldwork")]

    operations = [
        *(
            migrations.AddField(
                model_name="youthselfassessment",
                name=field,
                field=models.PositiveSmallIntegerField(blank=True, choices=GRADES, null=True),
            )
            for field in OUTCOME_GRADE_FIELDS
        ),
        migrations.AddConstraint(model_name="youthselfassessment", constraint=_on_scale()),
        migrations.AddField(
            model_name="reportcomment",
            name="changed_part",
            field=models.CharField(blank=True, max_length=60),
        ),
        migrations.AddField(
            model_name="reportcomment",
            name="changed_from",
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name="reportcomment",
            name="changed_to",
            field=models.TextField(blank=True),
        ),
    ]
