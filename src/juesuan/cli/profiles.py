"""``juesuan profiles``: the template profiles this installation knows (built in and the user's)."""

from __future__ import annotations

from rich.table import Table

from . import app
from .common import console


@app.command()
def profiles() -> None:
    """列出可用的公开模板（profile）：编号、名称、适用地区与年度。"""
    from ..reference.profiles import Profile, list_profiles

    table = Table(title="公开模板 / profiles")
    for column in ("编号 id", "地区 region", "年度 years", "依据 source"):
        table.add_column(column, overflow="fold")
    for profile_id in list_profiles():
        try:
            profile = Profile.load(profile_id)
            row = (profile.region, "、".join(str(y) for y in profile.years), profile.source)
        except Exception as exc:  # noqa: BLE001 - a broken user profile is listed with its problem
            row = ("（无法读取 / unreadable）", "", str(exc)[:200])
        table.add_row(profile_id, *row)
    console.print(table)
