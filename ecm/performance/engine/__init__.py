"""The statistics engine: pure Python (numpy, pandas, scipy), no Django imports.

It is tested and benchmarked alone, and the Django side (`ecm.performance.services`) only
turns database rows into the frames below and stores what comes back.

Contract (the columns each function takes and returns)
------------------------------------------------------
`indicators` — one row per indicator, index `indicator` (str code):
    polarity     "high" | "low" | "none"   (high: higher is better)
    value_type   "percentage" | "rate" | "mean" | "count"
    multiplier   float  (100 for a percentage, 10000 for a rate per 10,000, 1 otherwise)
    banding      bool   (False: no quartile band, e.g. LAIT No_Quartile = "N")

`observations` — one row per council, indicator and period (councils only):
    council      str   (LA number, e.g. "855")
    indicator    str
    period       str   (the label as published, e.g. "2024-25 (OT)")
    value        float (NaN when suppressed or missing)
    numerator    float (NaN when not known)
    denominator  float (NaN when not known)
    suppressed   bool  (True when the published value was a suppression code)

`comparators` — published England and regional figures:
    area         "england" or a region name as in `councils.region`
    indicator, period, value, numerator, denominator   (as above)

`councils` — index `council` (str LA number), column `region` (str region name).
`neighbours` — columns `council`, `neighbour` (str LA numbers; ten per council usually).

Periods (`periods.period_parse(label) -> Period`) carry `style` and `end_year`; two periods
of one indicator are consecutive when they have the same style and their end years differ by 1.

`comparisons_compute(*, observations, comparators, councils, neighbours, indicators)`
returns one row per row of `observations` with columns:
    council, indicator, period, end_year, value, numerator, denominator, suppressed,
    england, england_computed (bool: computed from councils' counts, none published),
    region, region_computed,
    neighbours_mean, neighbours_median, neighbours_count,
    rank, rank_of            (1 = best by polarity; ties take the lowest rank; NaN when
                              polarity is none or value missing)
    quartile_band            "A".."D" or "" (A = best quarter; R type 7 quantiles)
    ci95_lower, ci95_upper, ci998_lower, ci998_upper   (NaN when counts are not known)
    vs_england               "better" | "similar" | "worse" | "higher" | "lower" |
                             "not compared"
    change                   value minus the previous consecutive period's value, or NaN
    trend                    "improving" | "getting worse" | "increasing" | "decreasing" |
                             "no significant change" | "not enough data"
    flags                    str, "|"-joined from FLAGS below ("" when none)

`findings.finding_sentence(row, indicator)` and `findings.outcome_summary(rows, ...)` turn
those rows into sentences an inspector can paste into the notebook.
`neighbours.neighbours_compute(context, weights, k=10)` computes statistical neighbours from
context variables.
"""

FLAGS = (
    "worse_and_getting_worse",  # significantly worse than England and a worsening trend
    "best_quarter_and_improving",  # quartile band A and an improving trend
    "no_comparator",  # no England figure, published or computed
    "suppressed",  # the council's value was suppressed
    "missing",  # no value for the council (a gap to pursue, 002 §D day 1)
)
