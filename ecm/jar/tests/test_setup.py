"""The review's set-up as the seeds say (issue 24 §1-§2): a team of accounts from several
inspectorates, checked against 003's "at least four"; people offered only from inspectorates
that existed on the review's dates; councils offered only if they existed then; lines of
enquiry carried from the latest APA; the programme of 003's three years."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ecm.accounts.roles import Role
from ecm.analysis.models import HypothesisSource, HypothesisStatus
from ecm.analysis.services import notebook
from ecm.analysis.services.hypotheses import hypothesis_raise, hypothesis_test
from ecm.audit.models import AuditEntry
from ecm.authorities.models import Council
from ecm.authorities.services import councils_load
from ecm.authorities.tests.factories import CouncilFactory
from ecm.demo.jar import TEAM as DEMO_TEAM
from ecm.demo.people import DEMO_PEOPLE
from ecm.jar import services
from ecm.jar.forms import NotifyForm
from ecm.jar.models import Inspectorate, LineOrigin, TeamMember
from ecm.jar.report.models import JarReport
from ecm.jar.selectors import ProgrammeStatus, programme, team_candidates

pytestmark = pytest.mark.django_db

FOUR = (
    Inspectorate.OFSTED,
    Inspectorate.HEALTHCARE,
    Inspectorate.AUDIT,
    Inspectorate.HMIC,
)


def _team_warning(review) -> list[str]:
    return [w for w in services.setup_warnings(review) if "inspectorates or commissions" in w]


def test_a_team_from_fewer_than_four_inspectorates_is_warned_not_refused_003(
    review, lead, administrator, make_user
):
    """003: review teams "normally have inspectors from at least four inspectorates or
    commissions": a warning in the seed's own word, never a refusal."""
    (warning,) = _team_warning(review)
    assert '"normally have inspectors from at least four' in warning
    assert "1 inspectorate or commission (Ofsted)" in warning
    for body in FOUR[1:]:
        services.team_member_add(
            actor=administrator, review=review, user=make_user(inspectorate=body)
        )
    assert _team_warning(review) == []
    assert review.team.count() == 4


def test_a_members_inspectorate_is_their_accounts_003(review, administrator, make_user):
    """Issue 24 §2: team members are accounts with their inspectorate."""
    auditor = make_user(inspectorate=Inspectorate.AUDIT, first_name="Robert", last_name="Kerr")
    with pytest.raises(ValidationError, match="their inspectorate as Audit Commission, not Ofsted"):
        services.team_member_add(
            actor=administrator, review=review, user=auditor, inspectorate=Inspectorate.OFSTED
        )
    member = services.team_member_add(actor=administrator, review=review, user=auditor)
    assert (member.name, member.inspectorate) == ("Robert Kerr", Inspectorate.AUDIT)
    with pytest.raises(ValidationError, match="already on the team"):
        services.team_member_add(actor=administrator, review=review, user=auditor)
    with pytest.raises(ValidationError, match="Choose the inspector's account"):
        services.team_member_add(actor=administrator, review=review, name="Someone")
    unknown = make_user(first_name="Nora", last_name="Noone")
    with pytest.raises(ValidationError, match="Nora Noone's account does not say"):
        services.team_member_add(actor=administrator, review=review, user=unknown)
    assert AuditEntry.objects.filter(verb="jar.team_member_added").count() == 1


def test_the_lead_is_ofsted_from_the_account_001(review, administrator, make_user):
    """001: "led by Ofsted"; the Ofsted account may lead."""
    hmi = make_user(Role.HMI, inspectorate=Inspectorate.OFSTED)
    member = services.team_member_add(actor=administrator, review=review, user=hmi, is_lead=True)
    assert member.is_lead and not any("no lead" in w for w in services.setup_warnings(review))


def test_only_inspectorates_that_existed_on_the_reviews_dates_are_offered(
    review, administrator, make_user
):
    """Issue 24 §2-§3: a 2007 review is not offered a Care Quality Commission inspector (CQC
    began on 1 April 2009); a 2009 review is not offered a Healthcare Commission one (it closed
    on 31 March 2009)."""
    cqc = make_user(inspectorate="cqc")
    healthcare = make_user(inspectorate=Inspectorate.HEALTHCARE)
    unrecorded = make_user(Role.HMI)
    council_side = make_user(Role.LINK_OFFICER, council=review.council)
    offered = set(team_candidates(review))
    assert healthcare in offered
    assert not {cqc, unrecorded, council_side} & offered
    with pytest.raises(ValidationError, match="Care Quality Commission did not exist"):
        services.team_member_add(actor=administrator, review=review, user=cqc)
    services.team_member_add(actor=administrator, review=review, user=healthcare)
    assert healthcare not in set(team_candidates(review))  # on the team already
    review.analysis_starts, review.fieldwork_starts = date(2009, 3, 2), date(2009, 4, 20)
    review.save()
    assert cqc not in set(team_candidates(review))  # notified in 2007, before CQC
    assert any("did not exist for the whole review" in w for w in services.setup_warnings(review))


