from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("caa", "0003_safeguarding"),
    ]

    operations: list = []
