"""What a Word file is built from, for the worker (issue 25 §3; decision 0054)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_document_builds"),
    ]

    operations = [
        migrations.AddField(
            model_name="documentbuild",
            name="payload",
            field=models.BinaryField(blank=True, default=b""),
        ),
    ]
