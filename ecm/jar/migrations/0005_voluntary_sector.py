from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("jar", "0004_documents"),
    ]

    operations: list = []
