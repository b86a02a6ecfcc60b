"""Signals the apps above apa answer, so that apa never imports them."""

from django.dispatch import Signal

# Asked for what the apps above apa add to an inspectorate person's home page. kwargs: `user`.
# Each receiver answers a dict of template context (an empty one when it adds nothing);
# `ecm.representations` answers with the panels a panel member sits on.
home_sections = Signal()
