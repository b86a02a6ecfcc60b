"""The APA meeting's agenda and notes and the Moderation Form as PDF and DOCX (issue 6 §7; 002
§G.iv the eight agenda items, §G.i the interim judgements in words, §H and Appendix A the
Moderation Form submitted with Steps 2-4 of the notebook).

The data is made through the services, as the pages make it; the documents are read back with
pypdf and python-docx."""

import io
from datetime import date, time, timedelta

import pytest
from docx import Document

from ecm.accounts.roles import Role
from ecm.analysis.content import strand
from ecm.analysis.selectors import overall_summary
from ecm.analysis.services import judgements as steps_services
from ecm.meetings.agenda import AGENDA_ITEMS
from ecm.meetings.services import moderation
from ecm.meetings.services.meetings import agenda as agenda_services
from ecm.meetings.services.meetings import arrangements as arrangement_services
from ecm.meetings.services.meetings import notes as notes_services
from ecm.workdays.calendar import is_working_day

pytestmark = pytest.mark.django_db

THEME = "Partnership working is strong across health and schools."
BULLET_ONE = "Teenage conceptions have fallen for three years"
BULLET_TWO = "Healthy schools status is above the national picture"
ITEM_5_TEXT = f"The reasons, from the trail of evidence:\n- {BULLET_ONE}\n- {BULLET_TWO}"
DIRECTOR = "Dr Jack Blade"
VENUE = "The Municipal Centre, Sharpston"
INTERIM = {
    "children_services": "Children's services overall make a good contribution to outcomes.",
    "education": "Education services make a good contribution.",
    "social_care": "Social care services make an adequate contribution.",
    "capacity": "The council's capacity to improve is good.",
}
ISSUE = "The director asked how the looked after children figures were read."
RESPONSE_TEXT = "The inspectors explained they used the latest published return."
REASONS = "Signs of risk: the self-assessment grades differ from the indicators."
CONCERNS = ["Staying safe: re-registrations", "Capacity to improve: recruitment of social workers"]
APPENDIX_A = [
    "Integrated Children's Services Framework Annual Performance Assessment",
    "Moderation Form",
    "Council",
    "CSCI BRM",
    "Ofsted Inspector",
    "Reasons for selecting for Moderation",
    "Areas of Concern",
]
STEP_TITLES = [
    "Step 2: Summary of the findings and indicative judgements",
    "Step 3: Overall summary",
    "Step 4: Summative judgements",
]
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _words(text: str) -> str:
    return " ".join(text.split())


def _pdf_text(body: bytes) -> str:
    pypdf = pytest.importorskip("pypdf")
    assert body.startswith(b"%PDF")
    reader = pypdf.PdfReader(io.BytesIO(body))
    return _words(" ".join(page.extract_text() for page in reader.pages))


def _docx_text(body: bytes) -> str:
    document = Document(io.BytesIO(body))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    parts += [p.text for p in document.sections[0].header.paragraphs]
    return _words(" ".join(parts))


def _text(response) -> str:
    """The words of a downloaded document, PDF or DOCX, after checking it is one."""
    assert response.status_code == 200
    if response["Content-Type"] == DOCX:
        return _docx_text(response.content)
    assert response["Content-Type"] == "application/pdf"
    return _pdf_text(response.content)


def _meeting_day(assessment) -> date:
    day = assessment.round.analysis_starts + timedelta(days=7)
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


@pytest.fixture
def arranged(assessment, hmi, link_officer):
    """A meeting with a date, a chair, an attendee and a drafted agenda with item 5 rewritten
    as bullets. `link_officer` is the council's account the agenda is sent to."""
    arrangement_services.meeting_date_propose(
        actor=hmi,
        assessment=assessment,
        day=_meeting_day(assessment),
        starts_at=time(10, 0),
        venue=VENUE,
    )
    arrangement_services.meeting_chair_set(actor=hmi, assessment=assessment, chair="ofsted")
    arrangement_services.attendee_add(
        actor=hmi,
        assessment=assessment,
        role="director",
        name=DIRECTOR,
        job_title="Director of Children's Services",
        organisation=assessment.council.name,
    )
    return _write_agenda(assessment, hmi, {2: THEME, 5: ITEM_5_TEXT})


