"""Calendar addresses keep only their token's SHA-256 (issue 21 §8; decision 0038).

Each existing token is replaced by its hash, so every address already in a calendar program
keeps working: the feed finds it by the hash of the token in the address, which is this hash.
The hash is written here rather than imported from the models, so the migration stays as it
was written whatever the models become.
"""

import hashlib

from django.db import migrations, models


def hash_existing_tokens(apps, schema_editor):
    CalendarFeed = apps.get_model("programme", "CalendarFeed")
    for feed in CalendarFeed.objects.only("pk", "token").iterator():
        CalendarFeed.objects.filter(pk=feed.pk).update(
            token_hash=hashlib.sha256(feed.token.encode()).hexdigest()
        )


class Migration(migrations.Migration):
    dependencies = [("programme", "0001_programme")]

    operations = [
        migrations.AddField(
            model_name="calendarfeed",
            name="token_hash",
            field=models.CharField(editable=False, max_length=64, null=True),
        ),
        # Not reversible: the tokens are gone once hashed, which is the point.
        migrations.RunPython(hash_existing_tokens, migrations.RunPython.noop, elidable=False),
        migrations.RemoveField(model_name="calendarfeed", name="token"),
        migrations.AlterField(
            model_name="calendarfeed",
            name="token_hash",
            field=models.CharField(editable=False, max_length=64, unique=True),
        ),
        migrations.AddField(
            model_name="calendarfeed",
            name="last_used_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
    ]
