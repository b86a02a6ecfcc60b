"""Issue 25 §3: documents off the request. The figures: a PDF download with a cold cache (the
page renders the document's HTML, queues its build and answers "being prepared"), with a warm
cache (the stored file), the builds themselves (the task's work: WeasyPrint), and the same for
the Word files, which the task queue builds too (decision 0054): the download renders the HTML
its PDF would be made from (its key) and queues the builder; the task writes it.

`run()` returns (what, milliseconds) rows for bench/__main__.py, on its database with the demo
loaded; `python -m bench.documents` makes that database itself (a scratch SQLite) and prints
them. The documents: the demo's submitted self-assessment (0.8 s in the issue), Sharpston's
evidence notebook with 200 entries (bench/analysis.py's, made here if missing) and Cornwall's
letter at full length (bench/letters.py's, made here if missing).
"""

# What needs Django is imported inside the functions (each `noqa: PLC0415`): `python -m
# bench.documents` chooses its settings in main() before Django starts, as bench/__main__.py.

import io
import os
import tempfile
import time

from bench.__main__ import _line, bench_environment, median_ms


def _pages(body: bytes) -> int:
    from pypdf import PdfReader  # noqa: PLC0415

    return len(PdfReader(io.BytesIO(body)).pages)


def _long_notebook(assessment, hmi, brm) -> None:
    from bench import analysis  # noqa: PLC0415
    from ecm.analysis.models import Entry  # noqa: PLC0415

    if Entry.objects.filter(assessment=assessment).count() < analysis.ENTRIES:
        analysis._notebook(assessment=assessment, hmi=hmi, brm=brm)


def _full_letter(assessment) -> int:
    """Cornwall's letter at full length (made if missing): how many words it has."""
    from bench import letters  # noqa: PLC0415
    from ecm.letters.selectors import letter_of  # noqa: PLC0415
    from ecm.letters.services.assembly import letter_assemble  # noqa: PLC0415

    letter = letter_of(assessment=assessment)
    if letter is None:
        lead = assessment.assignments.get(is_lead=True).user
        letter = letter_assemble(actor=lead, assessment=assessment)
        letters._full_length(letter, lead)
    rendition = letter.renditions.order_by("-number").first()
    return sum(len(t.split()) for t in rendition.content["sections"].values())


