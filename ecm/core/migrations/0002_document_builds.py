"""Reserved for issue 25's helper D (documents): filled in by it, or left empty (harmless)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("core", "0001_form_submission")]
    operations = []
