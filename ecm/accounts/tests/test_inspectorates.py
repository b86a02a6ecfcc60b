"""People's inspectorates, each with the dates it existed (issue 24 §2-3: 003's teams from
several inspectorates; 004's Ofsted and CQC; lists follow the date of the work)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from ecm.accounts.inspectorates import inspectorate_codes_on, inspectorate_named
from ecm.accounts.roles import Role
from ecm.accounts.selectors import inspectorate_staff_on
from ecm.accounts.services import user_create


def test_csci_and_the_healthcare_commission_closed_when_cqc_opened_issue_24():
    """004 "Full inspection": 'inspectors from Ofsted and the new Care Quality Commission'."""
    assert "csci" in inspectorate_codes_on(date(2009, 3, 31))
    assert "cqc" not in inspectorate_codes_on(date(2009, 3, 31))
    on_1_april = inspectorate_codes_on(date(2009, 4, 1))
    assert "cqc" in on_1_april
    assert "csci" not in on_1_april and "healthcare_commission" not in on_1_april
    assert inspectorate_named("audit_commission").existed_on(date(2007, 6, 15))


@pytest.mark.django_db
def test_a_2009_list_offers_no_csci_manager_and_a_2007_list_no_cqc_inspector_issue_24():
    csci = user_create(
        actor=None, email="m@csci.test", first_name="M", last_name="C",
        roles=[Role.HMI], inspectorate="csci",
    )  # fmt: skip
    cqc = user_create(
        actor=None, email="i@cqc.test", first_name="I", last_name="Q",
        roles=[Role.HMI], inspectorate="cqc",
    )  # fmt: skip
    unknown = user_create(
        actor=None, email="u@x.test", first_name="U", last_name="X", roles=[Role.HMI]
    )
    in_2009 = set(inspectorate_staff_on(date(2009, 10, 1), roles=[Role.HMI]))
    in_2007 = set(inspectorate_staff_on(date(2007, 6, 15), roles=[Role.HMI]))
    assert cqc in in_2009 and csci not in in_2009 and unknown in in_2009
    assert csci in in_2007 and cqc not in in_2007


@pytest.mark.django_db
def test_a_council_officer_works_for_no_inspectorate(council):
    with pytest.raises(ValidationError) as refused:
        user_create(
            actor=None, email="lo@council.test", first_name="L", last_name="O",
            roles=[Role.LINK_OFFICER], council=council, inspectorate="ofsted",
        )  # fmt: skip
    assert "inspectorate" in refused.value.message_dict
