"""The full inspection's evidence as records the judgements cite (issue 24 §3; 004 "Inspecting
Safeguarding"): the "Range of evidence to be used", the seven points of "Evaluating the quality
of practice" and the "Views of service users and stakeholders" ("Inspectors will always talk
to children and young people who make use of these services during their inspection"); each
judgement cites evidence, and the report shows it. Survey results are cited by the council's
questionnaire (ecm.surveys)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ecm.accounts.roles import Role
from ecm.authorities.tests.factories import CouncilFactory
from ecm.caa.safeguarding import demo, services_report
from ecm.caa.safeguarding import services_evidence as evidence
from ecm.caa.safeguarding.demo import GRADES, RATIONALE
from ecm.caa.safeguarding.framework import safeguarding_framework
from ecm.caa.safeguarding.models import EvidenceRecord, FullInspection
from ecm.caa.safeguarding.selectors import sections_of
from ecm.surveys import demo as surveys_demo
from ecm.surveys.services import survey_open

pytestmark = pytest.mark.django_db

CHILDREN = "children_young_people"


@pytest.fixture
def director(make_user, council):
    return make_user(Role.DIRECTOR, council=council)


def url(name, inspection, **kwargs):
    kwargs |= {"la_number": inspection.council.la_number, "pk": inspection.pk}
    return reverse(f"caa:{name}", kwargs=kwargs)


def _add(hmi, inspection, **values):
    given = {"kind": "case_files", "summary": "Plans are reviewed on time"} | values
    return evidence.evidence_add(actor=hmi, inspection=inspection, **given)


def _refused(**kwargs) -> dict:
    with pytest.raises(ValidationError) as refused:
        evidence.evidence_add(**kwargs)
    return refused.value.message_dict


def test_004_the_seven_points_of_the_quality_of_practice_and_the_range_of_evidence_quoted():
    """004 "Evaluating the quality of practice" (seven points, in its words) and "Range of
    evidence to be used" (six kinds), and "Inspectors will always talk to children"."""
    framework = safeguarding_framework()
    points = [p.title for p in framework.practice_points]
    assert len(points) == 7
    assert points[0] == (
        "Referral, assessment, planning and review arrangements and their impact on achieving "
        "good outcomes"
    )
    assert points[1] == "Social work caseloads and how these impact on practice"
    assert points[6].startswith("Effectiveness of multi-agency working in safeguarding children")
    assert [k.title for k in framework.evidence_kinds] == [
        "Scrutiny and tracking of case files",
        "Performance data",
        "Interviewing users and staff",
        "Evaluating available documentation",
        "Speaking with a range of other stakeholders \u2013 in particular, the third sector",
        "Findings from annual surveys",
    ]
    assert framework.always_talk_to.code == CHILDREN
    assert framework.always_talk_to.quote == (
        "Inspectors will always talk to children and young people who make use of these "
        "services during their inspection"
    )


def test_004_an_evidence_record_names_its_kind_points_and_views(hmi, visited):
    """004: a record of the range of evidence, bearing on points of the quality of practice,
    giving whose views; audited."""
    record = _add(
        hmi,
        visited,
        kind="interviews",
        practice_points=["caseloads", "training_oversight"],
        views_of="social_workers",
        reference="Duty team social workers",
    )
    assert (record.kind, record.views_of) == ("interviews", "social_workers")
    assert record.practice_points == ["caseloads", "training_oversight"]
    row = evidence.evidence_rows(visited)[0]
    assert row["kind"] == "Interviewing users and staff" and row["views"] == "Social workers"
    assert row["points"][0] == "Social work caseloads and how these impact on practice"
    covered = evidence.coverage(visited)
    assert "Interviewing users and staff" not in covered["kinds"] and len(covered["points"]) == 5


@pytest.mark.parametrize(
    "values, field, message",
    [
        ({"kind": "gossip"}, "kind", evidence.NO_KIND),
        ({"practice_points": ["caseloads", "weather"]}, "practice_points", evidence.UNKNOWN_POINT),
        ({"views_of": "the press"}, "views_of", evidence.UNKNOWN_VIEWS),
        ({"summary": "  "}, "summary", evidence.NO_SUMMARY),
        ({"survey": 1}, "survey", evidence.SURVEY_ONLY_FOR_SURVEYS),
    ],
)
def test_004_evidence_is_refused_outside_the_framework(hmi, visited, values, field, message):
    """004's lists are the only kinds, points and views; every record says what was found."""
    given = {"kind": "case_files", "summary": "Found"} | values
    refused = _refused(actor=hmi, inspection=visited, **given)
    assert refused[field] == [message]
    assert not EvidenceRecord.objects.exists()


