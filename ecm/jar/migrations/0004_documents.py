from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("jar", "0003_report"),
    ]

    operations: list = []
