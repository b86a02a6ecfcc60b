"""After the final letter (issue 23 §2): proof reading and clearance before publication (the
handbook, section I stage 3), the council's open meeting, publication and copies (section J),
and the closed round's archive, read-only until its retention date (sections F and I)."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from ecm.analysis.services.revisions import revision_add
from ecm.apa import services as apa_services
from ecm.apa.workflow import AssessmentStatus
from ecm.audit.models import AuditEntry
from ecm.audit.verbs import VERB_WORDS
from ecm.core.archive import refuse_if_round_archived, round_archived
from ecm.letters.due import due_on_letters
from ecm.letters.models import PublicationStep, PublicationStepKind, RoundArchive
from ecm.letters.services.archive import retention_date, round_archive
from ecm.letters.services.editing import letter_section_save
from ecm.letters.services.publication import publication_deadline, publication_step_record
from ecm.letters.services.stages import letter_change_stage
from ecm.letters.workflow import STAGES, LetterStage

pytestmark = pytest.mark.django_db
S = LetterStage


def _published_day(letter):
    return timezone.localdate(letter.sendings.filter(kind="publication").get().sent_at)


# --- Section I stage 3: proof reading and clearance ------------------------------------------


def test_proof_reading_and_clearance_come_between_the_final_letter_and_publication():
    """Section I stage 3: the amended letter "should be submitted for proof reading,
    confirmation of judgements, final clearance, and publication to the authority"."""
    assert STAGES[S.FINAL].forward == (S.PROOF_READ,)
    assert STAGES[S.PROOF_READ].forward == (S.CLEARED,)
    assert STAGES[S.CLEARED].forward == (S.PUBLISHED,)
    assert S.PUBLISHED not in STAGES[S.FINAL].forward + STAGES[S.PROOF_READ].forward


def test_the_lead_cannot_publish_a_final_letter_not_proof_read_or_cleared(letter, advance, hmi):
    """Section I stage 3: nothing reaches the council before proof reading and clearance."""
    advance(letter, S.FINAL)
    with pytest.raises(ValidationError, match="cannot move from final letter with grades"):
        letter_change_stage(actor=hmi, letter=letter, to=S.PUBLISHED)


def test_the_administrative_staff_proof_read_and_a_reader_clears_each_audited(
    letter, advance, hmi, administrator, management_reader, csci_manager
):
    """Section A: the Lead submits "the letter to the appropriate administrative staff for
    clearance and publication"; section I: "management clearance of letters". Only those
    people make each move, and each is in the audit trail with who and when."""
    advance(letter, S.FINAL)
    with pytest.raises(ValidationError, match="administrative staff"):
        letter_change_stage(actor=hmi, letter=letter, to=S.PROOF_READ)
    letter_change_stage(actor=administrator, letter=letter, to=S.PROOF_READ)
    with pytest.raises(ValidationError, match="a manager who read the letter"):
        letter_change_stage(actor=administrator, letter=letter, to=S.CLEARED)
    letter_change_stage(actor=management_reader, letter=letter, to=S.CLEARED)
    moves = AuditEntry.objects.filter(verb="letter.stage_changed", target_id=str(letter.pk))
    assert moves.filter(actor=administrator, after__stage="proof_read").exists()
    assert moves.filter(actor=management_reader, after__stage="cleared").exists()
    letter_change_stage(actor=hmi, letter=letter, to=S.PUBLISHED)
    letter.assessment.refresh_from_db()
    assert letter.assessment.status == AssessmentStatus.PUBLISHED


def test_a_mistake_found_in_proof_reading_sends_the_letter_back_with_a_reason(letter, advance, hmi):
    """Section I stage 3: proof reading finds what must be put right; the inspectors move it
    back, with a reason, and its draft-only sections return to be amended."""
    advance(letter, S.PROOF_READ)
    with pytest.raises(ValidationError, match="Enter why"):
        letter_change_stage(actor=hmi, letter=letter, to=S.RESPONSES_GIVEN)
    letter = letter_change_stage(actor=hmi, letter=letter, to=S.RESPONSES_GIVEN, reason="A typo")
    assert letter.stage == S.RESPONSES_GIVEN