def _write_agenda(assessment, hmi, texts: dict[int, str]):
    """Draft the agenda from the notebook, then write every item (an item the notebook could
    not fill may not be sent), `texts` for those given."""
    meeting = agenda_services.agenda_draft(actor=hmi, assessment=assessment)
    written = {
        number: f"What the inspectors will say about: {title}." for number, title in AGENDA_ITEMS
    }
    return agenda_services.agenda_save(
        actor=hmi,
        assessment=assessment,
        texts=written | texts,
        expected_lock_version=meeting.lock_version,
    )


@pytest.fixture
def agenda_sent(arranged, assessment, hmi):
    return agenda_services.agenda_send(actor=hmi, assessment=assessment)


@pytest.fixture
def notes_shared(agenda_sent, assessment, hmi):
    notes_services.meeting_note_add(
        actor=hmi,
        assessment=assessment,
        agenda_item=5,
        raised_by=DIRECTOR,
        issue=ISSUE,
        response=RESPONSE_TEXT,
    )
    meeting = notes_services.interim_judgements_save(
        actor=hmi, assessment=assessment, judgements=INTERIM, expected_lock_version=None
    )
    notes_services.meeting_held_record(
        actor=hmi, assessment=assessment, held_on=meeting.date or date.today()
    )
    return notes_services.notes_share(actor=hmi, assessment=assessment)


def _meeting_url(assessment, path: str) -> str:
    return f"/assessments/{assessment.pk}/meeting/{path}"


def _record_url(assessment, record, fmt: str) -> str:
    return _meeting_url(assessment, f"records/{record.pk}/document.{fmt}")


def _form_url(assessment, fmt: str) -> str:
    return f"/assessments/{assessment.pk}/moderation/form/document.{fmt}"


@pytest.fixture
def form_submitted(assessment, hmi, administrator, write_steps):
    """A council selected for moderation, its Moderation Form filled in and submitted with
    Steps 2-4 written and signed (002 §H)."""
    moderation.moderation_choose(
        actor=administrator, assessment=assessment, selected=True, reason="Signs of risk"
    )
    moderation.moderation_form_save(
        actor=hmi,
        assessment=assessment,
        reasons=REASONS,
        concerns=CONCERNS,
        expected_lock_version=None,
    )
    write_steps(assessment)
    return moderation.moderation_form_submit(actor=hmi, assessment=assessment)


# ---------------------------------------------------------------------- The agenda as sent


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_issue_6_s7_the_agenda_as_sent_holds_the_eight_items_of_002_g_iv(
    client, hmi, assessment, agenda_sent, fmt
):
    client.force_login(hmi)
    response = client.get(_record_url(assessment, agenda_sent, fmt))
    text = _text(response)
    assert "Annual performance assessment meeting: agenda (version 1, sent" in text
    for number, title in AGENDA_ITEMS:
        assert _words(f"{number}. {title}") in text
    assert THEME in text and BULLET_ONE in text and BULLET_TWO in text
    assert DIRECTOR in text and VENUE in text and "10:00" in text
    assert "Ofsted (the HMI)" in text  # the chair (002 §G.ii)
    assert assessment.council.name in text
    assert "Working copy" not in text
    name = f"apa-meeting-agenda-{assessment.council.la_number}-v1.{fmt}"
    assert response["Content-Disposition"] == f'attachment; filename="{name}"'


def test_issue_6_s7_item_text_bullets_print_as_a_list_in_the_docx(
    client, hmi, assessment, agenda_sent
):
    """Item text is plain text with "- " bullet lines (000 §11): bullets, not dashes."""
    client.force_login(hmi)
    document = Document(
        io.BytesIO(client.get(_record_url(assessment, agenda_sent, "docx")).content)
    )
    bullets = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert bullets == [BULLET_ONE, BULLET_TWO]
    assert not any(p.text.startswith("- ") for p in document.paragraphs)


