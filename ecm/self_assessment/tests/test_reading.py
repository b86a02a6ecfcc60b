"""The inspectors' reading of the self-assessment beside the data (issue 4 §4; 002 §D days 2-3:
"Are the weaknesses you have identified addressed in the self-assessment?")."""

import pytest
from django.utils import timezone

from ecm.performance.models import Comparison
from ecm.performance.tests.factories import IndicatorFactory
from ecm.self_assessment import reading, services
from ecm.self_assessment import reading_changes as rc
from ecm.self_assessment import reading_terms as terms
from ecm.self_assessment.models import Version, VersionStatus

pytestmark = pytest.mark.django_db

HEALTHY = "urn:ecm:self-assessment:apa-2007:part-d:being-healthy"
HOW_GOOD = HEALTHY + ":how-good-are-the-outcomes"
DIFFERENCE = HEALTHY + ":are-you-making-a-difference"
ANALYSIS = "urn:ecm:self-assessment:apa-2007:part-c:analysis-of-need:priorities-and-need"
GRADES = "urn:ecm:self-assessment:apa-2007:part-b:summary-statement:grades"
SERVICE = (
    "urn:ecm:self-assessment:apa-2007:part-e:service-management-and-resources:service-management"
)


def _compare(indicator, council, *, year=2007, **columns):
    defaults = {"value": 50.0, "england": 50.0, "vs_england": "similar", "trend": ""}
    return Comparison.objects.create(
        indicator=indicator,
        council=council,
        period=str(year),
        end_year=year,
        **defaults | columns,
    )


def _save(version, actor, values: dict[str, dict]):
    locks = {a.field_urn: a.lock_version for a in version.answers.filter(field_urn__in=values)}
    services.answers_save(
        version=version,
        actor=actor,
        values=values,
        lock_versions={urn: locks.get(urn, 0) for urn in values},
    )


@pytest.fixture
def indicators(council):
    """Being healthy: one weakness the council cites, one it writes about, one it ignores, a
    strength and a gap; service management: one weakness it ignores."""
    cited = IndicatorFactory(
        code="BH-IMM", title="Percentage of children immunised by their second birthday",
        outcome="being_healthy",
    )  # fmt: skip
    worded = IndicatorFactory(
        code="BH-TC", title="Teenage conception rate per 1,000 girls aged 15 to 17",
        outcome="being_healthy", polarity="low", value_type="rate",
    )  # fmt: skip
    absent = IndicatorFactory(
        code="BH-OB", title="Percentage of pupils who are obese in Reception",
        outcome="being_healthy", polarity="low",
    )  # fmt: skip
    strength = IndicatorFactory(
        code="BH-BF", title="Breastfeeding at 6 to 8 weeks", outcome="being_healthy"
    )
    gap = IndicatorFactory(
        code="BH-DENT", title="Dental decay in five year olds", outcome="being_healthy"
    )
    staff = IndicatorFactory(
        code="SM-VAC", title="Social worker vacancy rate", outcome="service_management",
        polarity="low",
    )  # fmt: skip
    _compare(cited, council, value=71.0, england=80.0, vs_england="worse", trend="improving")
    _compare(
        worded, council, value=55.0, england=41.0, vs_england="worse", trend="getting worse",
        flags="worse_and_getting_worse",
    )  # fmt: skip
    _compare(absent, council, value=12.0, england=9.0, vs_england="worse", trend="")
    _compare(absent, council, year=2008, value=8.0, england=9.0, vs_england="better")
    _compare(
        strength, council, value=60.0, england=45.0, vs_england="better", trend="improving",
        flags="best_quarter_and_improving",
    )  # fmt: skip
    _compare(gap, council, value=None, england=30.0, vs_england="not compared", flags="missing")
    _compare(staff, council, value=20.0, england=11.0, vs_england="worse", trend="getting worse")
    return {"cited": cited, "worded": worded, "absent": absent, "gap": gap, "staff": staff}


