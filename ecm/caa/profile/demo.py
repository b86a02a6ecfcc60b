"""The demo's performance profile (issue 10 §1; issue 24 §3): two quarters of one council,
refreshed from the performance data loaded: the demo's DEMO-* indicators (which the NI list
names as each NI's `demo_source`) and, where a folder of DfE's real data is given to
`real_data_import`, LAIT's series for every NI the list maps (`source`), so that the profile
shows real figures for each NI the data hold.

`real_data_import` is not called by `seed`: the loader of the demo (ecm.demo) decides whether to
import real data (it adds LAIT's indicators to every council's figures, not only the profile's).
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

import pandas as pd

from ecm.caa.profile.library import nis_profile
from ecm.caa.profile.models import ProfileQuarter
from ecm.caa.profile.services import profile_refresh
from ecm.performance.models import DataImport, ImportStatus
from ecm.performance.services import observations_import

DEMO_QUARTERS = ("2009-Q2", "2009-Q3")
# The demo's "today" for the refreshes: in 2009-Q3, so that both quarters have begun.
DEMO_TODAY = date(2009, 10, 15)
LAIT_DATA = "bds_long_0.parquet"
LAIT_DICTIONARY = "lait_data_dictionary.csv"


def seed(*, council, administrator) -> None:
    """Refresh 2009-Q2 and 2009-Q3 for the council (Leicestershire, LA 855, in the demo), each
    once: a quarter already refreshed is kept as it is (run twice, nothing changes)."""
    for quarter in DEMO_QUARTERS:
        if not ProfileQuarter.objects.filter(council=council, quarter=quarter).exists():
            profile_refresh(actor=administrator, council=council, quarter=quarter, today=DEMO_TODAY)


def real_data_import(*, lait_folder: Path, actor=None) -> DataImport:
    """Import DfE's LAIT long data (../shared/data/lait, never copied into the project) for the
    series the NI list maps, with LAIT's own data dictionary: every council's, England's and
    the regions' rows of those series, through ecm.performance's LAIT import as any upload.
    The same files give the same slice, which the import recognises (run twice, nothing
    changes). Raises when the import is refused, with its first problems."""
    codes = sorted({i.source for i in nis_profile().mapped})
    rows = pd.read_parquet(lait_folder / LAIT_DATA)
    rows = rows[rows["Short Desc"].isin(codes)]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "lait_nis_profile.parquet"
        rows.to_parquet(path, index=False)
        done = observations_import(
            actor=actor,
            path=path,
            file_format="lait",
            companion=lait_folder / LAIT_DICTIONARY,
        )
    if done.status != ImportStatus.DONE:
        raise RuntimeError(f"LAIT's series for the profile were refused: {done.problems[:5]}")
    return done
