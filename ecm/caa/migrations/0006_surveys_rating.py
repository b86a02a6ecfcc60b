# Issue 24 §1, §3: the annual rating's key areas as a per-year setting, and the annual
# questionnaires' results it cites.
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("caa", "0005_flags"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="annualrating",
            name="key_areas",
            field=models.JSONField(blank=True, default=list),
        ),
        migrations.AddField(
            model_name="annualrating",
            name="surveys_cited",
            field=models.JSONField(blank=True, default=list),
        ),
        migrations.CreateModel(
            name="RatingKeyAreas",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("year", models.PositiveSmallIntegerField(unique=True)),
                ("key_areas", models.JSONField(default=list)),
                ("chosen_at", models.DateTimeField()),
                ("reason", models.TextField()),
                ("lock_version", models.PositiveIntegerField(default=1)),
                (
                    "chosen_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
        ),
    ]
