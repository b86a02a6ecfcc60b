"""GOV.UK Design System components as template tags, so that each is written once with the
Design System's exact markup (issue 19 §4).

`{% warning %}…{% endwarning %}` is the warning text component around its content.
"""

from django import template
from django.utils.html import format_html

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
