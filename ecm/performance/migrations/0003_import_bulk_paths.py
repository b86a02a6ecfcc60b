"""Reserved for issue 25's helper A (imports): filled in by it, or left empty (harmless)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("performance", "0002_import_options_and_proportions")]
    operations = []
