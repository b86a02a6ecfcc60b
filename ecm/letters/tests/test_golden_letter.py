"""The golden document (issue 20 §7): the demo's Cornwall letter, taken from assembly to
publication (ecm/letters/tests/golden_walk.py), is exactly the reviewed text kept in
golden/cornwall-2007-published.txt, in the text the council reads, its page, its PDF and its
Word document. Any change to what a council reads fails here; when a change is meant, read the
new letter from start to end as the council would, then update the golden file with it.

One test walks the demo once (a transactional test on the demo template, decision 0029)."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ecm.accounts.models import User
from ecm.letters import documents
from ecm.letters.models import SendingKind
from ecm.letters.services.checks import draft_only_sentences, letter_problems
from ecm.letters.services.sending import latest_sending
from ecm.letters.template import template_by_urn
from ecm.letters.tests.golden_walk import (
    DRAFT_WORDING,
    LINK_OFFICER,
    cornwall_letter_published,
    golden_text,
    missing_from,
    page_text,
    pdf_text,
    word_text,
)

pytestmark = pytest.mark.django_db(transaction=True)


def test_cornwalls_published_letter_is_the_golden_text_in_page_pdf_and_word(demo_database):
    """002 §I stage 3 and §J "The final letter": the published letter is built from the final
    template, with no draft wording, no repeats and no placeholders (issue 20 §1, §7)."""
    letter = cornwall_letter_published()
    published = latest_sending(letter, SendingKind.PUBLICATION)
    published_on = timezone.localtime(published.sent_at).date()
    rendition = letter.renditions.get(number=published.rendition_number)
    context = documents.letter_context(
        assessment=letter.assessment, rendition=rendition, published_on=published_on
    )
    text = documents.letter_text(context)
    expected = golden_text(published_on)
    assert text == expected

    # Read as the council reads it: nothing of the draft, nothing to fill in, nothing twice.
    assert not DRAFT_WORDING.search(text)
    assert "[" not in text and "]" not in text
    template = template_by_urn(letter.template_urn)
    assert not any(s.lower() in text.lower() for s in draft_only_sentences(template))
    assert letter_problems(letter=letter, final=True, sections=rendition.content["sections"]) == []

    # The council's page, PDF and Word document say the same, word for word.
    client = Client()
    client.force_login(User.objects.get(email=LINK_OFFICER))
    pk = letter.assessment.pk
    page = client.get(reverse("letters:council-published", kwargs={"pk": pk}))
    pdf = client.get(reverse("letters:council-published-document", kwargs={"pk": pk, "fmt": "pdf"}))
    word = client.get(
        reverse("letters:council-published-document", kwargs={"pk": pk, "fmt": "docx"})
    )
    assert (page.status_code, pdf.status_code, word.status_code) == (200, 200, 200)
    layouts = {
        "page": page_text(page.content),
        "PDF": pdf_text(pdf.content),
        "Word": word_text(word.content),
    }
    for name, layout in layouts.items():
        assert not missing_from(layout, expected), f"The {name} lacks some of the golden text"
        assert not DRAFT_WORDING.search(layout), name
