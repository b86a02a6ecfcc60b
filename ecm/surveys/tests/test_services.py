"""The annual questionnaires run as surveys (issue 24 §3; 004 "Overview of Ofsted's
Assessment": "An annual questionnaire for children and young people, social workers and the
voluntary and community sector, to be introduced in 2009"): opened by the inspectorate, private
single-use links stored hashed, anonymous answers kept only as counts, response rates, results
with small numbers suppressed, closing freezing them. Issue and close are audited; answers
never."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from ecm.audit.models import AuditEntry
from ecm.surveys import services
from ecm.surveys.models import SurveyLink, SurveyTally
from ecm.surveys.questionnaires import questionnaires
from ecm.surveys.selectors import survey_results

pytestmark = pytest.mark.django_db
CARE4ME = questionnaires("2009").get("care4me")


def _answers(**given):
    return {q.code: given.get(q.code, "") for q in CARE4ME.questions}


def _open(actor, council, code="care4me", year=2009):
    return services.survey_open(actor=actor, council=council, year=year, questionnaire=code)


def test_the_four_questionnaires_of_004_are_in_the_file_labelled_as_our_own():
    """004: Care4me and Aftercare (children and young people), social workers, and the
    voluntary and community sector; the seed gives no questions, and the file says so."""
    the_file = questionnaires("2009")
    assert the_file.codes == ("care4me", "aftercare", "social_workers", "voluntary_sector")
    assert "gives no questions" in the_file.own_questions
    assert [q.children for q in the_file.questionnaires] == [True, True, False, False]


def test_the_inspectorate_opens_a_year_once_from_2009_004(hmi, council, link_officer):
    """004: "to be introduced in 2009"."""
    survey = _open(hmi, council)
    assert survey.version == "2009" and survey.is_open
    assert AuditEntry.objects.filter(verb="surveys.opened", target_id=str(survey.pk)).exists()
    with pytest.raises(ValidationError, match="already open"):
        _open(hmi, council)
    with pytest.raises(ValidationError, match="introduced in 2009"):
        _open(hmi, council, code="aftercare", year=2008)
    with pytest.raises(ValidationError, match=services.NOT_THE_INSPECTORATE):
        _open(link_officer, council, code="aftercare")


def test_links_are_random_stored_hashed_and_children_are_never_emailed_004(hmi, council):
    """004: "Views of children and young people ... gathered through an annual questionnaire":
    a child's link is anonymous, handed out by the council; no address is kept."""
    survey = _open(hmi, council)
    made = services.links_issue(actor=hmi, survey=survey, count=3)
    assert len({m.token for m in made}) == 3
    stored = set(SurveyLink.objects.values_list("token_hash", flat=True))
    assert all(m.token not in stored and services.token_hash(m.token) in stored for m in made)
    with pytest.raises(ValidationError, match="never emailed"):
        services.links_issue(actor=hmi, survey=survey, emails=["child@example.org"])
    entry = AuditEntry.objects.get(verb="surveys.links_issued")
    assert entry.after["links"] == 3 and "child" not in str(entry.after)


def test_adults_are_emailed_a_link_and_the_address_is_not_kept_004(
    hmi, council, django_capture_on_commit_callbacks
):
    """004: "Evidence will also be considered from the new annual survey of social workers"."""
    survey = _open(hmi, council, code="social_workers")
    made = services.links_issue(
        actor=hmi, survey=survey, emails=["sw1@example.org", "SW1@example.org", "sw2@example.org"]
    )
    assert len(made) == 2 and all(m.link.channel == "email" for m in made)
    assert len(mail.outbox) == 0  # sent once the issue is saved (on commit)
    with django_capture_on_commit_callbacks(execute=True):
        (third,) = services.links_issue(actor=hmi, survey=survey, emails=["sw3@example.org"])
    (sent,) = mail.outbox
    assert sent.to == ["sw3@example.org"] and third.path in sent.body
    with pytest.raises(ValidationError, match="is not an email address"):
        services.links_issue(actor=hmi, survey=survey, emails=["not an address"])
    assert not AuditEntry.objects.filter(after__icontains="sw1@example.org").exists()
    assert not any("example.org" in str(v) for v in SurveyLink.objects.values())


