"""A profile's renamed headers (``tables[].headers``) are read back, not only printed (issue 10).

The Urumqi example rendered under a temporary user copy of its profile (xinjiang-2022 in
``$JUESUAN_HOME/profiles``) that renames headers to words no built-in keyword covers, and prints
公开02/03 in another column order so the printed-order fallback would misplace them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from juesuan import fileformat
from juesuan.model import iter_table_cells
from juesuan.reference.profiles import PROFILE_DIR

from .conftest import EXAMPLES, need

render = pytest.importorskip("juesuan.render")
compose = pytest.importorskip("juesuan.narrative.compose").compose

# words none of the readers' built-in keywords is part of (model/table_schema.yaml)
RENAMED = {
    "income": ({"other": "其它各项收款"},
               ["total", "other", "fiscal_appropriation", "higher_level_subsidy", "business", "operating",
                "affiliated_remittance"]),
    "expenditure": ({"project": "专项业务支出"},
                    ["total", "project", "basic", "remit_to_higher", "operating", "subsidy_to_affiliated"]),
    "three_public": ({"reception": "公务招待费"}, []),
}
# render/grids_summary.py prints the schema's 公开04 source headers, not a profile's: read, not round-tripped
FISCAL_RENAMED = {"general_budget": "公共财政拨款"}


@pytest.fixture
def renamed_profile(tmp_path: Path, monkeypatch) -> Path:
    data = yaml.safe_load((PROFILE_DIR / "xinjiang-2022.yaml").read_text(encoding="utf-8"))
    for table in data["tables"]:
        if table["key"] in RENAMED:
            headers, columns = RENAMED[table["key"]]
            table["headers"] = headers
            if columns:
                table["columns"] = columns
        if table["key"] == "fiscal_summary":
            table["headers"] = FISCAL_RENAMED
    home = tmp_path / "home"
    (home / "profiles").mkdir(parents=True)
    (home / "profiles" / "xinjiang-2022.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    monkeypatch.setenv("JUESUAN_HOME", str(home))
    return home


@pytest.mark.parametrize("fmt", ["pdf", "docx", "html"])
def test_read__renamed_profile_headers_round_trip(tmp_path: Path, renamed_profile, fmt):
    from juesuan.ingest import read
    from juesuan.render.layout import LayoutOptions

    disclosure = fileformat.load(need(EXAMPLES / "urumqi-iit-2022.yaml"))
    options = LayoutOptions.for_disclosure(disclosure)
    assert dict(options.columns("expenditure"))["project"] == "专项业务支出"  # the temporary profile is the one used
    try:
        path = render.render(fmt, disclosure, compose(disclosure), tmp_path / f"out.{fmt}")
    except Exception as exc:  # a renderer's own dependency missing (typst) is not a reader failure
        pytest.skip(f"{fmt} renderer unavailable: {exc}")
    if fmt == "html":
        printed = path.read_text(encoding="utf-8").replace("<wbr>", "")  # break hints inside a header
        assert all(text in printed for headers, _ in RENAMED.values() for text in headers.values())
    parsed, report = read(path)
    expected = dict(iter_table_cells(disclosure))
    got = dict(iter_table_cells(parsed))
    assert {k: (v, got.get(k)) for k, v in expected.items() if got.get(k) != v} == {}
    assert not [p for p in parsed.provenance.values() if p.kind == "unread"]
    assert report.profile == "xinjiang-2022"


def test_choose_bands__a_renamed_header_names_only_a_band_no_keyword_named(renamed_profile):
    from juesuan.ingest.columns import choose_bands

    texts = {0: "本年支出合计", 1: "专项业务支出", 2: "基本支出", 3: "上缴上级支出", 4: "经营支出", 5: "对附属单位补助支出"}
    chosen = choose_bands("expenditure", texts, 0, 5)
    assert {b: f for b, (f, _) in chosen.items()} == dict(enumerate(RENAMED["expenditure"][1]))
    assert "模板配置" in chosen[1][1] and "模板配置" not in chosen[2][1]


def test_three_public_and_fiscal_summary__renamed_headers_name_their_columns(renamed_profile, monkeypatch):
    """公开07's item words (its reader takes the item order every known edition prints, so the
    round trip above finds its cells by that order too) and 公开04's source heads."""
    from juesuan.ingest.three_public import _item, _renamed
    from juesuan.ingest.twosided import FISCAL_COLUMNS, _fiscal_words

    assert _item("公务招待费", _renamed()) == "reception"
    assert ("公共财政拨款", "general_budget") in _fiscal_words()
    assert _fiscal_words()[:len(FISCAL_COLUMNS)] == FISCAL_COLUMNS  # built-in words first
    monkeypatch.setenv("JUESUAN_HOME", str(renamed_profile.parent / "none"))
    assert _item("公务招待费", _renamed()) is None and _fiscal_words() == FISCAL_COLUMNS
