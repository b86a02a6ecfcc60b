"""Signals other apps listen to, so that this bottom-layer app never imports them."""

from django.dispatch import Signal

# Sent after a statistical neighbour model's rows changed, or a model was chosen for the
# comparisons, and the change committed (kwargs: model; rows_changed, False for a choice alone).
# The performance app makes the comparisons again on it when the model in use is concerned.
neighbours_changed = Signal()
