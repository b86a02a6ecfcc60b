"""What the information pack holds (002 §B, §C): the kinds of briefing and supporting document,
and the pre-analysis checklist; and what the 2007 briefing says Ofsted considers with the review
of the Children and Young People's Plan (001 "APA"; issue 23 §1). Data, not logic: the seeds'
own lists, cited.
"""

from dataclasses import dataclass

from django.db import models


class PackCategory(models.TextChoices):
    BRIEFING = "briefing", "Briefing"
    SUPPORTING = "supporting", "Reference or supporting document"
    # What a round's cycle names as considered with its submission (ecm.apa.cycles
    # pack_sources): in the 2007 cycle, "The CYPP review will be considered by Ofsted together
    # with" these. The handbook's cycle names none and keeps its own lists (002 §B, §C).
    CYCLE = "cycle", "Considered with the review of the CYPP"


class BriefingSource(models.TextChoices):
    """The seven sources of briefings (002 §C.i)."""

    SCHOOLS_CAUSING_CONCERN = "schools_causing_concern", "Ofsted: schools causing concern"
    LEA_BASELINE = "lea_baseline", "Ofsted: LEA baseline information"
    EARLY_YEARS = "early_years", "Ofsted: early years information"
    YOUTH_SERVICE = "youth_service", "Ofsted: youth service briefing"
    IMPROVEMENT_ADVISER = "improvement_adviser", "DfES Children's Services Improvement Adviser"
    YOUTH_JUSTICE_BOARD = "youth_justice_board", "Youth Justice Board (youth offending team)"
    CSCI = "csci", "CSCI"


class SupportingType(models.TextChoices):
    """The reference or supporting documents, consulted where gaps or concerns need them
    (002 §C.ii)."""

    AUDIT_COMMISSION_CONTEXT = "audit_commission_context", "Audit Commission contextual information"
    MONITORING_LETTERS = (
        "monitoring_letters",
        "Ofsted monitoring letters on schools causing concern",
    )
    ANNUAL_AUDIT_LETTER = "annual_audit_letter", "Audit Commission annual audit letter"
    CORPORATE_ASSESSMENT = "corporate_assessment", "Corporate assessment report"
    COUNCIL_PLAN = "council_plan", "Corporate or council plan"
    CPA_RATING = "cpa_rating", "CPA rating and education scorecard"
    CHILDRENS_FUND = "childrens_fund", "Children's Fund report"
    LEA_INSPECTION = "lea_inspection", "LEA inspection report"
    HEALTH_RATINGS = "health_ratings", "Health provider star ratings"
    LEA_STATISTICAL_PROFILE = "lea_statistical_profile", "LEA statistical profile"
    # 002 §G.i.2: "any appropriate additional information can be brought to the table".
    MEETING_INFORMATION = "meeting_information", "Additional information from the APA meeting"
    OTHER = "other", "Other supporting document"


class CycleSource(models.TextChoices):
    """The inputs the 2007 briefing ("APA") says Ofsted considers: the CYPP review "together
    with" the LSCB minutes, the children's homes' inspections, the improved dataset, the TellUs
    survey, recent local inspections and the "field force" analysis. The codes and titles are
    those of the 2007 cycle's file (ecm/apa/library), whose `words` keep the briefing's own; a
    test holds the two together, as the database's check constraint needs the list in code."""

    CYPP_REVIEW = "cypp_review", "The multi-agency review of the Children and Young People's Plan"
    LSCB_MINUTES = "lscb_minutes", "Minutes of the Local Safeguarding Children Board"
    CHILDRENS_HOMES = (
        "childrens_homes",
        "Inspections of the children's homes the council uses, in or out of its area",
    )
    DATASET_14_19 = (
        "dataset_14_19",
        "The improved dataset, with outcomes for young people aged 14 to 19",
    )
    TELLUS_SURVEY = "tellus_survey", "The TellUs survey of local children and young people"
    LOCAL_INSPECTIONS = "local_inspections", "Recent local inspections"
    FIELD_FORCE = "field_force", "The local 'field force' analysis"


# Each category's types, for labels and the database's check.
PACK_TYPES = {
    PackCategory.BRIEFING: BriefingSource,
    PackCategory.SUPPORTING: SupportingType,
    PackCategory.CYCLE: CycleSource,
}


def pack_types(*, category: str, cycle) -> list[tuple[str, str]]:
    """The types a pack item of this category may take in a round of this cycle (an
    ecm.apa.cycles.Cycle): the handbook's briefings and supporting documents in every cycle
    (the briefing's "as at present"), and the cycle's own sources, in its order, where it names
    any (001 "APA"; the handbook's cycle names none)."""
    if category == PackCategory.CYCLE:
        known = dict(CycleSource.choices)
        return [(s.code, known[s.code]) for s in cycle.pack_sources if s.code in known]
    kinds = PACK_TYPES.get(category)
    return list(kinds.choices) if kinds else []


# Briefings the handbook says the council has already seen (002 §C.i: "already shared with the
# authority", "copied to the authority", "taken from reports already published"): the upload
# form proposes "shared with the council" for these, and the inspector confirms it.
USUALLY_SHARED = frozenset(
    {
        BriefingSource.SCHOOLS_CAUSING_CONCERN,
        BriefingSource.LEA_BASELINE,
        BriefingSource.EARLY_YEARS,
        BriefingSource.YOUTH_SERVICE,
        BriefingSource.IMPROVEMENT_ADVISER,
        BriefingSource.CSCI,
    }
)


@dataclass(frozen=True)
class ChecklistItem:
    code: str
    text: str
    source: str


# The pre-analysis checklist (002 §B): what the team should have before day 1.
CHECKLIST = (
    ChecklistItem(
        "contacts",
        "Contact details of the HMI, BRM, link officer and directors",
        "the handbook, section B, item 1",
    ),
    ChecklistItem(
        "meeting_date",
        "The APA meeting date, with any request about timing",
        "the handbook, section B, item 1",
    ),
    ChecklistItem(
        "lead_role",
        "The paper on the Lead's role read, and the Lead agreed",
        "the handbook, section B, item 3",
    ),
    ChecklistItem(
        "key_dates",
        "The council's checklist of key dates completed",
        "the handbook, section B, item 4",
    ),
    ChecklistItem(
        "key_judgements",
        "The key judgements (Arrangements for APA, Annex A) to hand",
        "the handbook, section B",
    ),
    ChecklistItem(
        "self_assessment",
        "The council's completed self-assessment received",
        "the handbook, section B",
    ),
    ChecklistItem(
        "plans",
        "The Children and Young People's Plan and other key plans received",
        "the handbook, section B",
    ),
    ChecklistItem(
        "education_summary", "The education data summary sheet received", "the handbook, section B"
    ),
    ChecklistItem(
        "dataset", "The APA dataset for the council received", "the handbook, sections B and C.iii"
    ),
    ChecklistItem("briefings", "The briefing papers received", "the handbook, sections B and C.i"),
    ChecklistItem(
        "supporting",
        "Reference or supporting documents located",
        "the handbook, sections B and C.ii",
    ),
    ChecklistItem("notebook", "The evidence notebook opened", "the handbook, sections B and F"),
)
CHECKLIST_CODES = frozenset(item.code for item in CHECKLIST)
