"""Forms of the single conversation's pages (issue 23 §1; the 2007 briefing, "APA"). They only
declare fields: the rules and their messages are the services' (ecm.meetings.conversation)."""

from django import forms

from ecm.core.forms import DayField, GovUKForm
from ecm.meetings.conversation import NO_DATE, NO_HELD_ON
from ecm.meetings.meeting_forms import Answer


def _lock():
    return forms.IntegerField(widget=forms.HiddenInput, required=False)


def _text(label: str, *, rows: int = 4, required: bool = False, help_text: str = ""):
    return forms.CharField(
        label=label, required=required, help_text=help_text, widget=forms.Textarea({"rows": rows})
    )


class ConversationPropose(GovUKForm):
    title = "Propose the date of the single conversation"
    submit_label = "Propose this date"

    day = DayField(
        label="Date of the single conversation",
        help_text="For example, 9 10 2008. A working day in September or October.",
        what="The date of the single conversation",
        required_message=NO_DATE,
    )
    venue = forms.CharField(label="Venue (optional)", max_length=200, required=False)
    late_reason = _text(
        "Why it must be outside September and October (if it must)",
        rows=3,
        help_text=(
            "The 2007 briefing: the single conversation is held in September or October. Only "
            "needed for a date outside them."
        ),
    )
    lock_version = _lock()


class ConversationAnswer(Answer):
    title = "Agree the date of the single conversation"
    submit_label = "Send answer"
    question = "Does this date suit the council and its partners?"
    agree_label = "Yes, we agree this date"
    change_label = "No, we need another date"
    comment_label = "If not, why not and which dates would suit (optional if you agree)"


class ConversationRecord(GovUKForm):
    title = "Record the single conversation"
    submit_label = "Save the record"

    held_on = DayField(
        label="Date it was held",
        help_text="For example, 9 10 2008",
        what="The date it was held",
        required_message=NO_HELD_ON,
    )
    participants = _text(
        "Who took part for the council and its partners",
        rows=3,
        help_text="The single conversation is with the council and its partners.",
    )
    record = _text(
        "What was discussed, and the council's and partners' responses",
        rows=8,
        help_text="The inspectors' own record: the council does not see it.",
    )
    council_summary = _text(
        "Summary for the council",
        rows=6,
        help_text=(
            "The emerging findings in words, shared with the council when you choose. No grades: "
            "the council sees grades only in the published final letter."
        ),
    )
    lock_version = _lock()


class ConversationShare(GovUKForm):
    title = "Share the summary with the council"
    submit_label = "Share the summary"
    lock_version = _lock()
