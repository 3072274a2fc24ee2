"""C-001: a document that says its tables are attached (SEED: 第四部分 部门决算报表（见附表）) gets one 提示
for the tables it does not contain, not nine 警告; without that line each table it lists is a 警告."""

from __future__ import annotations

from pathlib import Path

import pytest

from juesuan.checks import check
from juesuan.ingest import read

SEED = Path("/work/shared/seed/000_70eff566b52b1af5.txt")


def _seed(tmp_path, replace: tuple[str, str] | None = None):
    if not SEED.exists():
        pytest.skip("shared seed not present")
    text = SEED.read_text(encoding="utf-8")
    if replace:
        assert replace[0] in text
        text = text.replace(*replace)
    path = tmp_path / "seed.txt"
    path.write_text(text, encoding="utf-8")
    disclosure, _ = read(path)
    return check(disclosure).by_rule("C-001")


@pytest.mark.rule("C-001", "passes")
def test_tables_said_to_be_attached_are_one_hint(tmp_path):
    found = _seed(tmp_path)
    assert [f.severity for f in found] == ["提示"]
    assert "见附表" in found[0].message and "公开01表" in found[0].message and "公开09表" in found[0].message
    assert found[0].location.page == 1 and found[0].location.line


@pytest.mark.rule("C-001", "fails")
def test_tables_listed_in_the_toc_and_missing_without_attachment_are_warnings(tmp_path):
    found = _seed(tmp_path, ("部门决算报表（见附表）", "部门决算报表"))
    assert len(found) == 9 and {f.severity for f in found} == {"警告"}
    assert all("目录列出" in f.message for f in found)