@pytest.fixture
def written(draft, link_officer, indicators):
    """The council's answers: grades, Part D being healthy (one answer cited, one not), and an
    uncited analysis of need in Part C."""
    _save(draft, link_officer, {
        GRADES: {"text": "", "items": {
            "being_healthy": "3", "service_management": "2", "capacity_to_improve": "3",
        }},
        HOW_GOOD: {"text": (
            "Outcomes for health are good overall.\n\n"
            "- Teenage conceptions rose again last year and are a priority for the partnership.\n"
            "- Concerns about the reception class remain."
        )},
        DIFFERENCE: {"text": "Immunisation take-up has improved since the new clinics opened."},
        ANALYSIS: {"text": "Our analysis of need drew on the full dataset and local surveys."},
    })  # fmt: skip
    services.citation_add(
        version=draft, field_urn=DIFFERENCE, actor=link_officer, kind="indicator",
        indicator=indicators["cited"],
    )  # fmt: skip
    return draft


def _outcome(result, value):
    return next(o for o in result.outcomes if o.outcome == value)


def _status(outcome, code):
    return next(w for w in outcome.weaknesses + outcome.gaps if w.indicator.code == code)


def test_each_weakness_is_addressed_mentioned_only_or_not_addressed(written, indicators):
    """Issue 4 §4 (002 §D): a cited weakness is addressed, one written about by its terms is
    mentioned only, one absent is not addressed."""
    healthy = _outcome(reading.reading_for(version=written), "being_healthy")
    assert [w.indicator.code for w in healthy.weaknesses] == ["BH-TC", "BH-IMM", "BH-OB"]

    cited = _status(healthy, "BH-IMM")
    assert cited.status == reading.ADDRESSED
    assert [p.field_urn for p in cited.cited_in] == [DIFFERENCE]
    assert cited.reasons == ("Significantly worse than England",)

    worded = _status(healthy, "BH-TC")
    assert worded.status == reading.MENTIONED_ONLY
    assert worded.reasons == ("Significantly worse than England and getting worse",)
    assert worded.terms == ("teenage", "conception", "girls")
    (place,) = worded.mentioned_in
    assert place.field_urn == HOW_GOOD and place.part == "D" and place.section == "Being healthy"
    assert place.matched == ("teenage", "conception")
    assert place.excerpt.startswith("- Teenage conceptions rose again")

    absent = _status(healthy, "BH-OB")  # "Concerns about the reception class" is one term
    assert absent.status == reading.NOT_ADDRESSED and absent.mentioned_in == ()
    assert absent.comparison.end_year == 2007  # the round's year, not the later 2008 row


def test_gaps_are_listed_apart_and_strengths_are_not_weaknesses(written):
    """Issue 4 §4: the gaps (missing, suppressed, no comparator) are listed separately."""
    result = reading.reading_for(version=written)
    healthy = _outcome(result, "being_healthy")
    (gap,) = healthy.gaps
    assert gap.indicator.code == "BH-DENT" and gap.kind == reading.GAP
    assert gap.reasons == ("Missing: a gap to pursue",) and gap.status == reading.NOT_ADDRESSED
    assert "BH-BF" not in {w.indicator.code for w in healthy.weaknesses}
    service = _outcome(result, "service_management")
    assert [w.indicator.code for w in service.not_addressed] == ["SM-VAC"]
    assert {w.indicator.code for w in result.not_addressed} == {"BH-OB", "SM-VAC"}


def test_the_councils_grade_is_shown_beside_the_datas_counts(written):
    """Issue 4 §4: "the council's own grade next to the data's picture"."""
    result = reading.reading_for(version=written)
    assert [o.outcome for o in result.outcomes] == [
        "being_healthy", "staying_safe", "enjoying_achieving", "positive_contribution",
        "economic_wellbeing", "service_management",
    ]  # fmt: skip
    healthy = _outcome(result, "being_healthy")
    assert healthy.area == "urn:ecm:outcome:being-healthy"
    assert healthy.grade.value == "3" and healthy.grade.label
    assert healthy.data == reading.DataPicture(
        indicators=5, better=1, similar=0, worse=3, not_compared=1, improving=2,
        getting_worse=1, no_change=0,
    )  # fmt: skip
    service = _outcome(result, "service_management")
    assert service.grade.value == "2" and service.data.worse == 1
    assert _outcome(result, "staying_safe").grade is None
    assert result.capacity_to_improve.value == "3"
    assert result.year == 2007


