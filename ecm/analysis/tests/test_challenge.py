"""The handbook's challenge questions for each grade, and "endemic or isolated", as prompts on
Steps 2-4 (issue 23 §2; 002 §E.iii-iv), quoted exactly."""

from pathlib import Path

import lxml.html
import pytest
from django.urls import reverse

from ecm.analysis import challenge
from ecm.analysis.services import judgements as steps

SEED = Path("/work/shared/seeds/002_8de710afa19392ed.txt")


def _seed() -> str:
    return " ".join(SEED.read_text(encoding="utf-8").split())


@pytest.mark.skipif(not SEED.exists(), reason="the seed is not on this machine")
def test_every_prompt_is_the_handbooks_own_words_002_E_iii_iv():
    """002 §E.iv: "Ask yourselves, for example:" one question per grade, and "Place emphasis on
    distinguishing endemic strengths or weaknesses ... from more isolated examples"."""
    seed = _seed()
    for text in (
        challenge.INTRODUCTION,
        challenge.ENDEMIC_OR_ISOLATED,
        *challenge.GRADE_QUESTIONS.values(),
        *challenge.AREA_QUESTIONS,
    ):
        assert text in seed, text
    section = seed[seed.index("iv Making the overall judgement") :]
    places = [section.index(challenge.GRADE_QUESTIONS[g]) for g in (4, 3, 2, 1)]
    assert places == sorted(places)


def test_the_question_of_the_grade_given_comes_first_and_every_grade_has_one():
    """Not only grade 4: 002 §E.iv asks a question of each of the four grades."""
    prompts = challenge.challenge(grade=2)
    assert [q.grade for q in prompts.questions] == [4, 3, 2, 1]
    assert prompts.chosen.text == challenge.GRADE_QUESTIONS[2]
    assert "How endemic or systemic are identified weaknesses?" in prompts.chosen.text
    assert challenge.challenge(grade=None).chosen is None


def text_of(response, xpath) -> str:
    tree = lxml.html.fromstring(response.content.decode())
    return " ".join(" ".join(n.text_content().split()) for n in tree.xpath(xpath))


@pytest.mark.django_db
def test_steps_2_to_4_prompt_with_the_grade_given_002_E_iv(
    client, make_assessment, council, outcomes, hmi
):
    assessment = make_assessment(council=council, year=2005)
    client.force_login(hmi)

    def page(name, **kwargs):
        url = reverse(f"analysis:{name}", kwargs={"pk": assessment.pk, **kwargs})
        return text_of(client.get(url), "//div[@id='challenge']")

    step2 = page("step2", code="staying_safe")
    assert challenge.ENDEMIC_OR_ISOLATED in step2
    assert challenge.AREA_QUESTIONS[1] in step2  # "Are there any weaknesses which require..."
    assert "(the handbook, section E.iv)" in step2 and "002 §" not in step2

    steps.overall_summary_save(
        assessment=assessment, actor=hmi, shown=None, trail="",
        strands={"children_services": {"grade": 1, "text": "Weak", "entries": []}},
    )  # fmt: skip
    assert f"For grade 1: “{challenge.GRADE_QUESTIONS[1]}”" in page("step3")
    assert f"For grade 1: “{challenge.GRADE_QUESTIONS[1]}”" in page("step4")

    overall = next(j for j in steps.required_judgements(assessment) if j.code == "overall")
    steps.summative_save(
        assessment=assessment, judgement=overall, actor=hmi, shown=None, grade=3,
        rationale="Consistent strengths", entries=[],
    )  # fmt: skip
    assert f"For grade 3: “{challenge.GRADE_QUESTIONS[3]}”" in page("step4")
    form = page("step4-judgement", code="overall")
    assert f"For grade 3: “{challenge.GRADE_QUESTIONS[3]}”" in form
    assert challenge.ENDEMIC_OR_ISOLATED in form
