"""GOV.UK Design System components as template tags, so that each is written once with the
Design System's exact markup (issue 19 §4).

`{% warning %}…{% endwarning %}` is the warning text component around its content;
`{% row %}key{% value %}value{% endrow %}` one row of a summary list, with
`{% action %}link{% endrow %}` after the value when the row has an action.
"""

from django import template
from django.utils.html import format_html

from ecm.core.citations import cited

register = template.Library()

WARNING = (
    '<div class="govuk-warning-text">'
    '<span class="govuk-warning-text__icon" aria-hidden="true">!</span>'
    '<strong class="govuk-warning-text__text">'
    '<span class="govuk-visually-hidden">Warning</span>{}</strong></div>'
)


class _WarningNode(template.Node):
    def __init__(self, nodelist: template.NodeList):
        self.nodelist = nodelist

    def render(self, context) -> str:
        # The content is rendered by the template engine, so it is escaped as any template is.
        return format_html(WARNING, self.nodelist.render(context))


@register.tag
def warning(parser, token) -> _WarningNode:
    nodelist = parser.parse(("endwarning",))
    parser.delete_first_token()
    return _WarningNode(nodelist)


ROW = (
    '<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">{}</dt>'
    '<dd class="govuk-summary-list__value">{}</dd>{}</div>'
)
ACTION = '<dd class="govuk-summary-list__actions">{}</dd>'


class _RowNode(template.Node):
    def __init__(self, key, value, action):
        self.key, self.value, self.action = key, value, action

    def render(self, context) -> str:
        action = format_html(ACTION, self.action.render(context)) if self.action else ""
        return format_html(ROW, self.key.render(context), self.value.render(context), action)


@register.tag
def row(parser, token) -> _RowNode:
    key = parser.parse(("value",))
    parser.delete_first_token()
    value = parser.parse(("action", "endrow"))
    action = None
    if parser.next_token().contents == "action":
        action = parser.parse(("endrow",))
        parser.delete_first_token()
    return _RowNode(key, value, action)


@register.filter(name="cited")
def cited_filter(source: str) -> str:
    """A source as users read it: "002 §E" shows as "the handbook, section E" (issue 23 §3)."""
    return cited(source)
