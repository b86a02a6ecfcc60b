from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("caa", "0004_rating"),
    ]

    operations: list = []
