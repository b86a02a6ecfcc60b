"""The information pack in the round's cycle (issue 23 §1): the 2007 briefing ("APA") says "The
CYPP review will be considered by Ofsted together with" the LSCB minutes, the children's homes'
inspections, the improved dataset, the TellUs survey, recent local inspections and the "field
force" analysis. Each is a type of pack item with the briefing's words; a round in that cycle
lists them as expected, each in the pack or missing, and adding an item offers them; the
handbook's cycle keeps its own lists (002 §B, §C)."""

from datetime import date
from pathlib import Path

import lxml.html
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from ecm.analysis.models import PackItem
from ecm.analysis.pack import CycleSource, PackCategory, pack_types
from ecm.analysis.services import pack as pack_services
from ecm.analysis.tests.fixtures import BRIEFING_TEXT, docx_bytes
from ecm.apa.cycles import BRIEFING_2007, HANDBOOK_2005, cycle_of
from ecm.apa.models import CyppReview

pytestmark = pytest.mark.django_db

SEEDS = Path(__file__).resolve().parents[3].parent / "shared" / "seeds"

# Each type and the briefing's own words for it (001 "APA").
BRIEFING_WORDS = {
    CycleSource.CYPP_REVIEW: "a multi-agency review of the Children and Young People's Plan",
    CycleSource.LSCB_MINUTES: "Minutes of the LSCB covering the area",
    CycleSource.CHILDRENS_HOMES: (
        "Inspections of local children's homes used by the authority, not just those within the "
        "authorities boundaries"
    ),
    CycleSource.DATASET_14_19: (
        "An improved dataset, presented better, but having further (unspecified) outcomes for "
        "young people aged 14 to 19"
    ),
    CycleSource.TELLUS_SURVEY: (
        "An improved updated TellUs survey of local children and young people"
    ),
    CycleSource.LOCAL_INSPECTIONS: "Recent local inspections",
    CycleSource.FIELD_FORCE: "the local 'field force' analysis",
}


def _briefing_text() -> str:
    (seed,) = SEEDS.glob("001_*.txt")
    # The seed writes curly apostrophes; the cycle's file and these words straight ones.
    return seed.read_text(encoding="utf-8").replace("\u2019", "'").replace("\u2018", "'")


@pytest.fixture
def round_2007(assessment):
    assessment.round.cycle = BRIEFING_2007
    assessment.round.save(update_fields=["cycle"])
    return assessment


def _page(client, assessment):
    response = client.get(reverse("analysis:pack", kwargs={"pk": assessment.pk}))
    assert response.status_code == 200
    return lxml.html.fromstring(response.content.decode())


def _row(page, code: str) -> str:
    (row,) = page.xpath(f"//tr[@id='expected-{code}']")
    return " ".join(row.text_content().split())


@pytest.mark.parametrize(("code", "words"), BRIEFING_WORDS.items())
def test_each_input_the_2007_briefing_names_is_a_type_with_its_words(code, words):
    """001 "APA": "The CYPP review will be considered by Ofsted together with: Minutes of the
    LSCB covering the area; Inspections of local children's homes used by the authority ...; An
    improved dataset ... 14 to 19; An improved updated TellUs survey ...; Recent local
    inspections and the local 'field force' analysis as at present." Each is a type, and the
    2007 cycle's file carries the briefing's words for it."""
    assert words in _briefing_text()
    sources = {s.code: s for s in cycle_of(BRIEFING_2007).pack_sources}
    assert words.lower() in sources[code].words.lower()
    assert sources[code].title == CycleSource(code).label


def test_every_cycles_sources_are_types_the_database_accepts_and_in_the_briefings_order():
    """Issue 23 §1: the pack "has no types for these inputs". A cycle file naming a source
    with no type here (so no place in the check constraint) fails this test."""
    for cycle_code in (BRIEFING_2007, HANDBOOK_2005):
        codes = [s.code for s in cycle_of(cycle_code).pack_sources]
        assert set(codes) <= set(CycleSource.values), cycle_code
    assert [s.code for s in cycle_of(BRIEFING_2007).pack_sources] == CycleSource.values


def test_the_handbooks_cycle_offers_its_own_kinds_and_no_cycle_source_002_C():
    """002 §C.i-ii: the handbook's cycle keeps its seven briefing sources and its supporting
    documents; it names nothing "considered with" a CYPP review."""
    handbook = cycle_of(HANDBOOK_2005)
    assert pack_types(category=PackCategory.CYCLE, cycle=handbook) == []
    assert len(pack_types(category=PackCategory.BRIEFING, cycle=handbook)) == 7
    # The 2007 briefing: "as at present": the handbook's briefings stay on offer.
    assert pack_types(category=PackCategory.BRIEFING, cycle=cycle_of(BRIEFING_2007)) == (
        pack_types(category=PackCategory.BRIEFING, cycle=handbook)
    )