def test_an_answer_counts_once_and_cannot_be_traced_to_its_link_004(hmi, council):
    """004: "Results from the new annual survey of children and young people, Care4me and
    Aftercare, will be taken into account": answers are anonymous, a link works once, and
    nothing about the answer is audited."""
    survey = _open(hmi, council)
    (first, second) = services.links_issue(actor=hmi, survey=survey, count=2)
    entries = AuditEntry.objects.count()
    services.survey_answer(token=first.token, answers=_answers(feel_safe="always"))
    with pytest.raises(ValidationError, match="already been used"):
        services.survey_answer(token=first.token, answers=_answers(feel_safe="never"))
    assert AuditEntry.objects.count() == entries
    tally = SurveyTally.objects.get(survey=survey, question="feel_safe", answer="always")
    assert tally.count == 1
    # No row of the answer names its link, a time or a person.
    assert {f.name for f in SurveyTally._meta.fields} == {
        "id", "survey", "question", "answer", "count"
    }  # fmt: skip
    assert {f.name for f in SurveyLink._meta.fields} >= {"used"}
    assert not any("at" in f.name.split("_") for f in SurveyLink._meta.fields)
    with pytest.raises(ValidationError, match="Choose one of the answers"):
        services.survey_answer(token=second.token, answers=_answers(feel_safe="maybe"))
    with pytest.raises(ValidationError, match=services.NOTHING_ANSWERED):
        services.survey_answer(token=second.token, answers=_answers())


def test_response_rates_and_results_with_small_numbers_suppressed(hmi, council, settings):
    """004's questionnaires' results: the rate per council, counts and percentages per
    question, a count below the labelled setting not shown (nor one that reveals it)."""
    settings.SURVEY_SMALL_NUMBERS = 3
    survey = _open(hmi, council)
    links = services.links_issue(actor=hmi, survey=survey, count=10)
    safe = ["always"] * 5 + ["never"] * 2 + ["mostly"]
    heard = ["always"] * 6 + ["never"] * 2
    for link, one, two in zip(links, safe, heard, strict=False):
        services.survey_answer(token=link.token, answers=_answers(feel_safe=one, listened_to=two))
    (results,) = survey_results(council=council, year=2009)
    assert (results.issued, results.answered, results.rate) == (10, 8, 80)
    feel_safe, listened_to = results.questions[:2]
    by_label = {o.label: (o.count, o.percent) for o in feel_safe.options}
    assert by_label["Always"] == (5, 63)
    assert by_label["Never"] == by_label["Most of the time"] == (None, None)  # 2 and 1 < 3
    assert by_label["Sometimes"] == (0, 0)
    # Only one small count: the next smallest is hidden too, or 2 = 8 - 6 would show it.
    heard_by = {o.label: o.count for o in listened_to.options}
    assert heard_by["Always"] is None and heard_by["Never"] is None


def test_too_few_answers_show_no_result(hmi, council, settings):
    settings.SURVEY_SMALL_NUMBERS = 5
    survey = _open(hmi, council)
    (link,) = services.links_issue(actor=hmi, survey=survey, count=1)
    services.survey_answer(token=link.token, answers=_answers(feel_safe="always"))
    (results,) = survey_results(council=council, year=2009)
    assert results.too_few and all(q.suppressed for q in results.questions)
    assert all(o.count is None for q in results.questions for o in q.options)


def test_closing_freezes_the_results_and_the_links_004(hmi, council, settings):
    settings.SURVEY_SMALL_NUMBERS = 1
    survey = _open(hmi, council)
    first, second = services.links_issue(actor=hmi, survey=survey, count=2)
    services.survey_answer(token=first.token, answers=_answers(feel_safe="mostly"))
    closed = services.survey_close(actor=hmi, survey=survey)
    assert closed.results["answered"] == 1 and closed.closed_by == hmi
    assert AuditEntry.objects.filter(verb="surveys.closed").count() == 1
    with pytest.raises(ValidationError, match="has closed"):
        services.survey_answer(token=second.token, answers=_answers(feel_safe="never"))
    with pytest.raises(ValidationError, match="was closed on"):
        services.links_issue(actor=hmi, survey=survey, count=1)
    with pytest.raises(ValidationError, match="was closed on"):
        services.survey_close(actor=hmi, survey=survey)
    # A count changed behind its back changes nothing: the results are the frozen ones.
    SurveyTally.objects.filter(survey=survey).update(count=99)
    (results,) = survey_results(council=council, year=2009)
    assert results.closed and results.answered == 1
    options = {o.label: o.count for o in results.questions[0].options}
    assert options["Most of the time"] == 1
