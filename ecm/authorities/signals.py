"""Signals other apps listen to, so that this bottom-layer app never imports them."""

from django.dispatch import Signal

# Sent after a statistical neighbour model's rows changed and the change committed
# (kwargs: model). The performance app recomputes the neighbours' figures on it.
neighbours_changed = Signal()