def run() -> list[tuple[str, float]]:
    from django.conf import settings  # noqa: PLC0415
    from django.test import Client, override_settings  # noqa: PLC0415
    from django_q.models import OrmQ  # noqa: PLC0415

    from ecm.accounts.models import User  # noqa: PLC0415
    from ecm.analysis import exports as notebook_exports  # noqa: PLC0415
    from ecm.apa.models import Assessment  # noqa: PLC0415
    from ecm.core import documents  # noqa: PLC0415
    from ecm.core.models import DocumentBuild, DocumentRequest  # noqa: PLC0415
    from ecm.self_assessment import exports as sa_exports  # noqa: PLC0415
    from ecm.self_assessment.models import Version  # noqa: PLC0415

    hmi = User.objects.get(email="hmi@ofsted.example")
    brm = User.objects.get(email="brm@csci.example")
    sharpston = Assessment.objects.filter(council__la_number="990").order_by("pk").first()
    # The demo's written and submitted self-assessment (Leicestershire's, from the template).
    version = (
        Version.objects.filter(status="submitted")
        .select_related("self_assessment__assessment")
        .order_by("pk")
        .first()
    )
    written = version.self_assessment.assessment
    _long_notebook(sharpston, hmi, brm)
    cornwall = Assessment.objects.filter(round=sharpston.round, council__la_number="908").get()
    letter_words = _full_letter(cornwall)
    letter_lead = cornwall.assignments.get(is_lead=True).user
    letter_url = f"/assessments/{cornwall.pk}/letter/letter.docx"
    base_url = "http://testserver/"
    sa_url = f"/assessments/{written.pk}/self-assessment/versions/{version.number}/document.pdf"
    client = Client()
    client.force_login(User.objects.get(email="admin@ofsted.example"))  # reads every council
    rows: list[tuple[str, float]] = []

    queued_before = set(OrmQ.objects.values_list("pk", flat=True))

    def forget() -> None:
        """A cold cache: no build, no wait, nothing queued (no worker runs in the bench)."""
        DocumentRequest.objects.all().delete()
        for build in DocumentBuild.objects.all():
            if build.file:
                build.file.delete(save=False)
        DocumentBuild.objects.all().delete()
        OrmQ.objects.exclude(pk__in=queued_before).delete()  # only the builds queued here

    def cold() -> None:
        forget()
        response = client.get(sa_url)
        assert response.status_code == 202, response.status_code

    sa_pdf = sa_exports.version_pdf(version, base_url=base_url)
    sa_pages = _pages(sa_pdf)
    wait = settings.DOCUMENT_BUILD_WAIT_SECONDS
    with override_settings(DOCUMENT_BUILD_WAIT_SECONDS=0):
        rows.append(
            (
                f"self-assessment PDF ({sa_pages} pages) download, cold cache: render the HTML, "
                "queue the build, answer 'being prepared' (no wait)",
                median_ms(cold, 5),
            )
        )
    rows.append(
        (
            f"  the same with the page's wait for a quick build ({wait:g} s, no worker)",
            median_ms(cold, 3),
        )
    )
    forget()
    client.get(sa_url)
    started = time.perf_counter()
    documents.pdf_build(DocumentBuild.objects.get().pk)
    rows.append(
        (
            f"self-assessment PDF ({sa_pages} pages), its build (the task: WeasyPrint)",
            (time.perf_counter() - started) * 1000,
        )
    )

    def warm() -> None:
        response = client.get(sa_url)
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"

    rows.append(("self-assessment PDF download, warm cache (the stored file)", median_ms(warm, 10)))
    forget()

    started = time.perf_counter()
    notebook = notebook_exports.notebook_pdf(assessment=sharpston, steps="1-4", base_url=base_url)
    rows.append(
        (
            f"evidence notebook PDF, 200 entries ({_pages(notebook)} pages), its build "
            "(the task: builder and WeasyPrint, once)",
            (time.perf_counter() - started) * 1000,
        )
    )
    # Word files (decision 0054): each read by someone who may (the assessment's lead for the
    # letter, the HMI for the notebook, the administrator for the self-assessment).
    letter_client = Client()
    letter_client.force_login(letter_lead)
    hmi_client = Client()
    hmi_client.force_login(hmi)
    notebook_docx_url = f"/assessments/{sharpston.pk}/analysis/export/steps-1-4.docx"

    def docx_cold(who, url: str) -> None:
        forget()
        response = who.get(url)
        assert response.status_code == 202, response.status_code

    def docx_task(who, url: str):
        """The task's work on one Word file, again and again: queued by a cold download
        (not timed), then built; each run re-queues the same payload and drops the file."""
        docx_cold(who, url)
        build = DocumentBuild.objects.get()
        payload = bytes(build.payload)

        def run() -> None:
            DocumentBuild.objects.filter(pk=build.pk).update(
                status=DocumentBuild.Status.QUEUED, payload=payload
            )
            assert documents.docx_build(build.pk) == DocumentBuild.Status.READY
            DocumentBuild.objects.get(pk=build.pk).file.delete(save=False)

        return run

    with override_settings(DOCUMENT_BUILD_WAIT_SECONDS=0):
        rows.append(
            (
                "evidence notebook DOCX download, 200 entries, cold cache: render the HTML, "
                "queue the build, answer 'being prepared' (no wait)",
                median_ms(lambda: docx_cold(hmi_client, notebook_docx_url), 3),
            )
        )
        rows.append(
            (
                f"letter as DOCX ({letter_words} words), its build (the task: builder and "
                "python-docx)",
                median_ms(docx_task(letter_client, letter_url), 5),
            )
        )
        rows.append(
            (
                "evidence notebook as DOCX, 200 entries, its build (the task: builder and "
                "python-docx)",
                median_ms(docx_task(hmi_client, notebook_docx_url), 5),
            )
        )
        rows.append(
            (
                f"self-assessment as DOCX (version {version.number}), its build (the task: "
                "builder and python-docx)",
                median_ms(docx_task(client, sa_url.removesuffix(".pdf") + ".docx"), 5),
            )
        )
        forget()
        hmi_client.get(notebook_docx_url)
        documents.docx_build(DocumentBuild.objects.get().pk)

        def docx_warm() -> None:
            response = hmi_client.get(notebook_docx_url)
            assert response.status_code == 200 and response.content.startswith(b"PK")

        rows.append(
            (
                "evidence notebook DOCX download, warm cache (the stored file)",
                median_ms(docx_warm, 10),
            )
        )
    forget()
    return rows


def main() -> None:
    """A scratch SQLite database with the demo, then the rows (as bench/__main__.py does)."""
    workdir = tempfile.mkdtemp(prefix="ecm-bench-documents-")
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/bench.sqlite3"
    bench_environment()
    os.environ.setdefault("MEDIA_ROOT", f"{workdir}/media")
    import django  # noqa: PLC0415

    django.setup()
    from django.core.management import call_command  # noqa: PLC0415

    call_command("migrate", verbosity=0)
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    print("\n".join(_line(label, figure) for label, figure in run()))


if __name__ == "__main__":
    main()
