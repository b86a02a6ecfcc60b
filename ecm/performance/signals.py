"""Keeping the stored comparisons true when the neighbours they use change."""

from django.dispatch import receiver

from ecm.authorities.signals import neighbours_changed
from ecm.performance.services.comparisons import comparisons_refresh, neighbour_model_current


@receiver(neighbours_changed)
def comparisons_follow_neighbours(sender, model, **kwargs) -> None:
    current = neighbour_model_current()
    if current is not None and current.pk == model.pk:
        comparisons_refresh()