def test_issue_6_s7_a_record_prints_what_was_sent_not_the_meeting_as_it_is_now(
    client, hmi, assessment, arranged, agenda_sent
):
    """The council only ever sees what was sent to it (issue 6 §2): later edits to the working
    agenda are not in the version sent."""
    texts = {item["number"]: item["text"] for item in arranged.agenda}
    texts[2] = "A later theme, not yet sent."
    agenda_services.agenda_save(
        actor=hmi,
        assessment=assessment,
        texts=texts,
        expected_lock_version=arranged.lock_version,
    )
    client.force_login(hmi)
    sent = _text(client.get(_record_url(assessment, agenda_sent, "pdf")))
    assert THEME in sent and "A later theme" not in sent
    working = _text(client.get(_meeting_url(assessment, "agenda/document.docx")))
    assert "A later theme, not yet sent." in working


# ----------------------------------------------------------------------- The working copies


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_issue_6_s7_the_working_agenda_is_marked_as_not_sent_to_the_council(
    client, hmi, assessment, arranged, fmt
):
    client.force_login(hmi)
    response = client.get(_meeting_url(assessment, f"agenda/document.{fmt}"))
    text = _text(response)
    assert "Working copy — not sent to the council" in text
    assert "Annual performance assessment meeting: agenda (working copy)" in text
    for _, title in AGENDA_ITEMS:
        assert _words(title) in text
    assert BULLET_ONE in text
    name = f"apa-meeting-agenda-{assessment.council.la_number}-working-copy.{fmt}"
    assert response["Content-Disposition"] == f'attachment; filename="{name}"'


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_issue_6_s7_the_working_notes_hold_the_notes_interim_judgements_and_attendees(
    client, brm, assessment, arranged, hmi, fmt
):
    """002 §G.ii: notes of issues raised and responses; §G.i items 3-4: interim judgements in
    words, not grades."""
    notes_services.meeting_note_add(
        actor=hmi, assessment=assessment, agenda_item=3, raised_by=DIRECTOR, issue=ISSUE
    )
    notes_services.interim_judgements_save(
        actor=hmi,
        assessment=assessment,
        judgements={"education": INTERIM["education"]},
        expected_lock_version=None,
    )
    client.force_login(brm)
    text = _text(client.get(_meeting_url(assessment, f"notes/document.{fmt}")))
    assert "Working copy — not sent to the council" in text
    assert ISSUE in text and DIRECTOR in text
    assert INTERIM["education"] in text
    assert "Not given yet." in text  # the other three interim judgements
    assert "No response recorded." in text


def test_issue_6_s7_the_working_copies_before_any_arrangement_list_what_is_to_come(
    client, hmi, assessment
):
    """Before anything is arranged: the eight items of 002 §G.iv and the four interim
    judgements of 002 §G.i items 3-4, none written yet."""
    client.force_login(hmi)
    text = _text(client.get(_meeting_url(assessment, "agenda/document.docx")))
    assert "Not drafted yet" in text
    for _, title in AGENDA_ITEMS:
        assert _words(title) in text
    text = _text(client.get(_meeting_url(assessment, "notes/document.docx")))
    for title in ("Children's services overall", "Education", "Social care", "Capacity to improve"):
        assert title in text
    assert text.count("Not given yet.") == 4
    assert text.count("Nothing was noted under this item.") == len(AGENDA_ITEMS)


def test_issue_6_s7_a_moderator_gets_the_moderation_form(
    client, moderator, assessment, form_submitted
):
    """002 §H: the moderation day discusses the form and Steps 2-4 (apa.view_moderation_form:
    the inspectorate staff who work across councils)."""
    client.force_login(moderator)
    text = _text(client.get(_form_url(assessment, "docx")))
    assert REASONS in text and STEP_TITLES[0] in text