def test_a_member_recorded_by_name_only_still_shows_and_counts(review, client, administrator):
    """Reviews made before the team was accounts keep their members, marked as such."""
    TeamMember.objects.create(
        review=review, name="Dr Ann Patel", inspectorate=Inspectorate.HEALTHCARE
    )
    warnings = services.setup_warnings(review)
    assert not any("nobody from the Healthcare Commission" in w for w in warnings)
    assert any("Dr Ann Patel is recorded by name only" in w for w in warnings)
    client.force_login(administrator)
    page = client.get(reverse("jar:review", kwargs={"pk": review.pk})).content.decode()
    assert "Dr Ann Patel, Healthcare Commission (recorded by name only)" in page


def test_the_team_page_offers_accounts_and_adds_one(review, client, administrator, make_user):
    auditor = make_user(inspectorate=Inspectorate.AUDIT, first_name="Rob", last_name="Kerr")
    make_user(inspectorate="cqc", first_name="Cara", last_name="Quill")
    client.force_login(administrator)
    url = reverse("jar:team-add", kwargs={"pk": review.pk})
    page = client.get(url).content.decode()
    assert "Rob Kerr (Audit Commission)" in page and "Cara Quill" not in page
    response = client.post(url, {"user": auditor.pk})
    assert response.status_code == 302
    assert review.team.get(user=auditor).inspectorate == Inspectorate.AUDIT


@pytest.fixture
def real_councils(db):
    councils_load()
    return {c.name: c for c in Council.objects.all()}


NEW_COUNCILS = ("Bournemouth, Christchurch and Poole", "Cumberland", "North Northamptonshire")


def test_a_2007_review_offers_no_council_made_since_issue_24(real_councils, administrator):
    """Issue 24 §3: "a 2007 JAR offers councils created in 2019-2023 (Bournemouth, Christchurch
    and Poole; Cumberland; North Northamptonshire)"."""
    offered = {c.name for c in NotifyForm().fields["council"].queryset}
    for name in NEW_COUNCILS:
        assert any(n.startswith(name) for n in real_councils), name
        assert not any(n.startswith(name) for n in offered), name
    assert any(n.startswith("Northamptonshire") for n in offered)
    new = next(c for n, c in real_councils.items() if n.startswith("Cumberland"))
    with pytest.raises(ValidationError, match="did not exist as a council"):
        services.review_notify(
            actor=administrator,
            council=new,
            notified_on=date(2007, 4, 13),
            setup_meeting=date(2007, 6, 15),
            analysis_starts=date(2007, 9, 24),
            fieldwork_starts=date(2007, 10, 15),
        )


@pytest.fixture
def apa_findings(review, assessment, outcomes, hmi, brm):
    """The review's most recent APA with a shared area for improvement, a strength, a private
    area for improvement, and a hypothesis marked "For JAR fieldwork"."""
    review.apa_assessment, review.apa_grade = assessment, 3
    review.save()
    weak = notebook.entry_add(
        assessment=assessment, outcome=outcomes["staying_safe"], actor=hmi,
        finding="Initial assessments are late for too many children", kind="area_for_improvement",
    )  # fmt: skip
    notebook.entry_share(entry=weak, actor=hmi)
    strong = notebook.entry_add(
        assessment=assessment, outcome=outcomes["being_healthy"], actor=hmi,
        finding="Teenage conceptions fell", kind="strength",
    )  # fmt: skip
    notebook.entry_share(entry=strong, actor=hmi)
    notebook.entry_add(
        assessment=assessment, outcome=outcomes["staying_safe"], actor=brm,
        finding="A private note", kind="area_for_improvement",
    )  # fmt: skip
    hypothesis = hypothesis_raise(
        assessment=assessment, actor=hmi, statement="Care leavers lose touch with services",
        raised_from=HypothesisSource.DATA, outcome=outcomes["economic_wellbeing"],
    )  # fmt: skip
    hypothesis_test(
        hypothesis=hypothesis, actor=hmi, shown=None, status=HypothesisStatus.JAR_FIELDWORK,
        note="Needs fieldwork",
    )  # fmt: skip
    return weak, hypothesis


