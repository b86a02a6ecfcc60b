"""Matching the areas named in a file to councils, regions and England.

Councils are found by LA number, current ONS code or a former ONS code (a council whose code
changed in a reorganisation still finds its data, issue 3). Regions by ONS code or by name,
ignoring case and spacing ("Yorkshire and the Humber" in LAIT is our "Yorkshire and The Humber").
"""

import re
from dataclasses import dataclass

import pandas as pd

from ecm.authorities.models import Council, CouncilCode, Region

ENGLAND_CODE = "E92000001"


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", str(text)).strip().casefold()


@dataclass(frozen=True)
class AreaDirectory:
    councils: dict[str, int]  # code (LA number or ONS code, upper case) -> council id
    regions: dict[str, int]  # ONS code or casefolded name -> region id
    council_region: dict[int, int]  # council id -> region id

    @classmethod
    def load(cls) -> "AreaDirectory":
        councils: dict[str, int] = {}
        council_region: dict[int, int] = {}
        for pk, la_number, ons_code, region_id in Council.objects.values_list(
            "pk", "la_number", "ons_code", "region_id"
        ):
            councils[la_number] = pk
            councils[ons_code.upper()] = pk
            council_region[pk] = region_id
        for code, council_id in CouncilCode.objects.values_list("ons_code", "council_id"):
            councils.setdefault(code.upper(), council_id)
        regions: dict[str, int] = {}
        for pk, code, name in Region.objects.values_list("pk", "ons_code", "name"):
            regions[code.upper()] = pk
            regions[_key(name)] = pk
        return cls(councils=councils, regions=regions, council_region=council_region)

    def council_ids(self, codes: pd.Series) -> pd.Series:
        """Council id per code (NaN where unknown); LA numbers given as 855 or 855.0 match."""
        # Once per distinct code, not per row: a LAIT file names ~150 councils in 641,070 rows,
        # and the regular expression per row cost 1.4 s of every import (issue 25 §1).
        given = codes.astype("string")
        distinct = pd.Series(given.dropna().unique(), dtype="string")
        text = distinct.str.strip().str.upper()
        text = text.str.replace(r"^([0-9]{1,3})(\.0+)?$", lambda m: m.group(1).zfill(3), regex=True)
        ids = dict(zip(distinct.tolist(), text.map(self.councils).tolist(), strict=True))
        return given.map(ids).astype("Float64")

    def region_ids(self, codes: pd.Series) -> pd.Series:
        """Region id per code or name (NaN where unknown), each distinct text looked up once
        (a LAIT file names its regions in 34,000 rows)."""
        given = codes.astype("string")
        ids = {}
        for text in given.dropna().unique().tolist():
            found = self.regions.get(text.strip().upper())
            ids[text] = found if found is not None else self.regions.get(_key(text))
        return given.map(ids).astype("Float64")
