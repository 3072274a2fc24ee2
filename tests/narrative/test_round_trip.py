"""Round trip: composed text → ``juesuan.ingest.read`` → the same claims (generation and
parsing speak of a figure the same way)."""

from __future__ import annotations

from collections import Counter

from juesuan.ingest import read
from juesuan.narrative import compose


def _round_trip(disclosure, tmp_path):
    document = compose(disclosure)
    path = tmp_path / "composed.txt"
    path.write_text(document.text(), encoding="utf-8")
    parsed, report = read(path)
    key = lambda c: (c.item, c.measure, c.value)  # noqa: E731
    printed = Counter(key(c) for c in document.claims()
                      if c.text is not None and not c.item.startswith("overview."))
    return report, printed, printed & Counter(map(key, parsed.claims))


def test_compose__seed_text_reads_back_to_the_same_claims(urumqi, tmp_path):
    """Every figure of 第二部分 (第一部分's 人员情况 is not read by ingest) is read back."""
    report, printed, matched = _round_trip(urumqi, tmp_path)
    assert report.profile == "xinjiang-2022"
    assert sum(printed.values()) == 198
    assert matched == printed


def test_compose__shanghai_text_reads_back_to_the_same_claims(shanghai, tmp_path):
    """94 of 98 at the time of writing: ingest reads §十's 涉及预算金额 and §二's 本年收入合计
    under other item paths."""
    report, printed, matched = _round_trip(shanghai, tmp_path)
    assert report.profile == "shanghai-2024"
    assert sum(printed.values()) == 98
    assert sum(matched.values()) >= 94
