"""Each profile's document structure as data: ``structure:`` in ``narrative/templates/<profile>/document.yaml``.

Cover page, 目录 (with page numbers: a TOC field in DOCX, typst's outline in PDF), parts starting
on a new page, and the line naming 编制单位 and 年度 on every table page and XLSX sheet. The
renderers read these flags; a profile without the key gets the defaults below.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from functools import lru_cache

import yaml

from ..model import Disclosure
from ..narrative.compose import TEMPLATES


@dataclass(frozen=True)
class Structure:
    cover: bool = True
    toc: bool = True
    toc_title: str = "目  录"
    toc_depth: int = 2
    part_starts_page: bool = True  # 第一部分 … each on a new page
    unit_line: str = "编制单位：{dept}　　{year}年度"  # above every table and on every sheet
    unit_table: bool = False  # 部门决算单位构成 as a 序号 / 单位名称 / 备注 table (SH-T), not a list

    def unit_text(self, disclosure: Disclosure) -> str:
        return self.unit_line.format(dept=disclosure.meta.department, year=disclosure.meta.year)


@lru_cache(maxsize=8)
def structure_for(profile: str | None) -> Structure:
    path = TEMPLATES / (profile or "") / "document.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8")) if profile and path.is_file() else {}
    given = (data or {}).get("structure") or {}
    known = {f.name for f in fields(Structure)}
    return Structure(**{k: v for k, v in given.items() if k in known})


def unit_table(disclosure: Disclosure, section) -> tuple[list[tuple[str, str, str]], tuple] | None:
    """The 部门决算单位构成 as 序号 / 单位名称 / 备注 rows, and the section's paragraphs without the
    numbered list they replace; None when the profile prints a list or the list is not the
    composed one (then nothing is dropped)."""
    if section.id != "composition" or not structure_for(disclosure.meta.profile).unit_table:
        return None
    units = disclosure.overview.units
    listed = {f"{i}、{u.name}{'（' + u.note + '）' if u.note else ''}" for i, u in enumerate(units, 1)}
    kept = tuple(p for p in section.paragraphs if p.text.strip() not in listed)
    if not units or len(section.paragraphs) - len(kept) != len(units):
        return None
    return [(str(i), u.name, u.note or "") for i, u in enumerate(units, 1)], kept
