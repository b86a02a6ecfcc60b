"""Issue 10, from 2009: the pages an inspector and the council open most, for the demo council
(Leicestershire's 2009 year: profile, unannounced and full inspections, area assessment, final
rating), and the two programmes over every council (each page a fixed number of queries)."""

from bench.pages import page_figures
from ecm.caa.safeguarding.models import FullInspection
from ecm.caa.unannounced.models import UnannouncedInspection
from ecm.demo.people import LEICESTERSHIRE_LA_NUMBER as LA


def run(client, *, hmi, council_user) -> list[tuple[str, float]]:
    letter = UnannouncedInspection.objects.get(council__la_number=LA)
    full = FullInspection.objects.get(council__la_number=LA)
    pages = [
        (hmi, f"/caa/{LA}/", "a council's 2009 page, every part's panel"),
        (council_user, f"/caa/{LA}/", "the same, as the council"),
        (hmi, f"/caa/{LA}/profile/", "the quarterly performance profile"),
        (hmi, f"/caa/{LA}/unannounced/{letter.pk}/", "an unannounced inspection"),
        (hmi, f"/caa/{LA}/safeguarding/{full.pk}/report/", "a full inspection's report"),
        (council_user, f"/caa/{LA}/rating/2009/", "the final rating, as the council"),
        (hmi, "/caa/safeguarding/", "every council's next full inspection"),
        (hmi, "/caa/unannounced/?year=2009", "the unannounced programme of 2009-10"),
    ]
    rows: list[tuple[str, float]] = []
    for user, url, label in pages:
        rows += page_figures(client, user, url, label)
    return rows
