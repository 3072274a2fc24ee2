"""Findings are data: one immutable record per problem, located, printed by one formatter.

A ``Finding`` never carries behaviour. Rules produce them, the runner merges
rounding-level ones, the formatters (``report.py``) print them. Locations name
the figure the way a reader of the published document would look for it: table,
row code and column (from the item path and ``juesuan.model.describe``), or the
narrative section and sentence of a claim, or the 绩效 project and indicator, plus
the file and page/line when the disclosure was parsed from a document.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any, Literal

Severity = Literal["错误", "警告", "提示"]
SEVERITIES: tuple[str, ...] = ("错误", "警告", "提示")
"""Most severe first. 错误 = the figures contradict each other or a requirement is
unmet; 警告 = probably wrong or incomplete; 提示 = worth a look (rounding, style)."""
SEVERITY_RANK: dict[str, int] = {"错误": 3, "警告": 2, "提示": 1}


def at_least(severity: str, minimum: str) -> bool:
    """Whether ``severity`` is as severe as ``minimum`` or more."""
    return SEVERITY_RANK[severity] >= SEVERITY_RANK[minimum]


@dataclass(frozen=True, slots=True)
class Location:
    """Where a finding points. Every field is optional; ``text`` is the readable form.

    - ``item``: the item path (``expenditure.2080505.total``) when a table cell is meant;
    - ``table``/``row``/``column``: the same, split for grouping and JSON consumers;
    - ``section``/``sentence``: a narrative claim's place (``第二部分五(三)3``);
    - ``project``/``indicator``: a 绩效自评表 and one of its 三级指标;
    - ``file``/``page``/``line``: where the figure was printed, for parsed documents.
    """

    text: str = ""
    item: str | None = None
    table: str | None = None
    row: str | None = None
    column: str | None = None
    section: str | None = None
    sentence: str | None = None
    project: str | None = None
    indicator: str | None = None
    file: str | None = None
    page: int | None = None
    line: int | None = None

    def __str__(self) -> str:
        where = []
        if self.file:
            where.append(self.file)
        if self.page is not None:
            where.append(f"第{self.page}页")
        if self.line is not None:
            where.append(f"第{self.line}行")
        prefix = ":".join(where)
        body = self.text or self.item or self.section or "全文"
        return f"{prefix}: {body}" if prefix else body


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found by one rule.

    ``expected``/``actual``/``difference`` are Decimals for figures, text for words
    (a direction word, a name), or None. ``related`` lists the other item paths the
    finding involves (the addends of a broken sum), so that a report — and the
    mutation test — can tell which cells a finding names.
    """

    rule_id: str
    severity: Severity
    location: Location
    message: str
    expected: Decimal | str | None = None
    actual: Decimal | str | None = None
    difference: Decimal | None = None
    suggestion: str | None = None
    related: tuple[str, ...] = field(default=())
    related_rules: tuple[str, ...] = field(default=())
    """The identities (rule id and place) one defect breaks, when its finding stands for
    them all (``checks.defects``: one finding per defect, not one per broken identity)."""

    def items(self) -> tuple[str, ...]:
        """Every item path this finding names: its location's and the related ones."""
        own = (self.location.item,) if self.location.item else ()
        return own + self.related

    def flat(self, *fields: str) -> tuple[Any, ...]:
        """A tuple of chosen fields for test expectations (frictionless ``flatten``).

        Location fields may be named directly (``"item"``, ``"section"``, ``"page"``).
        """
        out = []
        for name in fields:
            if hasattr(self.location, name) and name not in ("text",):
                out.append(getattr(self.location, name))
            elif name == "location":
                out.append(str(self.location))
            else:
                out.append(getattr(self, name))
        return tuple(out)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready dict: Decimals as strings, the location as a nested object."""
        data = asdict(self)
        data["location"] = {k: v for k, v in data["location"].items() if v is not None}
        data["location"]["text"] = str(self.location)
        for key in ("expected", "actual", "difference"):
            if isinstance(data[key], Decimal):
                data[key] = format(data[key], "f")
        data["related"] = list(self.related)
        data["related_rules"] = list(self.related_rules)
        return data
