"""How an entry of the profile compares with England (issue 10 §1; 004: the indicators "will
be evaluated against national figures, statistical and geographical neighbours").

Pure Python, no Django: the rule alone, tested table-driven.
"""

from django.db import models


class Judgement(models.TextChoices):
    BETTER = "better", "Better than England"
    SIMILAR = "similar", "Similar to England"
    WORSE = "worse", "Worse than England"
    NO_DATA = "no_data", "No judgement"


SIGNIFICANT = {"better", "similar", "worse"}  # ecm.performance's own verdicts (95% interval)


def judge(
    *,
    value: float | None,
    england: float | None,
    polarity: str,
    decimal_places: int,
    vs_england: str = "",
) -> str:
    """The entry's judgement against England.

    - No figure for the council or for England: no data.
    - An indicator with no better direction (polarity "none", e.g. the rate of children looked
      after) is context, never judged: no judgement.
    - Where ecm.performance could test the difference (it knew the counts, so England outside
      the council's 95% interval is significant), its verdict stands: better, similar, worse.
    - Otherwise the two figures as published (at the indicator's decimal places): equal is
      similar; otherwise better or worse by the indicator's polarity (higher is better for
      "high", lower for "low"). 004: "Performance bands may be developed in the future", so no
      band is invented here.
    """
    if value is None or england is None or polarity not in ("high", "low"):
        return Judgement.NO_DATA
    if vs_england in SIGNIFICANT:
        return vs_england
    shown, national = round(value, decimal_places), round(england, decimal_places)
    if shown == national:
        return Judgement.SIMILAR
    higher = shown > national
    return Judgement.BETTER if higher == (polarity == "high") else Judgement.WORSE