# ------------------------------------------------------------------------- The notes as sent


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_issue_6_s7_the_notes_as_sent_give_interim_judgements_in_words_and_notes_by_item(
    client, link_officer, assessment, notes_shared, fmt
):
    """002 §G.i items 3-4 and §G.ii: the council downloads the notes shared with it."""
    client.force_login(link_officer)
    response = client.get(_record_url(assessment, notes_shared, fmt))
    text = _text(response)
    assert "Annual performance assessment meeting: notes (version 1, sent" in text
    for judgement in INTERIM.values():
        assert judgement in text
    for title in ("Children's services overall", "Education", "Social care"):
        assert title in text
    assert "Capacity to improve" in text
    assert _words(f"5. {AGENDA_ITEMS[4][1]}") in text
    assert ISSUE in text and RESPONSE_TEXT in text and f"Raised by {DIRECTOR}" in text
    assert "Held on" in text and DIRECTOR in text
    name = f"apa-meeting-notes-{assessment.council.la_number}-v1.{fmt}"
    assert response["Content-Disposition"] == f'attachment; filename="{name}"'


# ------------------------------------------------------------------------------ Who gets what


def test_issue_6_s7_a_council_user_gets_the_agenda_sent_to_its_council(
    client, link_officer, assessment, agenda_sent
):
    client.force_login(link_officer)
    text = _text(client.get(_record_url(assessment, agenda_sent, "pdf")))
    assert THEME in text


@pytest.mark.parametrize(
    "path",
    [
        "meeting/agenda/document.pdf",
        "meeting/notes/document.docx",
        "moderation/form/document.pdf",
        "moderation/form/document.docx",
    ],
)
def test_issue_6_s7_council_users_never_get_working_copies_or_the_moderation_form(
    client, link_officer, assessment, form_submitted, arranged, path
):
    """The working copies and the Moderation Form are the inspectorate's: 404, as for a page
    that does not exist (DOMAIN.md §1)."""
    client.force_login(link_officer)
    assert client.get(f"/assessments/{assessment.pk}/{path}").status_code == 404


def test_issue_6_s7_a_council_user_gets_404_for_another_councils_record(
    client, link_officer, hmi, brm, other_assessment, other_council, make_user
):
    make_user(Role.LINK_OFFICER, council=other_council)  # the other council's recipient
    arrangement_services.meeting_chair_set(actor=hmi, assessment=other_assessment, chair="csci")
    _write_agenda(other_assessment, hmi, {})
    record = agenda_services.agenda_send(actor=hmi, assessment=other_assessment)
    client.force_login(link_officer)
    assert client.get(_record_url(other_assessment, record, "pdf")).status_code == 404
    client.force_login(brm)
    assert client.get(_record_url(other_assessment, record, "pdf")).status_code == 200


def test_issue_6_s7_a_record_of_another_meeting_is_not_found(
    client, hmi, assessment, other_assessment, other_council, make_user
):
    make_user(Role.LINK_OFFICER, council=other_council)
    arrangement_services.meeting_chair_set(actor=hmi, assessment=other_assessment, chair="csci")
    _write_agenda(other_assessment, hmi, {})
    record = agenda_services.agenda_send(actor=hmi, assessment=other_assessment)
    client.force_login(hmi)
    assert client.get(_record_url(assessment, record, "pdf")).status_code == 404


def test_issue_6_s7_inspectorate_staff_not_on_the_assessment_get_404(
    client, make_user, assessment, agenda_sent, form_submitted
):
    stranger = make_user(Role.HMI)
    client.force_login(stranger)
    assert client.get(_record_url(assessment, agenda_sent, "pdf")).status_code == 404
    assert client.get(_meeting_url(assessment, "agenda/document.pdf")).status_code == 404
    assert client.get(_form_url(assessment, "pdf")).status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "meeting/minutes/document.pdf",
        "meeting/agenda/document.odt",
        "meeting/notes/document.html",
        "moderation/form/document.txt",
    ],
)
def test_issue_6_s7_an_unknown_document_or_format_is_not_found(
    client, hmi, assessment, arranged, path
):
    client.force_login(hmi)
    assert client.get(f"/assessments/{assessment.pk}/{path}").status_code == 404


