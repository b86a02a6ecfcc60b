"""Issue 25 §2 and §4 (decision 0050): the index a council's profile reads its latest figures by.

`cmp_council_indicator_year` (council, indicator, end_year) becomes `cmp_council_latest`
(council, indicator, end_year descending, period descending, id): the window query numbering
each indicator's periods newest first reads it in order, with no sort, and without visiting
the table (an index-only scan on PostgreSQL, a covering index on SQLite). One index for one,
so an import maintains no more than before. Creating it on a full LAIT dataset (600,000
comparisons) takes about a second and locks the table's writes meanwhile: no import runs
during a deployment.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("performance", "0003_import_bulk_paths")]
    operations = [
        migrations.RemoveIndex(model_name="comparison", name="cmp_council_indicator_year"),
        migrations.AddIndex(
            model_name="comparison",
            index=models.Index(
                fields=["council", "indicator", "-end_year", "-period", "id"],
                name="cmp_council_latest",
            ),
        ),
    ]
