"""What representations answer to the signals of the apps below them (letters, apa)."""

from django.dispatch import receiver

from ecm.accounts.roles import Role
from ecm.apa.signals import home_sections
from ecm.letters.signals import rating_changes
from ecm.representations.models import RatingChange
from ecm.representations.selectors import panels_of


@receiver(rating_changes)
def changes_after_representations(sender, assessment=None, assessment_round=None, **kwargs):
    """The ratings changed after a representation (002 §J), oldest first."""
    changes = RatingChange.objects.all()
    if assessment is not None:
        changes = changes.filter(assessment=assessment)
    if assessment_round is not None:
        changes = changes.filter(assessment__round=assessment_round)
    return list(changes.order_by("recorded_at", "pk"))


@receiver(home_sections)
def panels_on_the_home_page(sender, user, **kwargs) -> dict:
    """A panel member's home page lists the panels they sit on."""
    return {"panels": panels_of(user=user)} if Role.PANEL_MEMBER in user.roles else {}