def test_a_later_year_reads_the_later_figures(written):
    """`year` picks each indicator's latest period ending in or before it."""
    healthy = _outcome(reading.reading_for(version=written, year=2008), "being_healthy")
    assert "BH-OB" not in {w.indicator.code for w in healthy.weaknesses}
    assert healthy.data.better == 2


def test_claims_that_cite_no_evidence_are_listed_and_cited_ones_are_not(written):
    """Issue 4 §4: "claims in the self-assessment that cite no evidence"."""
    result = reading.reading_for(version=written)
    healthy = _outcome(result, "being_healthy")
    (claim,) = healthy.uncited
    assert claim.field_urn == HOW_GOOD and claim.label == "How good are the outcomes?"
    assert claim.where == "Part D, Being healthy: How good are the outcomes?"
    assert claim.excerpt.startswith("Outcomes for health are good overall.")
    assert claim.words == 27 and not claim.excerpt.endswith("…")
    assert terms.excerpt(" ".join(["word"] * 40)) == " ".join(["word"] * 30) + " …"
    assert DIFFERENCE not in {c.field_urn for o in result.outcomes for c in o.uncited}
    assert [c.field_urn for c in result.uncited_elsewhere] == [ANALYSIS]
    assert GRADES not in {c.field_urn for c in result.uncited_elsewhere}


def test_a_partner_contribution_is_searched_and_named(written, link_officer, indicators):
    """000 §16: a partner's contribution counts as the self-assessment's words."""
    services.partner_contribution_add(
        version=written, field_urn=SERVICE, actor=link_officer, organisation="Health trust",
        text="Social worker vacancies are being filled through a joint recruitment drive.",
    )  # fmt: skip
    service = _outcome(reading.reading_for(version=written), "service_management")
    (check,) = service.weaknesses
    assert check.status == reading.MENTIONED_ONLY
    assert check.mentioned_in[0].organisation == "Health trust"
    assert [c.field_urn for c in service.uncited] == [SERVICE]


def test_the_reading_takes_a_fixed_number_of_queries(
    written, link_officer, indicators, django_assert_max_num_queries
):
    """Pure reads: the answers and citations are fetched once, whatever their number."""
    with django_assert_max_num_queries(7):
        reading.reading_for(version=written)
    for urn in (SERVICE, HEALTHY + ":are-you-making-a-difference"):
        for key in ("cited", "staff"):
            services.citation_add(
                version=written, field_urn=urn, actor=link_officer, kind="indicator",
                indicator=indicators[key],
            )  # fmt: skip
    with django_assert_max_num_queries(7):
        result = reading.reading_for(version=written)
    assert _status(_outcome(result, "service_management"), "SM-VAC").status == reading.ADDRESSED


@pytest.mark.parametrize(
    ("title", "paragraph", "found"),
    [
        ("Teenage conception rate per 1,000 girls aged 15 to 17", "Teenage conceptions rose", 2),
        ("Teenage conception rate per 1,000 girls aged 15 to 17", "Concerns about teenagers", 0),
        ("Percentage of initial assessments within 7 days", "We assessed initial referrals", 2),
        ("Children subject to a child protection plan", "The Children and Young People's Plan", 0),
        ("Children subject to a child protection plan", "Child protection plans fell", 2),
        ("Obesity", "obesity in reception", 1),
    ],
)
def test_the_matching_rule(title, paragraph, found):
    """The documented rule: key terms without stop words or numbers, stems of six letters
    after a plural ending, at least two key terms (half when more than four) in a paragraph."""
    assert len(terms.paragraph_mentions(paragraph, terms.indicator_terms(title))) == found


