"""Keeping the stored comparisons true when the neighbours they use change."""

from django.dispatch import receiver

from ecm.authorities.selectors import neighbour_model_compared
from ecm.authorities.signals import neighbours_changed


@receiver(neighbours_changed)
def comparisons_follow_neighbours(sender, model, rows_changed=True, **kwargs) -> None:
    """Make the comparisons again when the model in use changed its rows, or when another model
    is now in use (a choice, an upload; decision 0040). Choosing the model the comparisons were
    already made with changes nothing, so it makes nothing again."""
    # The comparisons (pandas, scipy) when neighbours change, not when the app is ready: this
    # module is imported by django.setup() (issue 25 §2; decision 0049).
    from ecm.performance.services.comparisons import (  # noqa: PLC0415 - see above
        comparisons_refresh,
        neighbour_model_current,
    )

    current = neighbour_model_current()
    compared = neighbour_model_compared()
    moved = (current and current.pk) != (compared and compared.pk)
    if moved or (rows_changed and current is not None and current.pk == model.pk):
        comparisons_refresh()