def test_004_findings_from_annual_surveys_cite_the_councils_questionnaire(hmi, visited):
    """004: "Findings from annual surveys"; "Results from the new annual survey of children
    and young people, Care4me and Aftercare, will be taken into account": with no
    questionnaire recorded for the council, the reference names the survey; once one is, the
    record cites it (only the council's own, of the inspection's year or the one before) and
    its views follow from it."""
    refused = _refused(actor=hmi, inspection=visited, kind="surveys", summary="Most feel safe")
    assert refused == {
        "reference": [
            evidence.NO_SURVEY_REFERENCE.format(council=visited.council.name, years="2009 or 2008")
        ]
    }
    free = _add(hmi, visited, kind="surveys", summary="Most feel safe", reference="TellUs 3")
    assert free.survey is None and free.reference == "TellUs 3"
    survey = survey_open(actor=hmi, council=visited.council, year=2009, questionnaire="care4me")
    refused = _refused(actor=hmi, inspection=visited, kind="surveys", summary="Most feel safe")
    assert refused == {"survey": [evidence.NO_SURVEY]}
    cited = _add(hmi, visited, kind="surveys", summary="Most feel safe", survey=survey.pk)
    assert cited.survey == survey.pk and cited.views_of == CHILDREN
    assert evidence.evidence_rows(visited)[-1]["survey"].code == "care4me"
    other = survey_open(actor=hmi, council=visited.council, year=2011, questionnaire="aftercare")
    refused = _refused(actor=hmi, inspection=visited, kind="surveys", summary="x", survey=other.pk)
    assert refused == {
        "survey": [
            evidence.NOT_THE_COUNCILS_SURVEY.format(
                council=visited.council.name, years="2009 or 2008"
            )
        ]
    }


def test_004_a_survey_of_children_is_not_talking_to_them(hmi, visited):
    """004: "Inspectors will always talk to children and young people who make use of these
    services during their inspection": a questionnaire's results do not count; an interview
    does."""
    assert evidence.children_warning(visited).startswith("No record yet of talking to children")
    _add(hmi, visited, kind="surveys", summary="Care4me", reference="Care4me", views_of=CHILDREN)
    assert not evidence.talked_to_children(visited)
    _add(hmi, visited, kind="interviews", summary="Met six young people", views_of=CHILDREN)
    assert evidence.talked_to_children(visited) and evidence.children_warning(visited) == ""


def test_004_judging_warns_while_no_one_has_talked_to_children(client, hmi, visited):
    """004 "Inspectors will always talk to children": the judging page warns (it does not
    refuse) until a record of talking to them exists."""
    client.force_login(hmi)
    page = client.get(url("safeguarding-judgements", visited, section="lac")).content.decode()
    assert "No record yet of talking to children and young people" in page
    _add(hmi, visited, kind="interviews", summary="Met six young people", views_of=CHILDREN)
    page = client.get(url("safeguarding-judgements", visited, section="lac")).content.decode()
    assert "No record yet of talking to children" not in page
    assert "Evidence cited for overall effectiveness" in page


def _judge(hmi, inspection, section, evidence_ids):
    inspection.refresh_from_db()
    grades = GRADES[section]
    return services_report.inspection_judge_section(
        actor=hmi,
        inspection=inspection,
        section=section,
        grades=grades,
        rationales={code: RATIONALE[grade] for code, grade in grades.items()},
        findings="Findings",
        evidence=evidence_ids,
        expected_lock_version=inspection.lock_version,
    )