def test_paragraphs_are_split_at_blank_lines_and_bullets():
    text = "Intro line\ncontinues.\n\n- first\n- second\n1. third"
    assert terms.paragraphs(text) == [
        "Intro line\ncontinues.",
        "- first",
        "- second",
        "1. third",
    ]
    assert terms.terms_needed(1) == 1 and terms.terms_needed(4) == 2
    assert terms.terms_needed(5) == 3 and terms.terms_needed(7) == 4


def test_word_diff_segments_rebuild_both_texts():
    segments = rc.word_diff("Attendance is good.\n- rising", "Attendance is very good.\n")
    assert ("insert", "very ") in segments
    new = "".join(s.text for s in segments if s.op != rc.DELETE)
    old = "".join(s.text for s in segments if s.op != rc.INSERT)
    assert new == "Attendance is very good.\n" and old == "Attendance is good.\n- rising"


def test_versions_compared_finds_changed_text_added_citation_and_changed_grade(
    written, link_officer, hmi, template, indicators, django_assert_max_num_queries
):
    """Issue 4 §4: "from one version to the next, what changed"."""
    # Submitted as it stands, so that a field left empty can be added in the next version: the
    # comparison reads versions as stored, whatever the rules that let them be submitted.
    Version.objects.filter(pk=written.pk).update(
        status=VersionStatus.SUBMITTED, submitted_at=timezone.now(), submitted_by=link_officer
    )
    written.refresh_from_db()
    newer = services.version_reopen(
        self_assessment=written.self_assessment, actor=hmi, reason="Grades need evidence"
    )
    _save(newer, link_officer, {
        GRADES: {"text": "", "items": {
            "being_healthy": "2", "service_management": "2", "capacity_to_improve": "3",
        }},
        ANALYSIS: {"text": "Our analysis of need drew on the full dataset and school surveys."},
        SERVICE: {"text": "Vacancies have fallen."},
    })  # fmt: skip
    services.citation_add(
        version=newer, field_urn=HOW_GOOD, actor=link_officer, kind="indicator",
        indicator=indicators["worded"],
    )  # fmt: skip

    with django_assert_max_num_queries(6):
        changes = {c.field_urn: c for c in rc.versions_compared(older=written, newer=newer)}
    assert list(changes) == [GRADES, ANALYSIS, HOW_GOOD, SERVICE]  # the template's order

    analysis = changes[ANALYSIS]
    assert analysis.change == rc.CHANGED and analysis.text_changed
    assert (rc.DELETE, "local ") in analysis.segments
    assert (rc.INSERT, "school ") in analysis.segments

    how_good = changes[HOW_GOOD]
    assert how_good.change == rc.CHANGED and not how_good.text_changed
    assert how_good.citations_added == ("Teenage conception rate per 1,000 girls aged 15 to 17 "
                                        "(2007)",)  # fmt: skip
    assert how_good.citations_removed == ()
    assert [s.op for s in how_good.segments] == [rc.EQUAL]

    (grade,) = changes[GRADES].grades_changed
    assert grade.area == "urn:ecm:outcome:being-healthy"
    assert (grade.before.value, grade.after.value) == ("3", "2")

    service = changes[SERVICE]
    assert service.change == rc.ADDED
    assert service.segments == ((rc.INSERT, "Vacancies have fallen."),)
    assert DIFFERENCE not in changes  # carried over unchanged, citation included

    backwards = {c.field_urn: c for c in rc.versions_compared(older=newer, newer=written)}
    assert backwards[SERVICE].change == rc.REMOVED
    assert backwards[HOW_GOOD].citations_removed == how_good.citations_added


def test_an_empty_self_assessment_without_data_reads_as_six_empty_outcomes(draft):
    """Every outcome and service management is shown even before anything is written."""
    result = reading.reading_for(version=draft)
    assert len(result.outcomes) == 6 and result.capacity_to_improve is None
    assert all(o.grade is None and o.data.indicators == 0 for o in result.outcomes)
    assert result.not_addressed == [] and result.uncited_elsewhere == ()
    assert rc.versions_compared(older=draft, newer=draft) == []
