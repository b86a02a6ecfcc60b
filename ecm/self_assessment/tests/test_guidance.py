"""What the self-assessment guidance asks, shown where the council writes, and a part complete
only with its answers (issue 23 §2-§3; seed 000, "Self-assessment, Part 1: Guidance")."""

import re
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ecm.apa import services as apa_services
from ecm.framework.services import framework_load_bundled
from ecm.self_assessment import selectors, services
from ecm.self_assessment.forms import field_slug
from ecm.self_assessment.tests.helpers import answer_every_required, complete_every_part

pytestmark = pytest.mark.django_db

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"


@pytest.fixture
def jar_self_assessment(council, link_officer):
    """The council's self-assessment for a joint area review (the JAR template)."""
    (version,) = framework_load_bundled()
    jar_round = apa_services.round_create(
        actor=None, year=2008, framework_version=version, regime="jar"
    )
    (jar,) = apa_services.assessments_create_for_round(
        actor=None, assessment_round=jar_round, councils=[council]
    )
    return services.self_assessment_start(assessment=jar, actor=link_officer)


def _page(client, user, name, self_assessment, **kwargs) -> str:
    client.force_login(user)
    url = reverse(f"self_assessment:{name}", kwargs={"pk": self_assessment.assessment.pk, **kwargs})
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode().replace("&#x27;", "'").replace("&quot;", '"')


# 000 §11: writing guidance -------------------------------------------------------------------


@pytest.mark.parametrize("code", list("abcdefg"))
def test_000_s11_the_writing_guidance_is_on_every_part_page(
    client, link_officer, self_assessment, template, code
):
    """000 §11: "It is helpful if the self-assessment is concise, evaluative and referenced to
    relevant evidence", with its three examples, shown (a GOV.UK details) where the council
    writes, and cited as the guidance's sections, never the project's names."""
    page = _page(client, link_officer, "part", self_assessment, code=code)
    assert 'class="govuk-details" id="writing-guidance"' in page
    assert "concise, evaluative and referenced to relevant evidence" in page
    for point in template.writing_guidance.points:
        assert point in page
    assert "From the self-assessment guidance, sections 10 and 11." in page
    assert "000 §" not in page


def test_000_s13_the_length_guide_is_the_apa_s_only(
    client, link_officer, self_assessment, jar_self_assessment
):
    """000 §13: "approximately two to three sides of A4 ... on each outcome" is for an annual
    performance assessment; a joint area review's overview does not say it."""
    apa = _page(client, link_officer, "overview", self_assessment)
    jar = _page(client, link_officer, "overview", jar_self_assessment)
    assert "two to three sides of A4 on each outcome" in apa
    assert "sides of A4" not in jar
    assert "How to write your self-assessment" in apa and "How to write your self-assessment" in jar


# 000 §13-14: supporting documents follow the kind of self-assessment ------------------------


def test_000_s13_an_apa_s_documents_page_asks_for_the_plan_only(
    client, link_officer, self_assessment
):
    """000 §13: "The only document(s) to be submitted with the self-assessment is the Children
    and Young People's Plan or its equivalent(s)"."""
    page = _page(client, link_officer, "documents", self_assessment)
    assert "attach only the Children and Young People's Plan" in page
    assert "Key Judgements and Evidence" not in page
    assert "From the self-assessment guidance, section 13." in page


def test_000_s14_a_jar_s_documents_page_asks_for_those_listed_in_key_judgements_and_evidence(
    client, link_officer, jar_self_assessment
):
    """000 §14: "For a joint area review, the documents that are required are listed in Key
    Judgements and Evidence and where possible the self-assessment should refer to the
    appropriate pages in those documents"; never "attach only the CYPP"."""
    page = _page(client, link_officer, "documents", jar_self_assessment)
    assert "attach the documents listed in Key Judgements and Evidence" in page
    assert "attach only" not in page
    assert "From the self-assessment guidance, section 14." in page


# 000 §8-9, §16: partners -----------------------------------------------------------------------


