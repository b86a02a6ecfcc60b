"""The APA letter (002 §I, Appendix B): the working draft and its renditions.

`Letter` is the working copy the two inspectors edit, one text per template section, with an
optimistic lock. Every state of it is a `Rendition`, only ever added (issue 7 §2: "Every
rendition is kept; any two can be compared side by side"); what went to anyone is a rendition.
"""

from django.conf import settings
from django.db import models

from ecm.letters.workflow import LetterStage


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
    # Where the letter is in 002 §I's stages (ecm.letters.workflow); only letter_change_stage
    # changes it.
    stage = models.CharField(
        max_length=30, choices=LetterStage.choices, default=LetterStage.ASSEMBLED
    )

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


class SendingKind(models.TextChoices):
    READERS = "readers", "To the management readers, with Steps 3 and 4"
    COUNCIL = "council", "To the council for factual accuracy"
    RESPONSES = "responses", "To the council: what was done about each comment"
    PUBLICATION = "publication", "The final letter published to the council"


class LetterSending(models.Model):
    """A rendition of the letter sent to someone (002 §I stages 1-3): which rendition, to whom,
    by whom, when, and for the council's factual accuracy check its deadline and the rule that
    set it (DOMAIN.md §6). Rows are only added."""

    letter = models.ForeignKey(Letter, on_delete=models.PROTECT, related_name="sendings")
    kind = models.CharField(max_length=20, choices=SendingKind.choices)
    rendition_number = models.PositiveIntegerField()
    sent_to = models.JSONField(default=list)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    sent_at = models.DateTimeField()
    deadline = models.DateField(null=True, blank=True)
    deadline_rule = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["letter", "sent_at", "pk"]

    def __str__(self) -> str:
        return f"{self.letter}: rendition {self.rendition_number} {self.get_kind_display()}"


class ReaderOrganisation(models.TextChoices):
    CSCI = "csci", "CSCI"
    OFSTED = "ofsted", "Ofsted"


class ReaderAnswer(models.Model):
    """One management reader's answer on Moderation Form 2 (Appendix A "Moderation Draft APA
    Letter"): the action required or suggested, whether the draft can be sent to the council
    (following amendments), signed and dated. A reader may answer again; the latest answer of
    each reader counts. Rows are only added."""

    letter = models.ForeignKey(Letter, on_delete=models.PROTECT, related_name="reader_answers")
    # The reader's assignment role on the assessment: management_reader or csci_manager.
    role = models.CharField(max_length=30)
    organisation = models.CharField(max_length=10, choices=ReaderOrganisation.choices)
    name = models.CharField(max_length=200)
    job_title = models.CharField(max_length=200, blank=True)
    action = models.TextField(blank=True)
    can_send = models.BooleanField()
    rendition_number = models.PositiveIntegerField()
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    signed_at = models.DateTimeField()

    class Meta:
        ordering = ["letter", "signed_at", "pk"]

    def __str__(self) -> str:
        return f"{self.letter}: Moderation Form 2 by {self.name}"


class CouncilComment(models.Model):
    """The council's comment on one paragraph of the rendition sent for factual accuracy (002
    §I stage 2-3), with the inspectors' response and the rendition that made any change."""

    letter = models.ForeignKey(Letter, on_delete=models.PROTECT, related_name="council_comments")
    rendition_number = models.PositiveIntegerField()
    section = models.CharField(max_length=60)
    paragraph = models.PositiveIntegerField()  # from 1, as the council reads them
    paragraph_text = models.TextField()
    comment = models.TextField()
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    made_at = models.DateTimeField()
    response = models.TextField(blank=True)
    change_rendition_number = models.PositiveIntegerField(null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["letter", "made_at", "pk"]

    def __str__(self) -> str:
        return f"{self.letter}: comment on {self.section} paragraph {self.paragraph}"


class RoundSocialCareValidation(models.Model):
    """The round's social care data validated, which the final letters wait for (DOMAIN.md §3:
    "after validation of social care data and moderation")."""

    round = models.OneToOneField(
        "apa.AssessmentRound", on_delete=models.PROTECT, related_name="social_care_validation"
    )
    validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    validated_at = models.DateTimeField()
    note = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"{self.round}: social care data validated"


class PublicationStepKind(models.TextChoices):
    """What the handbook, section J asks of a council once its final letter is published:
    "present the letter to an open meeting of the relevant executive committee of the council
    by the end of January; make the letter available to members of the public at the same
    time; copy the letter to the council's appointed auditor, and to relevant partners"."""

    OPEN_MEETING = "open_meeting", "Presented to an open meeting of the executive committee"
    PUBLIC = "public", "Made available to members of the public"
    AUDITOR = "auditor", "Copied to the council's appointed auditor"
    PARTNERS = "partners", "Copied to relevant partners"


class PublicationStep(models.Model):
    """One of the council's steps with its published final letter (the handbook, section J),
    recorded by the council's link officer or director: when, and the committee, the place or
    to whom. Rows are only added; the latest of each kind counts (a date put right is a new
    row, with the old one kept)."""

    letter = models.ForeignKey(Letter, on_delete=models.PROTECT, related_name="publication_steps")
    kind = models.CharField(max_length=20, choices=PublicationStepKind.choices)
    done_on = models.DateField()
    # The committee's name, where the public can read it, or to whom it was copied.
    details = models.TextField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["letter", "kind", "recorded_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=PublicationStepKind.values),
                name="publication_step_known_kind",
            )
        ]

    def __str__(self) -> str:
        return f"{self.letter}: {self.get_kind_display()} on {self.done_on}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("A publication step is never changed: record it again")
        super().save(*args, **kwargs)


class RoundArchive(models.Model):
    """A closed round's letters, notebooks and evidence archived (the handbook, section I stage
    3: the letter "will then be archived by Ofsted and stored by CSCI"; section F: "The
    completed evidence notebook is required evidence for archiving and storage purposes").
    From then on they are read-only, and kept until `retain_until` (a labelled setting: the
    handbook gives no period)."""

    round = models.OneToOneField(
        "apa.AssessmentRound", on_delete=models.PROTECT, related_name="archive"
    )
    archived_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    archived_at = models.DateTimeField()
    retain_until = models.DateField()
    # What was archived, counted then: {"letters": n, "renditions": n, "notebooks": n, ...}
    contents = models.JSONField(default=dict)

    def __str__(self) -> str:
        return f"{self.round}: archived until {self.retain_until}"
