"""A region's layout is data (issue 10): a profile renames a header or reorders a table's columns,
and the rendered grid follows; a column the table schema does not know is refused with its place."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from juesuan import fileformat
from juesuan.reference.profiles import Profile, ProfileError
from juesuan.render.layout import LayoutOptions, grid_for

EXAMPLE = Path(__file__).parents[2] / "examples" / "shanghai-putuo-czj-2024.yaml"


def _profile(home, profile_id, expenditure: dict) -> None:
    data = json.loads(Profile.load("shanghai-2024").model_dump_json())
    data["id"] = profile_id
    data["tables"][2].update(expenditure)  # 公开03
    (home / "profiles").mkdir(parents=True, exist_ok=True)
    (home / "profiles" / f"{profile_id}.yaml").write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_profile__renamed_header_and_order_reach_the_grid(juesuan_home):
    order = ["total", "project", "basic", "remit_to_higher", "operating", "subsidy_to_affiliated"]
    _profile(juesuan_home, "sh-reordered", {"headers": {"total": "支出合计"}, "columns": order})
    disclosure = fileformat.load(EXAMPLE)
    moved = disclosure.model_copy(update={"meta": disclosure.meta.model_copy(update={"profile": "sh-reordered"})})
    plain = grid_for(disclosure, "expenditure", LayoutOptions.for_disclosure(disclosure))
    grid = grid_for(moved, "expenditure", LayoutOptions.for_disclosure(moved))
    plain_heads = [c.value for row in plain.header for c in row.cells]
    heads = [c.value for row in grid.header for c in row.cells]
    assert "本年支出合计" in plain_heads and "支出合计" in heads and "本年支出合计" not in heads
    assert heads.index("项目支出") < heads.index("基本支出")
    assert plain_heads.index("基本支出") < plain_heads.index("项目支出")
    # the body follows the header: 基本 and 项目 swap places in every row
    for before, after in zip(plain.body, grid.body):
        values_before = [c.value for c in before.cells]
        values_after = [c.value for c in after.cells]
        first = len(values_before) - 6
        assert values_after[first + 1] == values_before[first + 2]
        assert values_after[first + 2] == values_before[first + 1]


@pytest.mark.parametrize("override, field", [
    ({"headers": {"capital": "资本性支出"}}, "tables.2"),
    ({"columns": ["total", "basic"]}, "tables.2"),
])
def test_profile__column_not_in_the_schema_is_refused(juesuan_home, override, field):
    _profile(juesuan_home, "sh-broken", override)
    with pytest.raises(ProfileError) as caught:
        Profile.load("sh-broken")
    assert caught.value.problems[0].field.startswith(field)
