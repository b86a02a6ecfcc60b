"""{{ source|handbook }}: a source as users read it (ecm.letters.citations; issue 23 §3)."""

from django import template

from ecm.letters.citations import handbook_words

register = template.Library()


@register.filter
def handbook(source: str) -> str:
    return handbook_words(source)
