"""Answers as the check-your-answers page shows them, and the guidance's sources in words."""

import re

from django import template
from django.utils.html import format_html, format_html_join

register = template.Library()


@register.filter
def guidance_cited(source: str) -> str:
    """A template's source ("000 §10, §11") as a council reads it: "the self-assessment
    guidance, sections 10 and 11" (users never see the project's own names for its sources)."""
    if not source.startswith("000 "):
        return source
    numbers = re.findall(r"§(\d+)", source)
    words = re.sub(r"§(\d+)", r"\1", source.removeprefix("000 ")).strip()
    if len(numbers) == 2:
        words = words.replace(f"{numbers[0]}, {numbers[1]}", f"{numbers[0]} and {numbers[1]}")
    return f"the self-assessment guidance, section{'s' if len(numbers) > 1 else ''} {words}"


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
