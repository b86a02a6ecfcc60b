"""Writes for representations (002 §J). Each is audited and refuses with what is wrong and how
to put it right."""

from ecm.representations.services.decisions import representation_decide
from ecm.representations.services.panels import panel_compose, panel_member_register
from ecm.representations.services.representations import (
    representation_ground_add,
    representation_intend,
    representation_submit,
)

__all__ = [
    "panel_compose",
    "panel_member_register",
    "representation_decide",
    "representation_ground_add",
    "representation_intend",
    "representation_submit",
]
