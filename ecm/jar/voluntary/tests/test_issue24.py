"""Issue 24 §2 in the voluntary sector stakeholder survey (001: "Selected voluntary sector
groups are asked to complete a questionnaire covering: Partnership working; Commissioning and
grant funding; Safeguarding and support systems"): a respondent who checks its answers and goes
back to change them finds them in the boxes, however it goes back."""

import html
import re

import pytest

from ecm.accounts.roles import Role
from ecm.jar.voluntary import services as s
from ecm.jar.voluntary.models import PartnerQuestionnaire
from ecm.jar.voluntary.tests.test_pages import _links
from ecm.jar.voluntary.views import DRAFT_KEY

pytestmark = pytest.mark.django_db

# As a browser sends them: lines ended by CR LF, quotes, an ampersand and a "<".
ANSWERS = {
    "partnership_working": 'We meet the council monthly.\r\nThe "compact" works <mostly>.',
    "commissioning_and_grants": "A three-year grant & a spot purchase",
    "safeguarding_and_support": "Training from the board\r\n- safer recruitment\r\n- audits",
}
TEXTAREA = re.compile(r'<textarea name="(\w+)"[^>]*>(.*?)</textarea>', re.DOTALL)


@pytest.fixture
def council_user(make_user, council):
    return make_user(Role.LINK_OFFICER, council=council)


@pytest.fixture
def link(client, review, council_user, lead):
    partner = s.partner_add(
        actor=council_user, review=review, name="Alpha Trust", services="x", nature="contract"
    )
    (found,) = _links(client, review, lead, partner)
    return found


def _boxes(response) -> dict[str, str]:
    """Each box of the questionnaire with what it holds, as the browser shows it."""
    found = {
        name: html.unescape(text) for name, text in TEXTAREA.findall(response.content.decode())
    }
    # The HTML parser drops one newline straight after <textarea> and reads CR LF as LF.
    return {k: v.removeprefix("\n") for k, v in found.items()}


def _as_shown(answers: dict[str, str]) -> dict[str, str]:
    return {k: v.replace("\r\n", "\n").strip() for k, v in answers.items()}


def test_going_back_from_checking_brings_the_answers_back_001_voluntary_survey(client, link):
    """Checked, then back to the questionnaire (its "Change" link, or the browser's Back, which
    fetches the never-cached page again): every box holds its answer."""
    check = client.post(link, ANSWERS)
    assert "Check your answers" in check.content.decode()
    assert DRAFT_KEY.format(pk=PartnerQuestionnaire.objects.get().pk) in client.session
    again = client.get(link)
    assert _as_shown(_boxes(again)) == _as_shown(ANSWERS)


def test_the_check_page_has_a_change_link_for_each_answer_001_voluntary_survey(client, link):
    page = client.post(link, ANSWERS).content.decode()
    for code in ANSWERS:
        assert f'href="{link}#id_{code}"' in page
    assert ">Change your answers<" in page


def test_change_your_answers_brings_them_back_as_the_check_page_posts_them(client, link):
    """The check page's own form, posted with its "Change your answers" button."""
    page = client.post(link, ANSWERS).content.decode()
    hidden = {
        name: html.unescape(value)
        for name, value in re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', page)
    }
    back = client.post(link, {**hidden, "action": "change"})
    assert _as_shown(_boxes(back)) == _as_shown(ANSWERS)


def test_sent_answers_leave_no_draft_behind(client, link):
    client.post(link, ANSWERS)
    assert client.post(link, {**ANSWERS, "action": "confirm"}).status_code == 302
    sent = PartnerQuestionnaire.objects.get()
    assert sent.answered
    assert DRAFT_KEY.format(pk=sent.pk) not in client.session