def test_004_each_judgement_cites_evidence_of_its_own_inspection(hmi, visited, notify, make_user):
    """Issue 24 §3: the judgements cite evidence records, audited; a record of another
    inspection is refused."""
    record = _add(hmi, visited, practice_points=["referral_assessment"])
    judged = _judge(hmi, visited, "lac", {code: [record.pk] for code in GRADES["lac"]})
    overall = judged.judgements.get(section="lac", code="overall_effectiveness")
    assert list(overall.evidence.all()) == [record]
    row = next(s for s in sections_of(judged) if s["section"].code == "lac")["rows"][0]
    assert row["evidence"][0]["kind"] == "Scrutiny and tracking of case files"
    assert evidence.evidence_rows(judged)[0]["cited_by"][0] == (
        "Services for looked after children: overall effectiveness"
    )
    other_lead = make_user(Role.HMI)
    elsewhere = notify(CouncilFactory(), lead_inspector=other_lead, actor=other_lead)
    stranger = EvidenceRecord.objects.create(
        inspection=elsewhere,
        kind="case_files",
        summary="Elsewhere",
        recorded_by=other_lead,
        recorded_at=record.recorded_at,
    )
    with pytest.raises(ValidationError) as refused:
        _judge(hmi, judged, "lac", {"overall_effectiveness": [stranger.pk]})
    assert refused.value.message_dict == {
        "evidence_overall_effectiveness": [
            services_report.NOT_THIS_INSPECTIONS.format(title="overall effectiveness")
        ]
    }


def test_004_the_report_is_published_only_once_each_judgement_cites_evidence(hmi, judged, publish):
    """Issue 24 §3: a judgement citing no evidence stops publication, in words."""
    overall = judged.judgements.get(section="safeguarding", code="overall_effectiveness")
    overall.evidence.clear()
    with pytest.raises(ValidationError) as refused:
        publish(judged)
    assert refused.value.messages == [
        evidence.UNCITED.format(missing="Safeguarding: overall effectiveness")
    ]


def test_004_the_report_shows_the_evidence_each_judgement_cites(client, director, published):
    """The published report, as the council reads it, shows each judgement's evidence."""
    client.force_login(director)
    page = client.get(url("safeguarding-report", published)).content.decode()
    assert "Evidence cited" in page
    assert "Eight looked after young people and two care leavers met the inspectors" in page
    document = client.get(url("safeguarding-report-document", published, fmt="docx"))
    assert document.status_code == 200


def test_the_team_records_evidence_on_the_page_and_the_council_cannot(
    client, hmi, director, visited
):
    """Issue 24 §3: the team records evidence through the page; the council's people get 404."""
    client.force_login(hmi)
    page = client.get(url("safeguarding-evidence-add", visited)).content.decode()
    assert "Social work caseloads and how these impact on practice" in page
    assert "Inspectors will always talk to children" in page
    response = client.post(
        url("safeguarding-evidence-add", visited),
        {
            "kind": "interviews",
            "practice_points": ["caseloads"],
            "views_of": CHILDREN,
            "summary": "Met six young people in care",
            "reference": "Children in care council",
        },
    )
    assert response.status_code == 302
    record = EvidenceRecord.objects.get()
    assert record.views_of == CHILDREN and record.practice_points == ["caseloads"]
    refused = client.post(url("safeguarding-evidence-add", visited), {"kind": "interviews"})
    assert refused.status_code == 400 and evidence.NO_SUMMARY in refused.content.decode()
    client.force_login(director)
    assert client.get(url("safeguarding-evidence-add", visited)).status_code == 404


def test_the_demos_judgements_cite_quality_of_practice_evidence(council, hmi):
    """Issue 24 "Done when": the demo's full inspection has judgements citing evidence on
    004's quality of practice, and a record of talking to children and young people."""
    assert demo.seed(council=council, lead=hmi)
    found = FullInspection.objects.get(council=council)
    assert found.is_published and evidence.talked_to_children(found)
    assert evidence.uncited_judgements(found) == []
    overall = found.judgements.get(section="safeguarding", code="overall_effectiveness")
    assert any(record.practice_points for record in overall.evidence.all())


def test_the_demos_judgements_cite_the_councils_survey_results(council, hmi):
    """Issue 24 "Done when": with the demo's questionnaires loaded first (ecm/demo/caa.py), the
    full inspection's overall judgements cite their results (004 "Findings from annual
    surveys")."""
    surveys_demo.seed(council=council, inspector=hmi)
    assert demo.seed(council=council, lead=hmi)
    found = FullInspection.objects.get(council=council)
    overall = found.judgements.get(section="lac", code="overall_effectiveness")
    cited = {r.survey for r in overall.evidence.all() if r.survey}
    assert cited and cited <= {s.pk for s in evidence.surveys_to_cite(found)}
