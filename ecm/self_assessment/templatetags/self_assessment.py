"""Answers as the check-your-answers page shows them."""

from django import template
from django.utils.html import format_html, format_html_join

register = template.Library()


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.simple_tag
def answer_summary(answer, field) -> str:
    """A short, escaped summary of an answer: grades, priorities, or the first 60 words."""
    if field.kind == "grades":
        labels = {item.key: item.label for item in field.grades}
        return format_html_join(
            "", "<span class='govuk-body-s'>{}: {}</span><br>",
            ((labels.get(k, k), v) for k, v in answer.items.items()),
        )  # fmt: skip
    if field.kind == "priorities":
        return format_html_join(
            "", "<span class='govuk-body-s'>{}</span><br>",
            ((p,) for p in answer.items.get("priorities", [])),
        )  # fmt: skip
    words = answer.text.split()
    text = " ".join(words[:60]) + (" …" if len(words) > 60 else "")
    cited = answer.citations.count()
    return format_html(
        "{}<br><span class='govuk-body-s'>{} words, {} citation{}</span>",
        text, len(words), cited, "" if cited == 1 else "s",
    )  # fmt: skip
