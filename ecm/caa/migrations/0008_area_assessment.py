# Issue 24 §3: the organisational assessment's overall score and the council's explicit
# statement on children and young people's services; question 1's sub-points (004).
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("caa", "0007_inspections")]

    operations = [
        migrations.AddField(
            model_name="areaassessment",
            name="priorities_points",
            field=models.JSONField(blank=True, default=dict),
        ),
        migrations.AddField(
            model_name="organisationalassessment",
            name="overall_score",
            field=models.PositiveSmallIntegerField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="organisationalassessment",
            name="services_statement",
            field=models.TextField(blank=True),
        ),
        migrations.AddConstraint(
            model_name="organisationalassessment",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("organisation_kind", "council"), ("services_statement", ""), _connector="OR"
                ),
                name="caa_organisational_statement_council_only",
            ),
        ),
    ]