def test_lines_are_proposed_from_the_apas_weak_areas_and_hypotheses_001(review, lead, apa_findings):
    """001: the review focuses on "Areas of weakness identified in the most recent APA"; the
    APA notebook's hypotheses "For JAR fieldwork" are carried in, each saying where it came
    from, once."""
    weak, hypothesis = apa_findings
    proposals = services.proposed_lines(review)
    assert [p.key for p in proposals] == [f"entry-{weak.pk}", f"hypothesis-{hypothesis.pk}"]
    assert "Initial assessments are late" in proposals[0].title
    assert "most recent APA" in proposals[0].where
    assert '"For JAR fieldwork"' in proposals[1].where
    line = services.line_of_enquiry_carry(actor=lead, review=review, key=proposals[1].key)
    assert (line.origin, line.hypothesis) == (LineOrigin.HYPOTHESIS, hypothesis)
    assert line.reason == proposals[1].where
    assert [p.key for p in services.proposed_lines(review)] == [f"entry-{weak.pk}"]
    with pytest.raises(ValidationError, match="already carried"):
        services.line_of_enquiry_carry(actor=lead, review=review, key=proposals[1].key)
    assert AuditEntry.objects.filter(verb="jar.line_added", after__origin="hypothesis").exists()


def test_the_review_page_offers_the_proposals_to_the_lead(
    client, review, lead, apa_findings, link_officer
):
    weak, _ = apa_findings
    url = reverse("jar:review", kwargs={"pk": review.pk})
    client.force_login(lead)
    assert "Proposed from the most recent APA" in client.get(url).content.decode()
    response = client.post(
        reverse("jar:line-carry", kwargs={"pk": review.pk}), {"key": f"entry-{weak.pk}"}
    )
    assert response.status_code == 302
    line = review.lines_of_enquiry.get(apa_entry=weak)
    assert line.origin == LineOrigin.APA_WEAKNESS
    page = client.get(url).content.decode()
    assert "From: An area of weakness in the most recent APA" in page
    client.force_login(link_officer)
    assert "Proposed from the most recent APA" not in client.get(url).content.decode()


def test_the_programme_of_three_years_from_september_2005_003(
    administrator, make_user, client, settings
):
    """003: "Over the three years from September 2005, all local authority services ... will
    be subject to a joint area review": done, scheduled, not yet scheduled, and overdue after
    the three years (their end, 31 August 2008, is our setting)."""
    done, scheduled, late, never = (CouncilFactory() for _ in range(4))
    made_later = CouncilFactory(established_on=date(2019, 4, 1))

    def notify(council, fieldwork: date):
        return services.review_notify(
            actor=administrator, council=council, notified_on=date(2007, 1, 8),
            setup_meeting=date(2007, 2, 5), analysis_starts=date(2007, 3, 5),
            fieldwork_starts=fieldwork,
        )  # fmt: skip

    JarReport.objects.create(
        review=notify(done, date(2007, 3, 26)), stage="published", published_on=date(2007, 7, 2)
    )
    notify(scheduled, date(2007, 4, 16))
    notify(late, date(2008, 9, 15))

    def status(on):
        return {r.council: r.status for r in programme(on)}

    in_2007 = status(date(2007, 9, 1))
    assert made_later not in in_2007
    assert in_2007[done] == ProgrammeStatus.DONE
    assert in_2007[scheduled] == ProgrammeStatus.SCHEDULED
    assert in_2007[late] == ProgrammeStatus.OVERDUE  # fieldwork after the three years
    assert in_2007[never] == ProgrammeStatus.NOT_SCHEDULED
    after = status(date(2008, 9, 1))
    assert after[scheduled] == after[never] == ProgrammeStatus.OVERDUE
    assert after[done] == ProgrammeStatus.DONE
    before_publication = status(date(2007, 6, 1))
    assert before_publication[done] == ProgrammeStatus.SCHEDULED

    client.force_login(administrator)
    page = client.get(reverse("jar:programme"), {"on": "2007-09-01"}).content.decode()
    assert "Over the three years from September 2005" in page and "our setting" in page
    assert "Overdue:" in page and "Not yet scheduled:" in page
    overdue = client.get(reverse("jar:programme"), {"on": "2007-09-01", "status": "overdue"})
    shown = overdue.content.decode()
    assert f">{late.name}<" in shown and f">{never.name}<" not in shown
    assert 'href="/jar/programme/"' in client.get(reverse("jar:list")).content.decode()
    council_user = make_user(Role.LINK_OFFICER, council=done)
    client.force_login(council_user)
    assert client.get(reverse("jar:programme")).status_code == 404
    settings.JAR_PROGRAMME_ENDS = date(2009, 3, 31)
    assert status(date(2008, 9, 1))[never] == ProgrammeStatus.NOT_SCHEDULED


def test_the_demo_review_has_a_team_of_accounts_from_four_inspectorates_003():
    """The demo's review of Sharpston (issue 24 §2): its team's accounts come from Ofsted, the
    Healthcare Commission and the Audit Commission (001) and CSCI: four (003)."""
    people = {p.email: p for p in DEMO_PEOPLE}
    bodies = {people[email].inspectorate for email in ("hmi@ofsted.example", *DEMO_TEAM)}
    assert bodies == {"ofsted", "healthcare_commission", "audit_commission", "csci"}
