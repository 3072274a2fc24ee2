"""The official-document look shared by every renderer (GB/T 9704-2012 conventions).

A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm; title 方正小标宋简体 二号;
body 仿宋_GB2312 三号; headings 黑体 (一、) and 楷体_GB2312 (（一）) 三号; page numbers
"— 1 —" in the footer. Each family lists its fallbacks; Noto CJK (Debian ``fonts-noto-cjk``)
is the last resort every machine with juesuan has.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PT = {"二号": 22, "三号": 16, "四号": 14, "小四": 12, "五号": 10.5, "小五": 9}
"""Chinese type sizes in points."""

MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
PAGE_MM = (210, 297)


@dataclass(frozen=True)
class FontRole:
    """One role of type: the preferred official font and its fallbacks, in order."""

    families: tuple[str, ...]
    size_pt: float
    bold: bool = False

    @property
    def primary(self) -> str:
        return self.families[0]


SERIF_FALLBACK = ("Noto Serif CJK SC",)
SANS_FALLBACK = ("Noto Sans CJK SC",)

TITLE = FontRole(("方正小标宋简体", "FZXiaoBiaoSong-B05S", "方正小标宋_GBK", *SERIF_FALLBACK), PT["二号"], True)
BODY = FontRole(("仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong", *SERIF_FALLBACK), PT["三号"])
HEADING = {  # 黑体 is heavy by design: GB/T 9704 headings are not set in bold
    1: FontRole(("黑体", "SimHei", *SANS_FALLBACK), PT["三号"]),
    2: FontRole(("黑体", "SimHei", *SANS_FALLBACK), PT["三号"]),
    3: FontRole(("楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi", *SERIF_FALLBACK), PT["三号"], True),
}
TABLE_TITLE = FontRole(TITLE.families, PT["四号"], True)
TABLE = FontRole(("宋体", "SimSun", *SERIF_FALLBACK), PT["五号"])
TABLE_HEAD = FontRole(("黑体", "SimHei", *SANS_FALLBACK), PT["五号"])
PAGE_NUMBER = FontRole(("宋体", "SimSun", *SERIF_FALLBACK), PT["四号"])

NOTO_DIRS = (
    Path("/usr/share/fonts/opentype/noto"),
    Path("/usr/share/fonts/noto-cjk"),
    Path("/usr/share/fonts/google-noto-cjk"),
    Path("/Library/Fonts"),
)


USER_FONT_DIRS = (Path.home() / ".local" / "share" / "fonts", Path.home() / ".fonts")


def noto_font_dirs() -> list[Path]:
    """Folders holding Noto CJK fonts on this machine (installed by the Makefile)."""
    return [d for d in NOTO_DIRS if d.is_dir() and any(d.glob("Noto*CJK*"))]


def font_search_dirs() -> tuple[list[Path], bool]:
    """(folders the PDF renderer scans, whether it scans every system font as well).

    The official fonts (方正小标宋简体, 仿宋_GB2312, 楷体_GB2312 …) are licensed and never
    shipped: put them in ``$JUESUAN_FONT_DIRS`` (folders separated by ``os.pathsep``) or the
    user's font folder, which come first. Where Noto CJK sits in a known folder only these
    folders are scanned (a Linux server may hold hundreds of fonts: scanning them all costs
    more than the rest of the PDF); elsewhere (Windows, macOS: 宋体/黑体/仿宋/楷体 are system
    fonts) every system font is scanned."""
    chosen = [Path(d) for d in os.environ.get("JUESUAN_FONT_DIRS", "").split(os.pathsep) if d]
    chosen += [d for d in USER_FONT_DIRS if d.is_dir()]
    noto = noto_font_dirs()
    return [d for d in chosen if d.is_dir()] + noto, not noto


def page_number_text(number: str) -> str:
    """GB/T 9704: the page number between em dashes, "— 1 —"."""
    return f"— {number} —"
