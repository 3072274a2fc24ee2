"""Locations for findings: item paths → 表/行/列 and file/page; claims → 章节/句子."""

from __future__ import annotations

from ..model import Claim, Disclosure, describe
from .finding import Location

MATTER_LABELS: dict[str, str] = {
    "procurement": "政府采购", "procurement.total": "政府采购支出总额", "procurement.goods": "货物",
    "procurement.works": "工程", "procurement.services": "服务", "procurement.sme_contracts": "授予中小企业合同金额",
    "procurement.small_micro_contracts": "授予小微企业合同金额", "assets": "国有资产占用情况",
    "assets.vehicles": "车辆总数", "operating_costs": "机关运行经费", "operating_costs.amount": "机关运行经费",
    "three_public_details": "“三公”经费说明", "performance": "预算绩效", "performance.summary": "预算绩效情况说明",
}


def describe_item(item: str) -> str:
    """``describe`` for table cells; Chinese labels for the other matters of the disclosure."""
    head = item.split(".")[0]
    if head in MATTER_LABELS:
        parts = item.split(".")
        label = MATTER_LABELS.get(".".join(parts[:2]), MATTER_LABELS[head])
        rest = ".".join(parts[2:]) if ".".join(parts[:2]) in MATTER_LABELS else ".".join(parts[1:])
        return f"{MATTER_LABELS[head]} {label if label != MATTER_LABELS[head] else ''} {rest}".replace("  ", " ").strip()
    return describe(item)


def split_item(item: str) -> tuple[str | None, str | None, str | None]:
    """(table, row, column) of an item path; the middle parts form the row."""
    parts = item.split(".")
    if len(parts) == 1:
        return parts[0], None, None
    if len(parts) == 2:
        return parts[0], parts[1], None
    return parts[0], ".".join(parts[1:-1]), parts[-1]


def locate_item(disclosure: Disclosure, item: str) -> Location:
    """A table cell or other figure, with file/page/line when the value was parsed or printed."""
    table, row, column = split_item(item)
    source = disclosure.provenance.get(item)
    return Location(
        text=describe_item(item), item=item, table=table, row=row, column=column,
        file=source.file if source else None, page=source.page if source else None,
        line=source.line if source else None,
        section=source.ref if source and source.kind == "printed" else None,
    )


def locate_claim(claim: Claim) -> Location:
    """A narrative figure: section and sentence as printed, plus file/page when parsed."""
    head = f"情况说明{claim.section}" if claim.section else "情况说明"
    text = f"{head}“{claim.sentence}”" if claim.sentence else f"{head}（{describe_item(claim.item)}）"
    return Location(text=text, item=claim.item, section=claim.section, sentence=claim.sentence,
                    file=claim.file, page=claim.page)
