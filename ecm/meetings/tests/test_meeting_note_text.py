"""The additional information a council brings to the APA meeting goes into the information
pack (002 §G.i.2), and its text is read off the request like every pack item's (issue 21 §1;
decision 0037): the note's message tells the inspector how the reading went, and a file whose
text could not be read is still kept in the pack, with why."""

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ecm.analysis.models import PackItem
from ecm.analysis.search import pack_search
from ecm.analysis.services import pack as pack_services
from ecm.analysis.tests.fixtures import docx_bytes
from ecm.apa.models import MeetingNote
from ecm.core.uploads.extraction import TEXT_TOO_MUCH_MEMORY
from ecm.core.uploads.text_task import TEXT_BEING_READ, TEXT_NOT_READ, TEXT_READ, TextStatus
from ecm.meetings import meeting_forms as forms

pytestmark = pytest.mark.django_db


def _note_with_file(client, assessment, user) -> str:
    """Post a note with a file through the page; the message it leaves."""
    client.force_login(user)
    response = client.post(
        reverse("meetings:meeting-note-add", kwargs={"pk": assessment.pk}),
        {
            "agenda_item": "5",
            "raised_by": "The director of children's services",
            "issue": "The attendance figures are out of date",
            "file": SimpleUploadedFile(
                "figures.docx", docx_bytes("Attendance rose in the summer term")
            ),
            "upload_title": "Attendance figures, summer term",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return [str(m) for m in get_messages(response.wsgi_request)][-1]


def test_the_note_says_the_files_text_can_be_searched_issue_21_1(client, assessment, hmi):
    said = _note_with_file(client, assessment, hmi)
    assert said.endswith(
        f"Attendance figures, summer term is kept in the information pack. {TEXT_READ}"
    )
    item = PackItem.objects.get(pk=MeetingNote.objects.get().pack_item_id)
    assert item.text_status == TextStatus.READY
    assert [h.origin_id for h in pack_search(assessment=assessment, query="attendance")] == [
        item.pk
    ]


def test_a_file_past_the_memory_limit_is_kept_with_why_and_the_note_says_so_issue_21_1(
    client, assessment, hmi, settings
):
    settings.UPLOAD_TEXT_MEMORY_BYTES = 50 * 1024 * 1024  # less than Python and its libraries
    said = _note_with_file(client, assessment, hmi)
    assert said.endswith(TEXT_NOT_READ.format(problem=TEXT_TOO_MUCH_MEMORY))
    item = PackItem.objects.get(pk=MeetingNote.objects.get().pack_item_id)
    assert (item.text_status, item.text_problem) == (TextStatus.FAILED, TEXT_TOO_MUCH_MEMORY)
    assert not pack_search(assessment=assessment, query="attendance")


def test_the_note_says_the_text_is_being_read_while_the_task_waits_issue_21_1(
    client, assessment, hmi, monkeypatch
):
    monkeypatch.setattr(pack_services, "text_read_later", lambda *, task, pk: None)
    said = _note_with_file(client, assessment, hmi)
    assert said.endswith(TEXT_BEING_READ)
    assert PackItem.objects.get().text_status == TextStatus.READING
    assert not pack_search(assessment=assessment, query="attendance")
    # The meeting page's list of notes says so beside the file, as the pack page does.
    page = client.get(reverse("meetings:meeting", kwargs={"pk": assessment.pk}))
    row = page.content.decode().split("Attendance figures, summer term</a>")[1].split("</td>")[0]
    assert "Reading the text" in row


def test_the_notes_form_says_the_text_is_read_after_saving_issue_21_1():
    assert "its text is read for search after it is saved" in str(
        forms.Note().fields["file"].help_text
    )
