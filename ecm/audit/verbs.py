"""Every action of the audit trail in plain words (issue 21 §6, "What was seen" 12).

Services record an action as a short code (`plan.changed`); people read it as words ("Council's
programme plan changed"). This is the one table between the two: the audit viewer, its CSV and
an object's history all read it. `test_audit_viewer.py` reads the code for every verb given to
`audit_record` and fails while one is missing here, so a new action gets its words when it is
written; until then `verb_words` makes readable words from the code itself, so nothing breaks.
"""

import re

VERB_WORDS: dict[str, str] = {
    # Accounts and signing in (issue 21 §2-§3)
    "user.created": "Person added",
    "user.updated": "Person's account changed",
    "invitation.sent": "Invitation to set a password sent",
    "invitation.accepted": "Invitation accepted and password set",
    "password.reset": "Password reset",
    "sign_in.locked_out": "Locked out after too many wrong sign-ins",
    "sign_in.unlocked": "Sign-in lock-out lifted",
    "two_factor.turned_on": "Two-factor sign-in turned on",
    "two_factor.turned_off": "Two-factor sign-in turned off",
    "two_factor.reset": "Two-factor sign-in reset by an administrator",
    "two_factor.recovery_codes_renewed": "Two-factor recovery codes renewed",
    "session.revoked": "Signed-in session revoked",
    "session.signed_out": "One browser signed out",
    "session.signed_out_everywhere_else": "Signed out everywhere else",
    "feed.created": "Calendar feed made",
    "feed.revoked": "Calendar feed stopped",
    "calendar.created": "Calendar address made",
    "calendar.revoked": "Calendar address stopped",
    # Councils, the framework and performance data
    "councils.loaded": "Councils loaded",
    "statistical_neighbours.imported": "Statistical neighbours imported",
    "statistical_neighbours.computed": "Statistical neighbours worked out",
    "statistical_neighbours.chosen": "Statistical neighbour model chosen for comparisons",
    "framework.loaded": "Framework loaded",
    "performance.data_imported": "Performance data imported",
    "performance.data_refused": "Performance data refused",
    "performance.data_import_lost": "Performance data import lost (nothing saved)",
    "performance.indicator_changed": "Performance indicator changed",
    "performance.indicators_defined": "Performance indicators defined",
    # The round and the programme
    "round.created": "Assessment round created",
    "round.dates_changed": "Round's dates changed",
    "round.block_saved": "Block of the round saved",
    "round.plan_imported": "Round's programme plan imported",
    "round.representation_dates_set": "Representation dates set",
    "round.social_care_validated": "Social care data validated",
    "plan.changed": "Council's programme plan changed",
    "checklist.date_agreed": "Key date agreed",
    "checklist.date_cleared": "Key date cleared",
    # The APA assessment
    "assessment.created": "Annual performance assessment created",
    "assessment.assigned": "Management reader or CSCI manager assigned",
    "assessment.inspectors_assigned": "Inspectors assigned",
    "assessment.status_changed": "Assessment moved to its next stage",
    # The self-assessment
    "self_assessment.started": "Self-assessment started",
    "self_assessment.answers_saved": "Self-assessment answers saved",
    "self_assessment.part_marked": "Self-assessment part marked",
    "self_assessment.citation_added": "Evidence cited in the self-assessment",
    "self_assessment.citation_removed": "Citation removed from the self-assessment",
    "self_assessment.document_uploaded": "Self-assessment document uploaded",
    "self_assessment.partner_contribution_added": "Partner's contribution added",
    "self_assessment.submitted": "Self-assessment submitted",
    "self_assessment.reopened": "Self-assessment reopened",
    "self_assessment.shared": "Self-assessment shared with another inspection",
    # Analysis: the information pack and the evidence notebook
    "pack.item_uploaded": "Information pack document uploaded",
    "pack.checklist_marked": "Information pack checklist marked",
    "notebook.entry_added": "Evidence notebook entry added",
    "notebook.entry_revised": "Evidence notebook entry revised",
    "notebook.entry_shared": "Evidence notebook entry shared",
    "notebook.entry_saved": "Evidence notebook entry saved",
    "notebook.area_summary_saved": "Outcome area summary saved",
    "notebook.overall_summary_saved": "Overall summary saved",
    "notebook.summative_saved": "Summative judgements saved",
    "notebook.judgements_signed": "Judgements signed off",
    "notebook.signature_cleared": "Sign-off of the judgements cleared",
    "hypothesis.raised": "Hypothesis raised",
    "hypothesis.tested": "Hypothesis tested",
    "inspector_day.recorded": "Inspector's day recorded",
    "inspector_day.removed": "Inspector's day record removed",
    # The APA meeting
    # The 2007 cycle (issue 23 §1): the CYPP review and the single conversation
    "cypp_review.saved": "Review of the Children and Young People's Plan saved",
    "cypp_review.submitted": "Review of the Children and Young People's Plan submitted to Ofsted",
    "conversation.date_proposed": "Date of the single conversation proposed",
    "conversation.date_agreed": "Date of the single conversation agreed",
    "conversation.date_declined": "Date of the single conversation declined",
    "conversation.recorded": "Single conversation recorded",
    "conversation.summary_shared": "Summary of the single conversation shared with the council",
    "meeting.date_proposed": "Meeting date proposed",
    "meeting.date_agreed": "Meeting date agreed",
    "meeting.date_declined": "Meeting date declined",
    "meeting.chair_set": "Meeting chair set",
    "meeting.attendee_added": "Meeting attendee added",
    "meeting.attendee_removed": "Meeting attendee removed",
    "meeting.agenda_drafted": "Meeting agenda drafted",
    "meeting.agenda_saved": "Meeting agenda saved",
    "meeting.agenda_sent": "Meeting agenda sent to the council",
    "meeting.agenda_change_asked": "Council asked for a change to the agenda",
    "meeting.agenda_agreed": "Meeting agenda agreed",
    "meeting.interim_judgements_saved": "Interim judgements saved",
    "meeting.held": "Meeting held",
    "meeting.note_added": "Meeting note added",
    "meeting.note_changed": "Meeting note changed",
    "meeting.notes_shared": "Meeting notes shared with the council",
    # Moderation
    "moderation.proposed": "Councils proposed for moderation",
    "moderation.added": "Council added to moderation",
    "moderation.removed": "Council taken out of moderation",
    "moderation.day_added": "Moderation day added",
    "moderation.group_added": "Moderation group added",
    "moderation.placed": "Council placed in a moderation group",
    "moderation.form_saved": "Moderation form saved",
    "moderation.form_submitted": "Moderation form submitted",
    "moderation.form_resubmitted": "Moderation form submitted again",
    "moderation.outcome_recorded": "Moderation outcome recorded",
    # The letter
    "letter.assembled": "Letter assembled",
    "letter.section_saved": "Letter section saved",
    "letter.stage_changed": "Letter moved to its next stage",
    "letter.reader_answered": "Reader's comments answered",
    "letter.council_commented": "Council commented on the draft letter",
    "letter.council_comment_answered": "Council's comment answered",
    "letter.publication_step_recorded": (
        "Council recorded presenting, publishing or copying its final letter"
    ),
    "round.archived": "Round's letters, notebooks and evidence archived",
    # Representations
    "representation.intended": "Council said it intends to make a representation",
    "representation.ground_added": "Ground of representation added",
    "representation.submitted": "Representation submitted",
    "representation.panel_composed": "Representation panel composed",
    "representation.review_opened": "Representation review opened",
    "representation.response_recorded": "Inspectors' response to the representation recorded",
    "representation.decided": "Representation decided",
    "panel_member.registered": "Panel member registered",
    "rating.changed": "Rating changed after a representation",
    # Joint area review
    "jar.notified": "Joint area review notified to the council",
    "jar.team_member_added": "Review team member added",
    "jar.line_added": "Line of enquiry added",
    "jar.complaint_made": "Complaint made about a joint area review",
    "jar.complaint_moved": "Complaint about a joint area review moved on",
    "jar.quality_assured": "Quality assurance of a joint area review recorded",
    "jar.documents_requested": "Documents requested from the council",
    "jar.document_requested": "Document requested from the council",
    "jar.document_uploaded": "Requested document uploaded",
    "jar.document_accepted": "Requested document accepted",
    "jar.document_not_held": "Council said it does not hold a document",
    "jar.cases_listed": "Case list supplied",
    "jar.cases_drawn": "Case files drawn",
    "jar.case_swapped": "Case file swapped",
    "jar.consent_recorded": "Consent recorded for a case",
    "jar.questionnaire_sent": "Questionnaire sent",
    "jar.questionnaire_chased": "Questionnaire chased",
    "jar.questionnaire_returned": "Questionnaire returned",
    "jar.case_meeting_recorded": "Meeting recorded against a tracked case",
    "jar.fieldwork_planned": "Fieldwork activity planned",
    "jar.fieldwork_withdrawn": "Fieldwork activity withdrawn from the plan",
    "jar.voluntary_partners_listed": "Voluntary partners listed",
    "jar.voluntary_partner_added": "Voluntary partner added",
    "jar.voluntary_partner_changed": "Voluntary partner changed",
    "jar.voluntary_partner_moved": "Voluntary partner moved",
    "jar.voluntary_questionnaires_sent": "Questionnaires sent to voluntary partners",
    "jar.voluntary_questionnaire_answered": "Voluntary partner's questionnaire answered",
    "jar.voluntary_questionnaire_withdrawn": "Voluntary partner's questionnaire withdrawn",
    "jar.youth_self_assessment_saved": "Young people's self-assessment saved",
    "jar.youth_self_assessment_submitted": "Young people's self-assessment submitted",
    "jar.youth_activity_added": "Young people's activity added",
    "jar.youth_observation_recorded": "Observation of young people's work recorded",
    "jar.youth_report_saved": "Young people's report saved",
    "jar.youth_report_finalised": "Young people's report finalised",
    "jar.evidence_recorded": "Review evidence recorded",
    "jar.judgement_recorded": "Review judgement recorded",
    "jar.report_edited": "Review report edited",
    "jar.report_stage_changed": "Review report moved to its next stage",
    "jar.report_comment_made": "Comment made on the review report",
    "jar.report_comment_answered": "Comment on the review report answered",
    "jar.report_changed_by_comment": "Review report changed on answering the council's comment",
    "jar.review_not_requested": "Council said it will not ask for a review of the report",
    "jar.action_plan_sent": "Action plan sent",
    "jar.action_added": "Action added to the action plan",
    "jar.follow_up_decided": "Follow-up decided",
    # Comprehensive area assessment (2009)
    "caa.profile_refreshed": "Performance profile refreshed",
    "caa.area_saved": "Area assessment saved",
    "caa.area_published": "Area assessment published",
    "caa.area_reopened": "Area assessment reopened",
    "caa.flag_raised": "Flag raised",
    "caa.flag_withdrawn": "Flag withdrawn",
    "caa.organisational_started": "Organisational assessment started",
    "caa.organisational_saved": "Organisational assessment saved",
    "caa.rating_drafted": "Annual rating drafted",
    "caa.rating_finalised": "Annual rating finalised",
    "caa.rating_key_areas_chosen": "Annual rating's key areas chosen",
    "surveys.opened": "Annual questionnaire opened",
    "surveys.links_issued": "Annual questionnaire's private links issued",
    "surveys.closed": "Annual questionnaire closed, its results frozen",
    "caa.safeguarding_notified": "Safeguarding inspection notified",
    "caa.safeguarding_visit_recorded": "Safeguarding inspection visit recorded",
    "caa.safeguarding_judged": "Safeguarding inspection judged",
    "caa.safeguarding_evidence_added": "Safeguarding inspection evidence recorded",
    "caa.safeguarding_recommendation_added": "Safeguarding recommendation added",
    "caa.safeguarding_published": "Safeguarding inspection report published",
    "caa.unannounced_recorded": "Unannounced inspection recorded",
    "caa.unannounced_visit_changed": "Unannounced inspection visit changed",
    "caa.unannounced_evaluated": "Unannounced inspection aspect evaluated",
    "caa.unannounced_outcome_set": "Unannounced inspection outcome set",
    "caa.unannounced_letter": "Unannounced inspection letter written",
    "caa.unannounced_letter_sent": "Unannounced inspection letter sent",
}

