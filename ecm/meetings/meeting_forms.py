"""Forms of the APA meeting's pages (002 §G). They only declare fields: the rules and their
messages are the services' (ecm.meetings.services.meetings), shown on the form when refused."""

import re
from datetime import date, time

from django import forms
from django.core.exceptions import ValidationError

from ecm.analysis.content import OverallStrand
from ecm.apa.models import AttendeeRole, MeetingChair, MeetingOpener
from ecm.core.forms import DayField, GovUKForm
from ecm.core.uploads.refusals import DOCUMENT_EMPTY
from ecm.meetings.agenda import AGENDA_ITEMS
from ecm.meetings.services.meetings.arrangements import COUNCIL_SIDE, NO_NAME, NO_OPENER, NO_ROLE
from ecm.meetings.services.meetings.common import NO_CHAIR, NO_DATE
from ecm.meetings.services.meetings.notes import (
    BAD_ITEM,
    INTERIM_STRANDS,
    NO_ISSUE,
    NO_RAISED_BY,
    NO_REASON,
)

BAD_TIME = "Enter the start time like 10am, 2:30pm or 14:30"
NO_ANSWER = "Select whether you agree"
NO_HELD_ON = "Enter the date the meeting was held"
INTERIM_HELP = {
    OverallStrand.CHILDREN_SERVICES: (
        "The contribution of the council's children's services overall to outcomes for children "
        "and young people (the handbook, section G.i item 3)."
    ),
    OverallStrand.EDUCATION: (
        "The contribution of the council's education services (the handbook, section G.i item 3)."
    ),
    OverallStrand.SOCIAL_CARE: (
        "The contribution of the council's social care services (the handbook, section G.i item 3)."
    ),
    OverallStrand.CAPACITY: (
        "The council's capacity to improve the contribution of its children's services to "
        "outcomes for children and young people (the handbook, section G.i item 4)."
    ),
}


_TIME = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?$")


class StartTimeField(forms.CharField):
    """A time as people write it ("10am", "2:30pm", "14:30"): GOV.UK has no time input."""

    def to_python(self, value) -> time | None:
        text = super().to_python(value).strip().lower().replace(" ", "")
        if not text:
            return None
        if text in ("noon", "midday", "12noon"):
            return time(12, 0)
        found = _TIME.match(text)
        if not found:
            raise ValidationError(BAD_TIME)
        hour, minute, half = int(found[1]), int(found[2] or 0), found[3]
        if half:
            if not 1 <= hour <= 12:
                raise ValidationError(BAD_TIME)
            hour = hour % 12 + (12 if half == "pm" else 0)
        if hour > 23 or minute > 59:
            raise ValidationError(BAD_TIME)
        return time(hour, minute)

    def prepare_value(self, value):
        if isinstance(value, time):
            return value.strftime("%H:%M")
        return value


def _lock():
    return forms.IntegerField(widget=forms.HiddenInput, required=False)


def _text(label: str, *, rows: int = 4, required: bool = False, help_text: str = "", **kwargs):
    return forms.CharField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
        **kwargs,
    )


class DatePropose(GovUKForm):
    title = "Propose the date of the meeting"
    submit_label = "Propose this date"

    day = DayField(
        label="Date of the meeting",
        help_text="For example, 17 7 2007. A working day, after the analysis stage has started.",
        what="The date of the meeting",
        required_message=NO_DATE,
    )
    starts_at = StartTimeField(
        label="Start time (optional)", required=False, help_text="For example, 10am or 2:30pm"
    )
    venue = forms.CharField(
        label="Venue (optional)",
        max_length=200,
        required=False,
        help_text="The meeting is held at the council (the handbook, section G.ii).",
    )
    late_reason = _text("Why the meeting must be later (optional)", rows=3)
    lock_version = _lock()

    def __init__(self, *args, meeting_by: date, **kwargs):
        super().__init__(*args, **kwargs)
        by = f"{meeting_by:%A} {meeting_by.day} {meeting_by:%B %Y}"
        self.fields["late_reason"].label = f"Why the meeting must be after {by} (if it must)"
        self.fields[
            "late_reason"
        ].help_text = (
            f"The meeting is held by {by} (the handbook, section A). Only needed for a later date."
        )


class Answer(GovUKForm):
    """Yes, or no with a comment beneath. The comment box always shows, rather than being
    revealed under "No": crispy-forms-gds marks every radio as controlling a conditional block,
    which axe-core rejects (aria-controls naming nothing, aria-expanded on a radio); the
    service checks the comment is there when the answer is no."""

    agree_label = "Yes"
    change_label = "No"
    question = ""
    comment_label = ""
    answer = forms.ChoiceField(widget=forms.RadioSelect, error_messages={"required": NO_ANSWER})
    comment = _text("", rows=4)
    lock_version = _lock()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["answer"].label = self.question
        self.fields["answer"].choices = [("agree", self.agree_label), ("change", self.change_label)]
        self.fields["comment"].label = self.comment_label

    @property
    def agrees(self) -> bool:
        return self.cleaned_data["answer"] == "agree"


class DateAnswer(Answer):
    title = "Agree the date of the meeting"
    submit_label = "Send your answer"
    question = "Does this date suit the council?"
    agree_label = "Yes, we agree this date"
    change_label = "No, ask for another date"
    comment_label = "If not: why this date does not suit and which dates would"


class AgendaAnswer(Answer):
    title = "Agree the agenda"
    submit_label = "Send your answer"
    question = "Do you agree the agenda?"
    agree_label = "Yes, we agree the agenda"
    change_label = "No, we would like changes"
    comment_label = "If not: what you would like changed"