def test_000_s9_partners_are_optional_for_the_apa(client, link_officer, self_assessment):
    """000 §9: "Local arrangements regarding the involvement of partners in the submission for
    the APA may vary. It may be limited to the work of the council's education and social care
    functions": the council is told so, and adding a partner's contribution is optional."""
    page = _page(client, link_officer, "part", self_assessment, code="g")
    assert "Involving partners is optional" in page
    assert "limited to the work of the council's education and social care functions" in page
    assert "From the self-assessment guidance, section 9." in page
    assert "Add a partner's contribution" in page and "(optional)" in page


def test_000_s8_s16_partners_are_expected_for_a_jar_and_their_absence_is_warned(
    client, link_officer, jar_self_assessment
):
    """000 §8: "All services for children and young people in the local area should be fully
    involved in producing the self-assessment for the JAR" (§16: the director "coordinate[s]
    this activity with key partners"): said on the pages where the council writes, and the
    check page warns while no partner has contributed (a warning: the guidance says "should")."""
    page = _page(client, link_officer, "part", jar_self_assessment, code="d")
    assert "Partners are expected to take part." in page
    assert "From the self-assessment guidance, sections 8 and 16." in page
    assert "(optional)" not in page
    check = _page(client, link_officer, "check", jar_self_assessment)
    assert "No partner's contribution has been added." in check
    version = jar_self_assessment.versions.get()
    template = services.template_of(jar_self_assessment)
    services.partner_contribution_add(
        version=version, field_urn=template.parts[6].fields[0].urn, actor=link_officer,
        organisation="Sharpston Primary Care Trust", text="Joint commissioning of CAMHS",
    )  # fmt: skip
    check = _page(client, link_officer, "check", jar_self_assessment)
    assert "No partner's contribution has been added." not in check
    assert "Partners who contributed: Sharpston Primary Care Trust." in check
    overview = _page(client, link_officer, "overview", jar_self_assessment)
    assert "Partners who have contributed so far: Sharpston Primary Care Trust." in overview


def test_000_s9_the_apa_check_page_does_not_ask_for_partners(client, link_officer, self_assessment):
    """000 §9: the APA's may be the council's own; no warning about partners."""
    check = _page(client, link_officer, "check", self_assessment)
    assert "No partner's contribution" not in check


# A part is complete only with its required answers (000 §10, §12) ---------------------------


def test_every_field_of_both_templates_is_required(template, jar_self_assessment):
    """000 §10: each part asks its questions (the prompts are "not exhaustive"), Part B asks for
    "a clear statement of the priorities"; §12: local services "are asked to grade themselves".
    The library files mark each field required; a prompt is never a field."""
    for each in (template, services.template_of(jar_self_assessment)):
        assert all(field.required for _, _, field in each.fields())


def test_000_s10_a_part_with_no_answers_cannot_be_marked_completed(link_officer, template, draft):
    """Issue 23 §2: "A self-assessment part can be marked 'Completed' with none of its questions
    answered": now refused, naming each missing answer."""
    part_b = template.part("b")
    with pytest.raises(services.AnswersMissing) as refused:
        services.part_mark(version=draft, part_urn=part_b.urn, completed=True, actor=link_officer)
    messages = refused.value.messages
    assert messages[0].startswith("Part B cannot be marked as completed")
    assert "Part B: answer \u201cSummary evaluation of overall performance\u201d" in messages
    assert "Part B: choose a grade for Capacity to improve" in messages  # 000 §12
    assert "Part B: answer \u201cPriorities for children and young people\u201d" in messages
    assert not draft.progress.filter(completed=True).exists()


def test_000_s12_a_part_with_one_grade_missing_is_not_complete(link_officer, template, draft):
    """000 §12: local services "are asked to grade themselves": every grade, not some."""
    part_b = template.part("b")
    answer_every_required(draft, link_officer, template)
    grades = next(f for f in part_b.fields if f.kind == "grades")
    answer = draft.answers.get(field_urn=grades.urn)
    items = dict(answer.items)
    items.pop("capacity_to_improve")
    services.answers_save(
        version=draft, actor=link_officer,
        values={grades.urn: {"text": "", "items": items}},
        lock_versions={grades.urn: answer.lock_version},
    )  # fmt: skip
    missing = selectors.answers_missing(version=draft, template=template, part=part_b)
    assert [m.message for m in missing] == ["Part B: choose a grade for Capacity to improve"]
    slug = field_slug(part_b.sections[0], grades)
    assert missing[0].input_id == f"id_{slug}__capacity_to_improve"


