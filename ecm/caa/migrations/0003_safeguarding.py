from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("caa", "0002_unannounced"),
    ]

    operations: list = []
