"""The pages the load test's users open, found on the database under test (issue 25 §6).

Run by bench.load in a process of its own (`python -m bench.load_pages OUT.json`, the database
in DATABASE_URL): it finds the demo round's ids, tries each candidate page as the account that
would open it, and keeps the pages that answer 200, so a page kind the demo does not hold (or
that an account may not open) is left out and named, never counted as an error under load.

The lists are the pages a council and an inspector open in a round, as the page benchmarks
time them (bench/__main__.py, bench/analysis.py, bench/programme.py, bench/caa.py) and the
profile pages (the demo's 13 indicators, and a council with every LAIT indicator once the LAIT
file is imported). Each page has a kind (its name under load), shared by the same page of
another council.
"""

import json
import sys

INSPECTORS = (
    "hmi@ofsted.example",
    "hmi2@ofsted.example",
    "brm@csci.example",
    "brm2@csci.example",
    "admin@ofsted.example",
)
COUNCILS = (
    "link.officer@sharpston.example",
    "dcs@sharpston.example",
    "link.officer@leicestershire.example",
    "link.officer@camden.example",
    "link.officer@cornwall.example",
    "link.officer@hampshire.example",
)


def _candidates(round_pk: int, assessments: dict[str, int], la: str | None) -> list[tuple]:
    """(kind, url) a person may open; `la` is the council's own number, or None for the
    inspectorate (who open Sharpston's and Leicestershire's pages)."""
    from ecm.caa.safeguarding.models import FullInspection  # noqa: PLC0415
    from ecm.caa.unannounced.models import UnannouncedInspection  # noqa: PLC0415

    pages: list[tuple[str, str]] = [("home", "/"), ("what is due", "/due/")]
    councils = [la] if la else ["990", "855"]
    for number in councils:
        pages.append(("performance profile", f"/performance/councils/{number}/"))
        if number in assessments:
            pk = assessments[number]
            pages += [
                ("assessment", f"/assessments/{pk}/"),
                ("self-assessment", f"/assessments/{pk}/self-assessment/"),
                ("checklist", f"/assessments/{pk}/checklist/"),
            ]
            if la is None:
                base = f"/assessments/{pk}/analysis"
                pages += [
                    ("notebook", f"{base}/notebook/"),
                    ("notebook, one outcome", f"{base}/notebook/staying_safe/"),
                    ("step 3", f"{base}/step-3/"),
                    ("step 4", f"{base}/step-4/"),
                    ("hypotheses", f"{base}/hypotheses/"),
                    ("information pack", f"{base}/pack/"),
                ]
        pages += [
            ("2009 council page", f"/caa/{number}/"),
            ("2009 rating", f"/caa/{number}/rating/2009/"),
        ]
        if la is None:
            pages.append(("2009 quarterly profile", f"/caa/{number}/profile/"))
            letter = UnannouncedInspection.objects.filter(council__la_number=number).first()
            if letter:
                pages.append(("unannounced inspection", f"/caa/{number}/unannounced/{letter.pk}/"))
            full = FullInspection.objects.filter(council__la_number=number).first()
            if full:
                pages.append(
                    ("full inspection report", f"/caa/{number}/safeguarding/{full.pk}/report/")
                )
    if la is None:
        pages += [
            ("round", f"/rounds/{round_pk}/"),
            ("programme dashboard", f"/rounds/{round_pk}/programme/"),
            ("moderation", f"/rounds/{round_pk}/moderation/"),
            ("people", "/people/"),
        ]
    return pages


def discover() -> dict:
    import django  # noqa: PLC0415

    django.setup()
    from django.test import Client  # noqa: PLC0415

    from ecm.accounts.models import User  # noqa: PLC0415
    from ecm.apa.models import Assessment, AssessmentRound  # noqa: PLC0415

    demo_round = AssessmentRound.objects.order_by("pk").first()
    assessments = {
        a.council.la_number: a.pk
        for a in Assessment.objects.filter(round=demo_round).select_related("council")
    }
    client = Client(SERVER_NAME="127.0.0.1")
    accounts, refused = [], []
    for group, emails in (("inspector", INSPECTORS), ("council", COUNCILS)):
        for email in emails:
            user = User.objects.filter(email=email).first()
            if user is None:
                continue
            council = None if group == "inspector" else _council_number(user)
            client.force_login(user)
            pages = []
            for kind, url in _candidates(demo_round.pk, assessments, council):
                status = client.get(url).status_code
                if status == 200:
                    pages.append((kind, url))
                else:
                    refused.append(f"{email} {url} {status}")
            accounts.append({"email": email, "group": group, "pages": pages})
    return {"accounts": accounts, "left_out": refused}


def _council_number(user) -> str | None:
    council = getattr(user, "council", None)
    return council.la_number if council else None


if __name__ == "__main__":
    found = discover()
    with open(sys.argv[1], "w") as out:
        json.dump(found, out, indent=1)
    pages = sum(len(account["pages"]) for account in found["accounts"])
    print(f"{pages} pages for {len(found['accounts'])} accounts")
