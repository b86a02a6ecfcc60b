"""Reserved for issue 25's helper C (pages): filled in by it, or left empty (harmless)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("performance", "0003_import_bulk_paths")]
    operations = []