# Codes of the actions' areas, for the fallback words of an action not in the table yet.
_AREA_WORDS = {"jar": "Joint area review", "caa": "Area assessment"}


def verb_words(verb: str) -> str:
    """An action in plain words: from VERB_WORDS, or, for a code not there yet, the code made
    readable ("feed.token_shown" reads "Feed: token shown"), never the bare code."""
    if verb in VERB_WORDS:
        return VERB_WORDS[verb]
    area, _, action = verb.partition(".")
    area_words = _AREA_WORDS.get(area, re.sub(r"[_\W]+", " ", area).strip().capitalize())
    action_words = re.sub(r"[_\W]+", " ", action).strip()
    return f"{area_words}: {action_words}" if action_words else area_words


def action_choices() -> list[tuple[str, str]]:
    """Every action as (code, words), sorted by its words, for a filter's list; one choice per
    code even where two codes read the same."""
    return sorted(VERB_WORDS.items(), key=lambda item: (item[1], item[0]))


def _shown(value: object) -> str:
    if value is None or value == "" or value == [] or value == {}:
        return "nothing"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | tuple):
        return ", ".join(_shown(item) for item in value)
    if isinstance(value, dict):
        return "; ".join(f"{_field(k)} {_shown(v)}" for k, v in value.items())
    return f'"{value}"'


def _field(name: object) -> str:
    return re.sub(r"[_\W]+", " ", str(name)).strip().capitalize()


def change_sentences(before: object, after: object) -> list[str]:
    """Before and after of an audited change as sentences, a field each: 'Status: from
    "draft" to "published".', 'Reason: "..." (was nothing).' A value that is not a mapping is
    said whole."""
    if not isinstance(before, dict) or not isinstance(after, dict):
        if before in (None, {}, "") and after in (None, {}, ""):
            return []
        return [f"From {_shown(before)} to {_shown(after)}."]
    sentences = []
    for name in [*before, *(k for k in after if k not in before)]:
        old, new = before.get(name), after.get(name)
        if name in before and name in after:
            if old != new:
                sentences.append(f"{_field(name)}: from {_shown(old)} to {_shown(new)}.")
        elif name in after:
            sentences.append(f"{_field(name)}: {_shown(new)}.")
        else:
            sentences.append(f"{_field(name)}: was {_shown(old)}.")
    return sentences
