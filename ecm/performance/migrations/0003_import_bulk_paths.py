"""Issue 25 §1 (decision 0048): the big tables' foreign keys without database constraints.

PostgreSQL checked the seven (DEFERRABLE INITIALLY DEFERRED) row by row at the import's
COMMIT, some 40% of a LAIT import; the bulk writer now checks every reference once per write
(ecm.performance.services.bulk), and Django's on_delete (PROTECT, CASCADE) is unchanged.
Dropping a constraint locks its table for a moment, once, at deployment; no import runs then.
"""

import django.db.models.deletion
from django.db import migrations, models


def _fk(to: str, on_delete, *, null: bool = False) -> models.ForeignKey:
    return models.ForeignKey(
        to,
        on_delete=on_delete,
        related_name="+",
        db_index=False,
        db_constraint=False,
        null=null,
        blank=null,
    )


PROTECT, CASCADE = django.db.models.deletion.PROTECT, django.db.models.deletion.CASCADE


class Migration(migrations.Migration):
    dependencies = [
        ("authorities", "0001_initial"),
        ("performance", "0002_import_options_and_proportions"),
    ]
    operations = [
        migrations.AlterField("comparison", "council", _fk("authorities.council", CASCADE)),
        migrations.AlterField("comparison", "indicator", _fk("performance.indicator", CASCADE)),
        migrations.AlterField(
            "observation", "council", _fk("authorities.council", PROTECT, null=True)
        ),
        migrations.AlterField("observation", "data_import", _fk("performance.dataimport", PROTECT)),
        migrations.AlterField("observation", "indicator", _fk("performance.indicator", PROTECT)),
        migrations.AlterField(
            "observation", "region", _fk("authorities.region", PROTECT, null=True)
        ),
        migrations.AlterField(
            "observation", "superseded_by", _fk("performance.dataimport", PROTECT, null=True)
        ),
    ]
