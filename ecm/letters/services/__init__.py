"""The letter's services (002 §I): assembling the draft from the notebook, editing one section
at a time, the length and coverage warnings, and comparing two renditions."""

from ecm.letters.services.assembly import letter_assemble
from ecm.letters.services.comparison import renditions_compare
from ecm.letters.services.editing import letter_section_save
from ecm.letters.services.warnings import letter_warnings

__all__ = ["letter_assemble", "letter_section_save", "letter_warnings", "renditions_compare"]
