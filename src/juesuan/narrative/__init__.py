"""Narrative composition: figures → claims → the 情况说明 text, per profile.

``compose(disclosure, profile=None) -> Document`` writes the whole document in a
profile's wording and order; ``missing_inputs(document)`` lists the 【请补充…】
placeholders left for the user. Renderers lay the ``Document`` out (``document.py``).
"""

from .compose import available_profiles, compose
from .document import Document, Paragraph, Section
from .missing import MissingInput, missing_inputs

__all__ = [
    "Document", "MissingInput", "Paragraph", "Section", "available_profiles", "compose",
    "missing_inputs",
]