def test_a_round_in_the_2007_cycle_takes_an_lscb_minutes_item(round_2007, upload_item):
    """001 "APA": "Minutes of the LSCB covering the area"."""
    item = upload_item(
        round_2007,
        category=PackCategory.CYCLE,
        source_type=CycleSource.LSCB_MINUTES,
        title="LSCB minutes, March 2008",
    )

    assert item.category == PackCategory.CYCLE
    assert item.source_type_label == "Minutes of the Local Safeguarding Children Board"


def test_a_handbook_round_refuses_a_2007_source(assessment, upload_item):
    """Issue 23 §1: adding a pack item offers the types of the round's cycle; the handbook's
    cycle names no TellUs survey."""
    with pytest.raises(ValidationError) as caught:
        upload_item(assessment, category=PackCategory.CYCLE, source_type=CycleSource.TELLUS_SURVEY)

    assert caught.value.message_dict == {
        "source_type": [pack_services.NO_TYPE.format(what=pack_services.KIND_OF["cycle"])]
    }


def test_the_database_refuses_a_cycle_type_under_another_category(round_2007, upload_item):
    """The check constraint lists the 2007 briefing's types under their own category only."""
    item = upload_item(round_2007)
    with pytest.raises(IntegrityError), transaction.atomic():
        PackItem.objects.filter(pk=item.pk).update(source_type=CycleSource.FIELD_FORCE)


def test_the_2007_pack_lists_what_is_expected_in_the_pack_and_missing(
    client, round_2007, upload_item, hmi, link_officer
):
    """001 "APA": the CYPP review "will be considered by Ofsted together with" six inputs: the
    pack lists all seven, in the briefing's words, each in the pack or missing. The council's
    submitted review counts as the CYPP review in the pack."""
    upload_item(
        round_2007,
        category=PackCategory.CYCLE,
        source_type=CycleSource.TELLUS_SURVEY,
        title="TellUs2 survey results",
    )
    client.force_login(hmi)

    page = _page(client, round_2007)

    assert "Missing" in _row(page, "cypp_review")
    assert "TellUs2 survey results" in _row(page, "tellus_survey")
    assert "In the pack" in _row(page, "tellus_survey")
    lscb = _row(page, "lscb_minutes")
    assert "Missing" in lscb and 'The briefing: "Minutes of the LSCB covering the area"' in lscb
    assert "6 of 7 still missing" in " ".join(page.text_content().split())

    CyppReview.objects.create(
        assessment=round_2007, submitted_at=timezone.now(), submitted_by=link_officer
    )
    page = _page(client, round_2007)
    assert "The council's review" in _row(page, "cypp_review")
    assert "In the pack" in _row(page, "cypp_review")


def test_the_handbooks_pack_keeps_its_own_lists_002_B_C(client, assessment, hmi):
    """002 §B, §C: a round in the handbook's cycle shows its briefings and pre-analysis
    checklist, and no list of the 2007 briefing's inputs."""
    client.force_login(hmi)

    page = _page(client, assessment)

    assert not page.xpath("//*[@id='expected']")
    assert page.xpath("//*[@id='checklist']")
    assert "None received" in page.text_content()


def test_adding_a_pack_item_offers_the_rounds_cycles_types(client, round_2007, assessment, hmi):
    """Issue 23 §1: the 2007 cycle's form offers the briefing's seven inputs, the one asked
    for chosen; the page does not exist in the handbook's cycle."""
    client.force_login(hmi)
    url = reverse("analysis:pack-upload", kwargs={"pk": round_2007.pk, "category": "cycle"})

    page = lxml.html.fromstring(client.get(url + "?type=field_force").content.decode())

    # The form's "title" field is an input in the form only, never the page's heading.
    assert page.xpath("normalize-space(//h1)") == "Add a document Ofsted considers with the review"
    assert len(page.xpath("//input[@name='title']")) == 1
    offered = page.xpath("//input[@name='source_type']/@value")
    assert offered == CycleSource.values
    (chosen,) = page.xpath("//input[@name='source_type'][@checked]/@value")
    assert chosen == "field_force"

    response = client.post(
        url,
        {
            "source_type": "childrens_homes",
            "title": "Inspection of Oak House (out of area)",
            "source": "CSCI",
            "dated": "3 3 2008",
            "file": SimpleUploadedFile("homes.docx", docx_bytes(BRIEFING_TEXT)),
        },
    )
    assert response.status_code == 302
    item = PackItem.objects.get()
    assert (item.source_type, item.dated) == ("childrens_homes", date(2008, 3, 3))

    round_2007.round.cycle = HANDBOOK_2005
    round_2007.round.save(update_fields=["cycle"])
    assert client.get(url).status_code == 404
