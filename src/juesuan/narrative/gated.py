"""The 【请补充…】 placeholders of the composed 说明, rendering only the sections that print one.

``missing_inputs_of(disclosure, profile)`` equals ``missing_inputs(compose(disclosure, profile))``
(same sections, titles, placeholders, paragraphs and claim items, in document order): each
section's gate (``gate.py``) runs its template's logic on a ``ProbeView`` (the figures as
``FigureView`` derives them, printed as nothing or as the placeholder); the sections whose gate
says yes are rendered as ``compose(placeholders_only=True)`` renders them. A complete
disclosure renders none.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..model import Claim, Disclosure
from .compose import _Builder, _context, _setting
from .document import Document, Section
from .figureview import Fig, FigureView, Recorder
from .gate import Gate, gates
from .missing import MissingInput, missing_inputs
from .wording import PLACEHOLDER_VALUE


class ProbeView(FigureView):
    """``f`` for the gates: the same claims as ``FigureView`` derives, printed as nothing
    (or the visible placeholder when there is none), and no claim recorded."""

    def _fig(self, claim: Claim | None, style: str | None = None) -> Fig:
        return Fig(PLACEHOLDER_VALUE) if claim is None else Fig("", claim)

    def silent(self, fig: Fig) -> str:
        return ""


@dataclass
class _GatedBuilder(_Builder):
    """``compose``'s walk over parts and sections, rendering a section only when its gate says
    so; no table or 自评表 sections (they have no paragraphs)."""

    gates: dict[str, Gate] | None = None
    probe: dict[str, Any] | None = None
    real: Any = None
    """Builds the rendering context (FigureView, recorder) the first time a section needs it."""

    def part(self, part: Any) -> list[Section]:
        result = [self.section(part.id, f"{part.number} {self.fill(part.title)}", 1, part.number)]
        for top in part.sections:
            result.extend(self.walk(top, 2, part.number))
        return result

    def forms(self, level: int) -> list[Section]:
        return []

    def section(self, section_id: str, title: str, level: int, ref: str) -> Section:
        gate = self.gates.get(section_id) if self.gates else None
        if gate is None or not gate(self.probe):
            return Section(id=section_id, title=title, level=level)
        if self.variables is None:
            self.base, self.recorder = self.real()
            self.variables = {**self.env.globals, **self.base}
        return super().section(section_id, title, level, ref)


def missing_inputs_of(disclosure: Disclosure, profile: Any = None) -> list[MissingInput]:
    """``missing_inputs(compose(disclosure, profile))`` without rendering the sections that
    print no placeholder."""
    profile_id, layout, shared, wording, env = _setting(disclosure, profile)
    policy = layout.options.get("scoring_policy")
    probe = _context(disclosure, wording, ProbeView(disclosure, wording, Recorder()), shared, policy)

    def real() -> tuple[dict[str, Any], Recorder]:
        recorder = Recorder()
        return _context(disclosure, wording, FigureView(disclosure, wording, recorder), shared, policy), recorder

    builder = _GatedBuilder(env, probe, Recorder(), layout, shared, False, None,
                            gates=gates(profile_id), probe={**env.globals, **probe}, real=real)
    sections: list[Section] = []
    for part in shared.parts:
        sections.extend(builder.part(part))
    return missing_inputs(Document(title="", sections=tuple(sections)))
