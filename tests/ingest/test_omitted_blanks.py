"""Tab text whose blank cells were left out of the line (a dump without empty fields): a cell's
tab position does not say its column, so amounts are placed by the identities or left unread —
never put under the wrong header. Our own Urumqi output as such text (tests/fuzz/corpus) once
gave 41 错误, 37 of them the reader's (基本/项目 swapped, 公开07 shifted) and a minutes-long
column-shift search."""

from collections import Counter
from pathlib import Path

from juesuan.checks import check
from juesuan.fileformat import load
from juesuan.ingest import read
from juesuan.model import iter_table_cells

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "fuzz" / "corpus" / "urumqi.txt"


def test_no_amount_lands_in_a_wrong_cell_and_only_the_examples_errors_remain():
    example = load(ROOT / "examples" / "urumqi-iit-2022.yaml")
    parsed, _ = read(CORPUS)
    truth = dict(iter_table_cells(example))
    unknown = {p for p, s in parsed.provenance.items() if s.kind == "unread"}
    missing = {k for k in type(parsed.tables).model_fields if getattr(parsed.tables, k).missing}
    wrong = [path for path, value in iter_table_cells(parsed)
             if path not in unknown and path.split(".")[0] not in missing and path in truth
             and parsed.provenance.get(path) is not None and value != truth[path]]
    assert wrong == []
    errors = Counter(f.rule_id for f in check(parsed).findings if f.severity == "错误")
    own = Counter(f.rule_id for f in check(example).findings if f.severity == "错误" and f.rule_id.startswith("P-"))
    assert errors == own