def test_issue_6_s7_a_record_in_an_unknown_format_is_not_found(
    client, hmi, assessment, agenda_sent
):
    client.force_login(hmi)
    assert client.get(_record_url(assessment, agenda_sent, "odt")).status_code == 404


# ------------------------------------------------------------------------ The Moderation Form


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_issue_6_s7_the_moderation_form_follows_appendix_a_with_steps_2_to_4(
    client, hmi, brm, assessment, form_submitted, fmt
):
    """002 §H: "a form (see Appendix A) should be completed at the end of the analysis stage
    and submitted with the summary sheets (Step 2 - 4) from the Evidence Notebook"."""
    client.force_login(brm)
    response = client.get(_form_url(assessment, fmt))
    text = _text(response)
    for heading in APPENDIX_A:
        assert heading in text
    assert assessment.council.name in text
    assert hmi.get_full_name() in text and brm.get_full_name() in text
    assert REASONS in text
    for concern in CONCERNS:
        assert concern in text
    for title in STEP_TITLES:
        assert title in text
    assert "Good health outcomes" in text  # Step 2, from write_steps
    assert "Services work well together" in text  # Step 3
    assert "as submitted at" in text and "have changed since" not in text
    name = f"moderation-form-{assessment.council.la_number}.{fmt}"
    assert response["Content-Disposition"] == f'attachment; filename="{name}"'


def test_issue_6_s7_the_concerns_print_as_bullets_in_the_docx(
    client, hmi, assessment, form_submitted
):
    """Appendix A: the areas of concern are bullets."""
    client.force_login(hmi)
    document = Document(io.BytesIO(client.get(_form_url(assessment, "docx")).content))
    bullets = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert bullets[: len(CONCERNS)] == CONCERNS


def test_issue_6_s7_steps_changed_after_submission_are_not_called_as_submitted(
    client, hmi, assessment, form_submitted
):
    """ModerationForm.steps records the revisions submitted; once Step 3 has a newer revision,
    the document prints the notebook as it stands and says so."""
    saved = overall_summary(assessment=assessment)
    steps_services.overall_summary_save(
        assessment=assessment,
        actor=hmi,
        shown=saved.current.number,
        strands={
            "children_services": strand(grade=3, text="Rewritten after submission", entries=[])
        },
        trail="The key trail of evidence",
        reason="Tightened the wording",
    )
    client.force_login(hmi)
    text = _text(client.get(_form_url(assessment, "pdf")))
    assert "have changed since" in text and "as submitted at" not in text
    assert "Rewritten after submission" in text


def test_issue_6_s7_a_form_not_yet_submitted_says_so(client, hmi, assessment, administrator):
    moderation.moderation_choose(
        actor=administrator, assessment=assessment, selected=True, reason="Signs of risk"
    )
    moderation.moderation_form_save(
        actor=hmi,
        assessment=assessment,
        reasons=REASONS,
        concerns=CONCERNS[:1],
        expected_lock_version=None,
    )
    client.force_login(hmi)
    text = _text(client.get(_form_url(assessment, "docx")))
    assert "Not submitted yet" in text and REASONS in text
    assert "as submitted at" not in text


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_issue_6_s7_user_text_with_markup_and_a_vertical_tab_prints_as_text(
    client, hmi, assessment, fmt
):
    """What inspectors type is printed as they typed it, never read as markup; a character
    XML cannot hold (a vertical tab pasted from Word) is dropped rather than break the file."""
    _write_agenda(assessment, hmi, {2: "Fewer <b>repeat</b> referrals\x0b this year."})
    client.force_login(hmi)
    text = _text(client.get(_meeting_url(assessment, f"agenda/document.{fmt}")))
    assert "Fewer <b>repeat</b> referrals this year." in text