def test_proof_reading_and_clearance_are_due_for_the_people_who_do_them(
    letter, advance, administrator, csci_manager, hmi
):
    """Section I stage 3: what is due lists the proof reading for the administrative staff and
    the clearance for the manager, citing the handbook, never the project's files."""
    advance(letter, S.FINAL)
    due = due_on_letters(administrator)
    assert [d.task for d in due] == ["letter_proof_read"]
    assert due[0].source == "the handbook, section I stage 3"
    assert due_on_letters(hmi) == []
    advance(letter, S.PROOF_READ)
    assert [d.task for d in due_on_letters(csci_manager)] == ["letter_clear"]
    assert due_on_letters(administrator) == []
    advance(letter, S.CLEARED)
    assert [d.task for d in due_on_letters(hmi)] == ["letter_publish"]


# --- Section J: the council presents, publishes and copies the letter ------------------------


def test_the_council_records_each_step_once_published_audited(letter, advance, link_officer, hmi):
    """Section J: "present the letter to an open meeting of the relevant executive committee
    of the council by the end of January; make the letter available to members of the public
    at the same time; copy the letter to the council's appointed auditor, and to relevant
    partners". The council records each; each record is audited."""
    advance(letter, S.CLEARED)
    with pytest.raises(ValidationError, match="not published yet"):
        publication_step_record(
            actor=link_officer, letter=letter, kind="public", done_on=date.today(), details="x"
        )
    advance(letter, S.PUBLISHED)
    day = _published_day(letter)
    with pytest.raises(ValidationError, match="link officer or director"):
        publication_step_record(
            actor=hmi, letter=letter, kind="public", done_on=day, details="Website"
        )
    with pytest.raises(ValidationError, match="committee"):
        publication_step_record(
            actor=link_officer, letter=letter, kind="open_meeting", done_on=day, details=" "
        )
    with pytest.raises(ValidationError, match="in the future"):
        publication_step_record(
            actor=link_officer,
            letter=letter,
            kind="auditor",
            done_on=day + timedelta(days=400),
            details="The auditor",
        )
    with pytest.raises(ValidationError, match="before the letter was published"):
        publication_step_record(
            actor=link_officer,
            letter=letter,
            kind="auditor",
            done_on=day - timedelta(days=1),
            details="The auditor",
        )
    assert len(due_on_letters(link_officer)) == 4
    publication_step_record(
        actor=link_officer,
        letter=letter,
        kind="open_meeting",
        done_on=day,
        details="Cabinet, open meeting",
    )
    entry = AuditEntry.objects.get(verb="letter.publication_step_recorded")
    assert entry.actor == link_officer and entry.after["details"] == "Cabinet, open meeting"
    left = [d.task for d in due_on_letters(link_officer)]
    assert "letter_publication_open_meeting" not in left and len(left) == 3
    assert PublicationStep.objects.filter(letter=letter).count() == 1


def test_the_council_is_due_by_the_end_of_january_after_the_final_letter(letter):
    """Section J: "by the end of January 2006" after the final letters of late October 2005."""
    final_by = letter.assessment.round.final_letter_by
    assert publication_deadline(letter) == date(final_by.year + 1, 1, 31)


def test_the_councils_page_shows_each_step_and_takes_a_record(
    client, letter, advance, link_officer
):
    """Section J, on the council's own page, cited as the handbook."""
    advance(letter, S.PUBLISHED)
    page = reverse("letters:publication", kwargs={"pk": letter.assessment_id})
    client.force_login(link_officer)
    shown = client.get(page)
    assert shown.status_code == 200
    text = shown.content.decode()
    assert "the handbook, section J" in text and "002 §" not in text
    day = _published_day(letter)
    posted = client.post(
        page,
        {
            "kind": PublicationStepKind.PUBLIC,
            "done_on_0": day.day,
            "done_on_1": day.month,
            "done_on_2": day.year,
            "details": "On the council's website",
        },
    )
    assert posted.status_code == 302
    assert "On the council&#x27;s website" in client.get(page).content.decode()


