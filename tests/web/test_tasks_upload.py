"""A batch upload reads each file as ``juesuan check`` does: the project's YAML/JSON is loaded, not taken
for a published text; a broken one comes back with its located problems, and the batch goes on."""

from __future__ import annotations

import shutil
from pathlib import Path

from juesuan.web.tasks import parse_documents

EXAMPLE = Path(__file__).parents[2] / "examples" / "urumqi-iit-2022.yaml"


def test_upload__yaml_is_loaded_and_checked_and_broken_yaml_is_reported(tmp_path):
    good = tmp_path / EXAMPLE.name
    shutil.copy(EXAMPLE, good)
    bad = tmp_path / "bad.yaml"
    bad.write_text("meta:\n  department: 甲\nmeta:\n  department: 乙\n", encoding="utf-8")
    seen = []
    result = parse_documents(None, {"files": [str(bad), str(good)]}, lambda done, total: seen.append((done, total)))
    broken, loaded = result["files"]
    assert broken["ok"] is False and broken["problems"] and "bad.yaml" in broken["problems"][0]
    assert loaded["ok"] is True and loaded["year"] == 2022 and loaded["department"].startswith("乌鲁木齐市工业和信息化局")
    assert loaded["counts"]["错误"] > 0 and seen[-1] == (2, 2)
