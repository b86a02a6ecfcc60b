"""The demo's annual questionnaires (issue 24 §3; 004: "An annual questionnaire for children
and young people, social workers and the voluntary and community sector, to be introduced in
2009"): a council's 2009 surveys with answers, three closed for the rating to cite and the
voluntary and community sector's open; loaded once."""

import pytest

from ecm.surveys import demo
from ecm.surveys.selectors import survey_results

pytestmark = pytest.mark.django_db


def test_the_demo_runs_the_2009_questionnaires_with_answers_once_004(hmi, council):
    loaded = demo.seed(council=council, inspector=hmi)
    assert len(loaded) == 4
    results = {r.code: r for r in survey_results(council=council, year=2009)}
    assert [r.code for r in results.values()] == list(demo.PLAN)
    for code, (issued, answered, closed) in demo.PLAN.items():
        found = results[code]
        assert (found.issued, found.answered, found.closed) == (issued, answered, closed)
        assert not found.too_few and any(o.count for o in found.questions[0].options)
    assert results["care4me"].closed_on == demo.CLOSED_ON
    assert demo.seed(council=council, inspector=hmi) == []
