from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("caa", "0001_profile"),
    ]

    operations: list = []
