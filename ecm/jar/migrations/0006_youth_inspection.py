from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("jar", "0005_voluntary_sector"),
    ]

    operations: list = []
