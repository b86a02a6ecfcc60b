"""The APA meeting (002 §G) and moderation (002 §H): their pages and documents."""

from django.urls import path

from ecm.meetings.views import conversation, documents, meetings, moderation

app_name = "meetings"
M = "assessments/<int:pk>/meeting/"  # the APA meeting (002 §G)
C = "assessments/<int:pk>/single-conversation/"  # the 2007 cycle's (issue 23 §1)
urlpatterns = [
    # The single conversation of the 2007 cycle, which replaces the meeting (issue 23 §1)
    path(C, conversation.conversation, name="conversation"),
    path(C + "date/", conversation.propose, name="conversation-date"),
    path(C + "date/answer/", conversation.answer, name="conversation-date-answer"),
    path(C + "record/", conversation.record, name="conversation-record"),
    path(C + "share/", conversation.share, name="conversation-share"),
    # The meeting (002 §G)
    path(M, meetings.meeting, name="meeting"),
    path(M + "date/", meetings.date_propose, name="meeting-date"),
    path(M + "date/answer/", meetings.date_answer, name="meeting-date-answer"),
    path(M + "chair/", meetings.chair, name="meeting-chair"),
    path(M + "attendees/add/", meetings.attendee_add, name="meeting-attendee-add"),
    path(
        M + "attendees/<int:attendee_pk>/remove/",
        meetings.attendee_remove,
        name="meeting-attendee-remove",
    ),
    path(M + "agenda/", meetings.agenda, name="meeting-agenda"),
    path(M + "agenda/draft/", meetings.agenda_draft, name="meeting-agenda-draft"),
    path(M + "agenda/send/", meetings.agenda_send, name="meeting-agenda-send"),
    path(M + "records/<int:record_pk>/", meetings.record, name="meeting-record"),
    path(
        M + "records/<int:record_pk>/answer/", meetings.record_answer, name="meeting-record-answer"
    ),
    path(M + "notes/add/", meetings.note_add, name="meeting-note-add"),
    path(M + "notes/<int:note_pk>/", meetings.note_edit, name="meeting-note-edit"),
    path(M + "interim/", meetings.interim, name="meeting-interim"),
    path(M + "held/", meetings.held, name="meeting-held"),
    path(M + "notes/share/", meetings.notes_share, name="meeting-notes-share"),
    # Meeting documents (issue 6 §7): the working copies, and what was sent to the council
    path(
        M + "<str:kind>/document.<str:fmt>",
        documents.meeting_working,
        name="meeting-document",
    ),
    path(
        M + "records/<int:record_pk>/document.<str:fmt>",
        documents.meeting_record,
        name="meeting-record-document",
    ),
    # Moderation (002 §H)
    path("rounds/<int:pk>/moderation/", moderation.overview, name="moderation"),
    path("rounds/<int:pk>/moderation/propose/", moderation.propose, name="moderation-propose"),
    path("rounds/<int:pk>/moderation/days/add/", moderation.day_add, name="moderation-day-add"),
    path("moderation/days/<int:pk>/", moderation.day, name="moderation-day"),
    path("moderation/days/<int:pk>/groups/add/", moderation.group_add, name="moderation-group-add"),
    path("moderation/days/<int:pk>/place/", moderation.place, name="moderation-place"),
    path("moderation/days/<int:pk>/benchmark/", moderation.benchmark, name="moderation-benchmark"),
    path("assessments/<int:pk>/moderation/choose/", moderation.choose, name="moderation-choose"),
    path("assessments/<int:pk>/moderation/form/", moderation.form, name="moderation-form"),
    path(
        "assessments/<int:pk>/moderation/form/submit/",
        moderation.form_submit,
        name="moderation-form-submit",
    ),
    path(
        "assessments/<int:pk>/moderation/form/document.<str:fmt>",
        documents.moderation_form,
        name="moderation-form-document",
    ),
    path("assessments/<int:pk>/moderation/outcome/", moderation.outcome, name="moderation-outcome"),
]
