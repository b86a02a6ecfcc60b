"""The Design System's components written once, as template tags (issue 19 §4)."""

from django.template import Context, Template


def _render(source: str, **context) -> str:
    return Template("{% load govuk %}" + source).render(Context(context))


def test_a_summary_row_is_the_design_systems_markup_and_escapes_what_it_shows():
    html = _render("{% row %}Council{% value %}{{ name }}{% endrow %}", name="<b>Leeds</b>")
    assert html == (
        '<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">Council</dt>'
        '<dd class="govuk-summary-list__value">&lt;b&gt;Leeds&lt;/b&gt;</dd></div>'
    )


def test_a_summary_row_with_an_action():
    html = _render('{% row %}Date{% value %}1 May{% action %}<a href="/x">Change</a>{% endrow %}')
    assert html.endswith(
        '<dd class="govuk-summary-list__actions"><a href="/x">Change</a></dd></div>'
    )


def test_warning_text_has_the_icon_and_the_hidden_word_warning():
    html = _render("{% warning %}Grades are {{ state }}{% endwarning %}", state="<draft>")
    assert html == (
        '<div class="govuk-warning-text"><span class="govuk-warning-text__icon" '
        'aria-hidden="true">!</span><strong class="govuk-warning-text__text">'
        '<span class="govuk-visually-hidden">Warning</span>Grades are &lt;draft&gt;</strong></div>'
    )
