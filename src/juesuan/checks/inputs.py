"""Missing inputs are findings: each 【请补充…】 the build would print, located to its field.

The placeholders are those of the document ``juesuan build`` composes (``narrative.compose``),
so check-then-build and build-then-check list the same; only the sections that print one are
rendered (``narrative.gated``: a gate per section template decides, ~1 ms a check instead of
~2.5 ms for composing all of them). Each finding names
the fill-in workbook sheet and, where it can tell, the YAML field: an empty required field
of that section (``reference.fields``), or the ``comparisons`` entry (上年数, 主要原因) of the
figure the sentence is about.
"""

from __future__ import annotations

from .finding import Location
from .registry import REGISTRY, RuleContext

_WHAT = {"【请补充上年数】": ("prior_year", "上年决算数"), "【请补充原因】": ("reason", "主要原因")}


def _empty_fields(disclosure, section: str) -> list[tuple[str, str]]:
    from ..model.items import lookup
    from ..reference.fields import all_fields

    found = []
    for field in all_fields():
        if field.required and (field.section == section or section.startswith(field.section + ".")):
            value = lookup(disclosure, field.path)
            if value is None and _text_of(disclosure, field.path) in (None, "", ()):
                found.append((field.path, field.label))
    return found


def _text_of(disclosure, path: str):
    node = disclosure
    for part in path.split("."):
        node = node.get(part) if isinstance(node, dict) else getattr(node, part, None)
        if node is None:
            return None
    return node


@REGISTRY.rule("I-001", family="完整性", severity="警告",
               title="情况说明需要的输入都已填写（生成时不会出现【请补充…】）")
def missing_inputs(ctx: RuleContext):
    """Every placeholder of the composed 情况说明: what to fill, in which sheet and field."""
    from ..narrative.gated import missing_inputs_of
    from ..reference.fields import COMPARISON_SHEET, sheet_of_section

    disclosure = ctx.disclosure
    if disclosure.printed or any(s.kind in ("parsed", "unread") for s in disclosure.provenance.values()):
        return  # a published document read back: what it prints is judged, not inputs for a build it never had
    gaps = missing_inputs_of(disclosure, ctx.profile)  # as juesuan build --profile composes the 说明
    unknown = {path for path, source in disclosure.provenance.items() if source.kind == "unread"}
    missing = {key for key in type(disclosure.tables).model_fields if getattr(disclosure.tables, key).missing}
    empty = {}
    for gap in gaps:
        if any(item in unknown or item.split(".", 1)[0] in missing for item in gap.items):
            continue  # a sentence about a value nobody could read: unknown, not an input to supply
        sheet = sheet_of_section(gap.section)
        if gap.placeholder in _WHAT and gap.items:
            name, label = _WHAT[gap.placeholder]
            fields = [f"comparisons.{item}.{name}" for item in gap.items]
            where = f"{COMPARISON_SHEET}：{label}"
        else:
            if gap.section not in empty:
                empty[gap.section] = _empty_fields(disclosure, gap.section)
            fields = [path for path, _ in empty[gap.section]]
            labels = "、".join(label for _, label in empty[gap.section][:4])
            where = f"{sheet}" + (f"：{labels}" if labels else "")
        sentence = gap.paragraph if len(gap.paragraph) <= 60 else gap.paragraph[:60] + "…"
        yield ctx.finding(
            Location(text=f"{gap.title}（{where}）", section=gap.section, item=fields[0] if fields else None),
            f"待补充 {gap.placeholder}：{sentence}", actual=gap.placeholder,
            suggestion=f"在填报工作簿“{where}”填写后重新导入，或在 YAML 中填写 {', '.join(fields[:3]) or gap.section}",
            related=tuple(fields))
