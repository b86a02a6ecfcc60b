import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("caa", "0003_safeguarding"),
        ("authorities", "0002_councilcode"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="AnnualRating",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("year", models.PositiveSmallIntegerField()),
                (
                    "stage",
                    models.CharField(
                        choices=[("draft", "Draft rating"), ("final", "Final rating")],
                        default="draft",
                        max_length=5,
                    ),
                ),
                ("rating", models.PositiveSmallIntegerField()),
                ("outcome_grades", models.JSONField(default=dict)),
                ("rationale", models.TextField()),
                ("limits", models.JSONField(blank=True, default=list)),
                ("drafted_at", models.DateTimeField(auto_now=True)),
                ("finalised_on", models.DateField(blank=True, null=True)),
                ("lock_version", models.PositiveIntegerField(default=1)),
                (
                    "council",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="annual_ratings",
                        to="authorities.council",
                    ),
                ),
                (
                    "drafted_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "finalised_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
        ),
        migrations.CreateModel(
            name="RatingEvidence",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("source", models.CharField(max_length=40)),
                ("note", models.TextField()),
                (
                    "rating",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="evidence",
                        to="caa.annualrating",
                    ),
                ),
            ],
            options={
                "ordering": ["pk"],
            },
        ),
        migrations.AddConstraint(
            model_name="annualrating",
            constraint=models.UniqueConstraint(
                fields=("council", "year"), name="caa_rating_once_a_year"
            ),
        ),
        migrations.AddConstraint(
            model_name="annualrating",
            constraint=models.CheckConstraint(
                condition=models.Q(("rating__gte", 1), ("rating__lte", 4)),
                name="caa_rating_on_scale",
            ),
        ),
    ]
