"""The APA letter (002 §I, Appendix B): the working draft and its renditions.

`Letter` is the working copy the two inspectors edit, one text per template section, with an
optimistic lock. Every state of it is a `Rendition`, only ever added (issue 7 §2: "Every
rendition is kept; any two can be compared side by side"); what went to anyone is a rendition.
"""

from django.conf import settings
from django.db import models


class Letter(models.Model):
    """One assessment's APA letter, written to the template named by `template_urn`."""

    assessment = models.OneToOneField(
        "apa.Assessment", on_delete=models.PROTECT, related_name="letter"
    )
    template_urn = models.CharField(max_length=200)
    # {section code: text}, for every section of the template.
    sections = models.JSONField(default=dict)
    lock_version = models.PositiveIntegerField(default=1)
    assembled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    assembled_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"APA letter: {self.assessment}"


class Rendition(models.Model):
    """One state of a letter: every section's text and the provisional judgements in words,
    with who made it, when and why. Rows are only added (the model refuses updates and
    deletes), as the notebook's revisions (ADR 0017, ADR 0020)."""

    letter = models.ForeignKey(Letter, on_delete=models.PROTECT, related_name="renditions")
    number = models.PositiveIntegerField()
    # {"template": urn, "sections": {code: text}, "judgements": [{urn, title, words}]}
    content = models.JSONField()
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    made_at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField()

    class Meta:
        ordering = ["letter", "number"]
        constraints = [
            models.UniqueConstraint(fields=["letter", "number"], name="rendition_number_once")
        ]

    def __str__(self) -> str:
        return f"{self.letter} rendition {self.number}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("A rendition is never changed: add a new one")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("A rendition is never deleted")
