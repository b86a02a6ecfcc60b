"""The engine's five frames read straight from DfE LAIT's files and DfE's 2025 neighbour model
(councils only), for the engine's real-data test and its benchmark. No Django is needed."""

from pathlib import Path

import numpy as np
import pandas as pd

REGIONS = ("North East", "North West", "Yorkshire and the Humber", "East Midlands")
REGIONS += ("West Midlands", "East of England", "London", "South East", "South West")
NOT_COUNCILS = {*REGIONS, "England", "London (Inner)", "London (Outer)"}
REGION_NAMES = {
    "Inner London": "London",
    "Outer London": "London",
    "Yorkshire and The Humber": "Yorkshire and the Humber",
}


def _frame(rows: pd.DataFrame, key: str, first: pd.Series) -> pd.DataFrame:
    columns = {key: first, "indicator": rows["Short Desc"], "period": rows["Years"]}
    value = pd.to_numeric(rows["Values"], errors="coerce")
    return pd.DataFrame(columns).assign(value=value, numerator=np.nan, denominator=np.nan)


def _indicators(dictionary: pd.DataFrame) -> pd.DataFrame:
    """Polarity, value type and multiplier from LAIT's data dictionary (y_axis_name)."""
    table = dictionary.drop_duplicates("Measure_short").set_index("Measure_short")
    axis = table["y_axis_name"].fillna("")
    value_type = np.select(
        [axis.str.startswith("%"), axis.str.contains("rate per", case=False)],
        ["percentage", "rate"],
        "mean",
    )
    per = axis.str.extract(r"per ([\d,]+)", expand=False).str.replace(",", "")
    multiplier = np.where(value_type == "percentage", 100.0, pd.to_numeric(per).fillna(1.0))
    polarity = table["Polarity"].map({"High": "high", "Low": "low"}).fillna("none")
    return pd.DataFrame(
        {
            "polarity": polarity,
            "value_type": value_type,
            "multiplier": multiplier,
            "banding": table["No_Quartile"].ne("N"),
        },
        index=pd.Index(table.index, name="indicator"),
    )


def lait_frames(data: Path) -> dict[str, pd.DataFrame]:
    """The engine's five frames from LAIT (councils only) and DfE's 2025 neighbour model."""
    raw = pd.read_parquet(data / "lait" / "bds_long_0.parquet")
    is_council = ~raw["LA and Regions"].isin(NOT_COUNCILS)
    rows = raw[is_council]
    code = rows["LA Number"].astype(int).astype(str)
    observations = _frame(rows, "council", code)
    text = rows["Values"].fillna("").str.strip()
    observations["suppressed"] = observations["value"].isna() & text.ne("")
    published = raw[raw["LA and Regions"].isin({*REGIONS, "England"})]
    area = published["LA and Regions"].replace("England", "england")
    first = rows.drop_duplicates("LA Number")
    councils = pd.DataFrame(
        {"region": first["Region"].replace(REGION_NAMES).to_numpy()},
        index=pd.Index(first["LA Number"].astype(int).astype(str), name="council"),
    )
    model = pd.read_csv(data / "ees" / "sn_model_2025_wide.csv", encoding="utf-8-sig")
    pairs = model.melt(id_vars="old_la_code", value_vars=[f"SN_{i}" for i in range(1, 11)])
    neighbours = pd.DataFrame(
        {
            "council": pairs["old_la_code"].astype(str),
            "neighbour": pairs["value"].astype("Int64").astype(str),
        }
    )
    dictionary = pd.read_csv(data / "lait" / "lait_data_dictionary.csv")
    return {
        "observations": observations.reset_index(drop=True),
        "comparators": _frame(published, "area", area).reset_index(drop=True),
        "councils": councils,
        "neighbours": neighbours,
        "indicators": _indicators(dictionary),
    }