class Chair(GovUKForm):
    title = "Who chairs the meeting"
    submit_label = "Save"

    chair = forms.ChoiceField(
        label="Who chairs the meeting?",
        help_text=(
            "The Ofsted inspector or the BRM chairs the meeting (the handbook, section G.ii)."
        ),
        choices=MeetingChair.choices,
        widget=forms.RadioSelect,
        error_messages={"required": NO_CHAIR},
    )
    opened_by = forms.ChoiceField(
        label="Who opens the meeting?",
        help_text=(
            "It may be appropriate for the chief executive or the director of children's "
            "services to open it (the handbook, section G.ii)."
        ),
        choices=MeetingOpener.choices,
        widget=forms.RadioSelect,
        required=False,
        error_messages={"invalid_choice": NO_OPENER},
    )
    lock_version = _lock()


class AttendeeAdd(GovUKForm):
    title = "Add an attendee"
    submit_label = "Add attendee"
    once = True

    role = forms.ChoiceField(
        label="Role", widget=forms.RadioSelect, error_messages={"required": NO_ROLE}
    )
    name = forms.CharField(label="Name", max_length=200, error_messages={"required": NO_NAME})
    job_title = forms.CharField(label="Job title (optional)", max_length=200, required=False)
    organisation = forms.CharField(label="Organisation (optional)", max_length=200, required=False)
    reason = _text(
        "Why they attend (optional)",
        rows=3,
        help_text=(
            "Needed for a CSCI regional director or PIM: the reason is made clear to the council "
            "(the handbook, section G.ii)."
        ),
    )
    at_council_invitation = forms.BooleanField(
        label="The council has invited them",
        help_text="Partners attend only at the council's invitation (the handbook, section G.iii).",
        required=False,
    )

    def __init__(self, *args, council_side_only: bool, **kwargs):
        super().__init__(*args, **kwargs)
        roles = AttendeeRole.choices
        if council_side_only:
            # The council adds its own people and the partners it invites (002 §G.iii): when
            # the council adds a partner, the council has invited them.
            roles = [(v, label) for v, label in roles if v in COUNCIL_SIDE]
            del self.fields["at_council_invitation"]
            self.relayout()
        self.fields["role"].choices = roles


class Confirm(GovUKForm):
    """A confirmation or check-your-answers page's one button, with the lock it was read at."""

    lock_version = _lock()

    def __init__(self, *args, submit_label: str, **kwargs):
        self.submit_label = submit_label
        super().__init__(*args, **kwargs)


class SendConfirm(Confirm):
    """A send page's one button: it carries the token that sends it once (issue 20 §4)."""

    once = True


def agenda_field(number: int) -> str:
    return f"item_{number}"


class Agenda(GovUKForm):
    title = "The agenda"
    submit_label = "Save the agenda"

    lock_version = _lock()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for number, title in AGENDA_ITEMS:
            self.fields[agenda_field(number)] = _text(f"{number}. {title}", rows=8)
        self.fields["lock_version"] = self.fields.pop("lock_version")  # last, after the items
        self.relayout()

    def texts(self) -> dict[int, str]:
        return {n: self.cleaned_data[agenda_field(n)] for n, _ in AGENDA_ITEMS}


class Note(GovUKForm):
    title = "Note an issue or question raised"
    submit_label = "Save the note"
    once = True

    agenda_item = forms.TypedChoiceField(
        label="Agenda item it was raised under",
        coerce=int,
        choices=[("", "Select the agenda item")] + [(n, f"{n}. {t}") for n, t in AGENDA_ITEMS],
        error_messages={"required": BAD_ITEM, "invalid_choice": BAD_ITEM},
    )
    raised_by = forms.CharField(
        label="Raised by",
        max_length=200,
        help_text="For example, the director of children's services",
        error_messages={"required": NO_RAISED_BY},
    )
    issue = _text("Issue or question raised", required=True, error_messages={"required": NO_ISSUE})
    response = _text("Response given (optional)")
    file = forms.FileField(
        label="Additional information the council brought (optional)",
        help_text=(
            "PDF, Word (DOCX) or OpenDocument (ODT). It is kept in the information pack as new "
            "evidence (the handbook, section G.i); its text is read for search after it is saved, "
            "and the pack "
            "shows when it is ready."
        ),
        required=False,
        error_messages={"empty": DOCUMENT_EMPTY},
    )
    upload_title = forms.CharField(
        label="Title of the additional information (optional)", max_length=200, required=False
    )


class NoteChange(Note):
    title = "Change the note"
    submit_label = "Save the change"
    once = False  # a change is guarded by its lock_version

    reason = _text(
        "Why you are changing it",
        rows=2,
        required=True,
        error_messages={"required": NO_REASON},
    )
    lock_version = _lock()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["file"]
        del self.fields["upload_title"]
        self.relayout()


class Interim(GovUKForm):
    title = "Interim judgements"
    submit_label = "Save the interim judgements"

    lock_version = _lock()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for strand in INTERIM_STRANDS:
            self.fields[strand.value] = _text(
                strand.label,
                rows=4,
                help_text=INTERIM_HELP[strand] + " In words: no grades.",
            )
        self.fields["lock_version"] = self.fields.pop("lock_version")  # last, after the items
        self.relayout()

    def judgements(self) -> dict[str, str]:
        return {s.value: self.cleaned_data[s.value] for s in INTERIM_STRANDS}


class Held(GovUKForm):
    title = "The date the meeting was held"
    submit_label = "Save"

    held_on = DayField(
        label="Date the meeting was held",
        help_text="For example, 17 7 2007",
        what="The date the meeting was held",
        required_message=NO_HELD_ON,
    )
    lock_version = _lock()
