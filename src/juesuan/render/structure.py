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

    def unit_text(self, disclosure: Disclosure) -> str:
        return self.unit_line.format(dept=disclosure.meta.department, year=disclosure.meta.year)


@lru_cache(maxsize=8)
def structure_for(profile: str | None) -> Structure:
    path = TEMPLATES / (profile or "") / "document.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8")) if profile and path.is_file() else {}
    given = (data or {}).get("structure") or {}
    known = {f.name for f in fields(Structure)}
    return Structure(**{k: v for k, v in given.items() if k in known})
