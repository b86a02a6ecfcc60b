"""Matching the areas named in a file to councils, regions and England.

Councils are found by LA number, current ONS code or a former ONS code (a council whose code
changed in a reorganisation still finds its data, issue 3). Regions by ONS code or by name,
ignoring case and spacing ("Yorkshire and the Humber" in LAIT is our "Yorkshire and The Humber").
"""

import re
from dataclasses import dataclass

import numpy as np
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
        return _each_distinct(codes, self._council_id)

    def region_ids(self, codes: pd.Series) -> pd.Series:
        """Region id per ONS code or name (NaN where unknown)."""
        return _each_distinct(codes, self._region_id)

    def _council_id(self, code: str) -> int | None:
        text = code.strip().upper()
        number = _LA_NUMBER.fullmatch(text)
        return self.councils.get(number.group(1).zfill(3) if number else text)

    def _region_id(self, code: str) -> int | None:
        found = self.regions.get(code.strip().upper())
        return found if found is not None else self.regions.get(_key(code))


_LA_NUMBER = re.compile(r"([0-9]{1,3})(?:\.0+)?")


def _each_distinct(codes: pd.Series, find) -> pd.Series:
    """`find(text)` of each row's code as text, as Float64 (NA where none), each distinct
    code looked up once and spread by its position: a LAIT file names ~170 areas in 641,070
    rows, and a regular expression, or even a pandas map, per row cost over a second of every
    import (issue 25 §1)."""
    keys, distinct = pd.factorize(codes, use_na_sentinel=True)
    found = np.array(
        [np.nan if (pk := find(str(code))) is None else pk for code in distinct], dtype="float64"
    )
    ids = np.append(found, np.nan)[keys]  # a missing code's key, -1, takes the NaN appended
    return pd.Series(ids, index=codes.index, dtype="Float64")
