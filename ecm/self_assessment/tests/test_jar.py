"""Before a JAR the council starts from its latest APA submission and expands it with
partners (000 §16; issue 4 §3)."""

import pytest
from django.urls import reverse

from ecm.apa import services as apa_services
from ecm.framework.services import framework_load_bundled
from ecm.self_assessment import services
from ecm.self_assessment.models import Answer, SelfAssessment
from ecm.self_assessment.tests.conftest import complete_every_part

pytestmark = pytest.mark.django_db


def test_a_jar_self_assessment_starts_from_the_latest_apa_submission(
    client, link_officer, council, self_assessment, template, draft
):
    field = next(f for p, _, f in template.fields() if p.code == "c")
    services.answers_save(
        version=draft, actor=link_officer, values={field.urn: {"text": "Needs analysis 2007"}},
        lock_versions={field.urn: 0},
    )  # fmt: skip
    complete_every_part(draft, link_officer, template)
    services.version_submit(version=draft, actor=link_officer, declaration_confirmed=True)

    (version,) = framework_load_bundled()
    jar_round = apa_services.round_create(
        actor=None, year=2008, framework_version=version, regime="jar"
    )
    (jar,) = apa_services.assessments_create_for_round(
        actor=None, assessment_round=jar_round, councils=[council]
    )
    url = reverse("self_assessment:overview", kwargs={"pk": jar.pk})
    client.force_login(link_officer)
    assert "starts from version 1" in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    jar_sa = SelfAssessment.objects.get(assessment=jar)
    assert "jar" in jar_sa.template_urn
    first = jar_sa.versions.get()
    assert first.based_on == draft
    jar_template = services.template_of(jar_sa)
    carried = next(f for p, _, f in jar_template.fields() if p.code == "c")
    assert Answer.objects.get(version=first, field_urn=carried.urn).text == "Needs analysis 2007"
