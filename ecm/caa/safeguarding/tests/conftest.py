"""Fixtures of the full inspection's tests (issue 10 §4): an inspection at each stage, made
through the services."""

from datetime import date

import pytest

from ecm.caa.safeguarding import services, services_report
from ecm.caa.safeguarding.demo import (
    FINDINGS,
    GRADES,
    RATIONALE,
    RECOMMENDATIONS,
    citations,
    evidence,
)

NOTIFIED_ON = date(2009, 9, 14)
FIRST_DAY, LAST_DAY = date(2009, 9, 28), date(2009, 10, 2)  # exactly two weeks' notice; 5 days


@pytest.fixture
def notify(hmi):
    """Notify a council; keyword arguments override the valid defaults."""

    def make(council, **overrides):
        values = {
            "actor": hmi,
            "council": council,
            "notified_on": NOTIFIED_ON,
            "first_day_on_site": FIRST_DAY,
            "last_day_on_site": LAST_DAY,
            "lead_inspector": hmi,
            "team": [],
            "documents": ["cypp", "case_files", "lscb_minutes"],
            "documents_due_on": date(2009, 9, 21),
        }
        return services.inspection_notify(**(values | overrides))

    return make


@pytest.fixture
def notified(notify, council):
    return notify(council)


@pytest.fixture
def visit(hmi):
    def record(inspection, first=FIRST_DAY, last=LAST_DAY, actor=None):
        return services.inspection_record_visit(
            actor=actor or hmi,
            inspection=inspection,
            first_day_on_site=first,
            last_day_on_site=last,
            expected_lock_version=inspection.lock_version,
        )

    return record


@pytest.fixture
def visited(notified, visit):
    return visit(notified)


@pytest.fixture
def judge(hmi):
    """Judge both sections as the demo does, citing the demo's evidence (recorded first);
    `overrides` = {section: {code: grade}}."""

    def make(inspection, overrides=None, actor=None):
        records = evidence(inspection=inspection, lead=actor or hmi)
        inspection.refresh_from_db()
        for section, grades in GRADES.items():
            grades = grades | (overrides or {}).get(section, {})
            inspection = services_report.inspection_judge_section(
                actor=actor or hmi,
                inspection=inspection,
                section=section,
                grades=grades,
                rationales={
                    c: RATIONALE.get(g, "Because the evidence shows it") for c, g in grades.items()
                },
                findings=FINDINGS[section],
                evidence=citations(section, records),
                expected_lock_version=inspection.lock_version,
            )
        for section, timescale, text in RECOMMENDATIONS:
            services_report.recommendation_add(
                actor=actor or hmi,
                inspection=inspection,
                section=section,
                text=text,
                timescale=timescale,
            )
        inspection.refresh_from_db()
        return inspection

    return make


@pytest.fixture
def judged(visited, judge):
    return judge(visited)


@pytest.fixture
def publish(hmi):
    def make(inspection, on=date(2009, 10, 20), late_reason="", actor=None):
        inspection.refresh_from_db()
        return services_report.inspection_publish(
            actor=actor or hmi,
            inspection=inspection,
            published_on=on,
            late_reason=late_reason,
            expected_lock_version=inspection.lock_version,
        )

    return make


@pytest.fixture
def published(judged, publish):
    return publish(judged)
