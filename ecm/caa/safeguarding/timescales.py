"""Within how long a recommendation of the full inspection is to be done (issue 24 §1). 004
says only "recommendations for action will be included": the timescales are the project's
setting, SAFEGUARDING_RECOMMENDATION_TIMESCALES in config/settings.py ("Settings of ours"), and
the pages say so."""

from django.conf import settings

from ecm.caa.safeguarding.framework import Item

# Shown beside the choice and in the report, so no reader takes them for 004's.
SETTING_NOTE = (
    "The timescales are this service's setting: the 2009 briefing says only that "
    "recommendations for action will be included"
)


def timescales() -> tuple[Item, ...]:
    return tuple(
        Item(code=code, title=title)
        for code, title in settings.SAFEGUARDING_RECOMMENDATION_TIMESCALES
    )


def timescale(code: str) -> Item | None:
    return next((t for t in timescales() if t.code == code), None)