def test_marking_a_part_completed_on_its_page_lists_what_is_missing_with_links(
    client, link_officer, self_assessment, template, draft
):
    """Issue 23 §2: the part page refuses "Yes, I've completed this part" and shows a GOV.UK
    error summary, each missing answer a link to its question; nothing of the POST is kept."""
    part = template.part("d")
    section = part.sections[1]
    url = reverse("self_assessment:part", kwargs={"pk": self_assessment.assessment.pk, "code": "d"})
    client.force_login(link_officer)
    first = field_slug(section, section.fields[0])
    page = client.post(url, {"completed": "yes", first: "Children are safer."})
    assert page.status_code == 200
    html = page.content.decode()
    assert 'class="govuk-error-summary"' in html
    assert "Part D cannot be marked as completed until its questions are answered" in html
    assert "9 answers missing" in html
    second = field_slug(section, section.fields[1])
    assert f'href="#id_{second}"' in html  # Staying safe's second question
    assert f'href="#id_{first}"' not in html  # answered
    assert "Children are safer." in html  # what was typed is kept on the page
    assert not draft.answers.exists() and not draft.progress.exists()


def test_a_part_marked_completed_then_emptied_is_not_completed_and_submission_names_it(
    client, link_officer, self_assessment, template, draft
):
    """Issue 23 §2: "and then submitted": a part whose answer was cleared with "Save and come
    back later" shows as in progress, and submission lists each missing answer with a link to
    its question."""
    complete_every_part(draft, link_officer, template)
    part_f = template.part("f")
    field = part_f.fields[0]
    answer = draft.answers.get(field_urn=field.urn)
    services.answers_save(
        version=draft, actor=link_officer, values={field.urn: {"text": ""}},
        lock_versions={field.urn: answer.lock_version},
    )  # fmt: skip
    tasks = {t.part.code: t.status for t in selectors.part_tasks(version=draft, template=template)}
    assert tasks["f"] != selectors.COMPLETED
    with pytest.raises(ValidationError):
        services.version_submit(version=draft, actor=link_officer, declaration_confirmed=True)

    client.force_login(link_officer)
    url = reverse("self_assessment:check", kwargs={"pk": self_assessment.assessment.pk})
    page = client.post(url, {"confirm": "on"})
    html = page.content.decode()
    assert page.status_code == 200 and 'class="govuk-error-summary"' in html
    slug = field_slug(part_f.sections[0], field)
    part_url = reverse(
        "self_assessment:part", kwargs={"pk": self_assessment.assessment.pk, "code": "f"}
    )
    assert f'href="{part_url}#id_{slug}"' in html
    assert "Part F: answer \u201cHow well do you engage children and young people?\u201d" in html
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_the_check_page_lists_missing_answers_before_submission(
    client, link_officer, self_assessment
):
    """Issue 23 §2: the council sees what is still missing before it tries to submit."""
    page = _page(client, link_officer, "check", self_assessment)
    assert 'id="missing-answers"' in page and "required answers are still missing" in page


# §3: what users see ----------------------------------------------------------------------------


def test_issue_23_s3_no_page_cites_the_project_s_own_names():
    """Issue 23 §3: users see "the self-assessment guidance, section N" or "the handbook,
    section D", never "(000 §11)", "002 §D" or "DOMAIN.md" (comments excepted)."""
    cited = re.compile(r"\b00\d §|DOMAIN\.md|DESIGN\.md|issue \d+ §")
    for path in TEMPLATES.rglob("*.html"):
        text = re.sub(
            r"\{#.*?#\}|\{% comment %\}.*?\{% endcomment %\}",
            "",
            path.read_text(encoding="utf-8"),
            flags=re.S,
        )
        assert not cited.search(text), f"{path.name} cites a project file: {cited.search(text)}"