# --- Sections F and I: the archive ----------------------------------------------------------


def _close(letter, advance):
    advance(letter, S.PUBLISHED)
    apa_services.assessment_change_status(
        actor=None, assessment=letter.assessment, to=AssessmentStatus.CLOSED
    )


def test_an_open_round_is_not_archived_and_the_refusal_names_what_is_open(
    letter, advance, administrator
):
    """Section I stage 3: the letter is archived once the process is complete; a round whose
    assessments are not all closed is refused, naming them."""
    advance(letter, S.PUBLISHED)
    with pytest.raises(ValidationError, match=letter.assessment.council.name):
        round_archive(actor=administrator, assessment_round=letter.assessment.round)
    assert not RoundArchive.objects.exists()


def test_a_closed_round_is_archived_read_only_until_its_retention_date(
    letter, advance, administrator, hmi, settings
):
    """Sections F and I: the notebook and letter are archived; the retention period is the
    project's labelled setting (the handbook gives none). Edits are then refused saying why,
    for letters and, through ecm.core.archive, for the notebook."""
    settings.LETTERS_ARCHIVE_RETENTION_YEARS = 3
    _close(letter, advance)
    assessment_round = letter.assessment.round
    with pytest.raises(ValidationError, match="Only a programme administrator"):
        round_archive(actor=hmi, assessment_round=assessment_round)
    archive = round_archive(
        actor=administrator, assessment_round=assessment_round, today=date(2008, 2, 29)
    )
    assert archive.retain_until == date(2011, 2, 28)
    assert archive.contents["letters"] == 1 and archive.contents["notebook_entries"] > 0
    assert AuditEntry.objects.filter(verb="round.archived", actor=administrator).exists()
    assert round_archived(assessment_round.pk).retain_until == date(2011, 2, 28)
    with pytest.raises(ValidationError, match=r"archived on .* read-only until 28 February 2011"):
        letter_section_save(
            actor=hmi,
            letter=letter,
            code="address",
            text="Changed",
            reason="Why",
            expected_lock_version=letter.lock_version,
        )
    with pytest.raises(ValidationError, match="The notebook can no longer be changed"):
        refuse_if_round_archived(assessment_round.pk, what="the notebook")
    # The notebook's one writer of revisions refuses too (section F).
    with pytest.raises(ValidationError, match="The evidence notebook can no longer be changed"):
        revision_add(
            assessment=letter.assessment,
            subject="entry",
            subject_id=1,
            current=None,
            content={"finding": "Changed after archiving"},
            actor=hmi,
            reason="Why",
        )
    with pytest.raises(ValidationError, match="was archived on"):
        round_archive(actor=administrator, assessment_round=assessment_round)


def test_retention_is_counted_in_years_from_the_archive_day():
    assert retention_date(date(2008, 3, 1), 6) == date(2014, 3, 1)


def test_the_command_archives_a_closed_round_and_refuses_an_open_one(letter, advance):
    """Section I stage 3, from cron or by hand: `manage.py archive_round ROUND`."""
    assessment_round = letter.assessment.round
    with pytest.raises(CommandError, match="has not closed"):
        call_command("archive_round", assessment_round.pk)
    _close(letter, advance)
    call_command("archive_round", assessment_round.pk)
    assert RoundArchive.objects.filter(round=assessment_round).exists()


def test_the_archive_page_is_the_administrators(client, letter, advance, administrator, hmi):
    _close(letter, advance)
    page = reverse("letters:archive", kwargs={"pk": letter.assessment.round_id})
    client.force_login(hmi)
    assert client.get(page).status_code == 404
    client.force_login(administrator)
    assert "LETTERS_ARCHIVE_RETENTION_YEARS" in client.get(page).content.decode()
    assert client.post(page).status_code == 302
    assert RoundArchive.objects.filter(round_id=letter.assessment.round_id).exists()


def test_every_new_verb_reads_as_words():
    """Issue 23 §3: audit entries read as sentences, not codes."""
    for verb in ("letter.publication_step_recorded", "round.archived"):
        assert verb in VERB_WORDS
