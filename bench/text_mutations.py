"""Recall of the text rules: every defect class of ``juesuan.checks.mutants`` injected into both
examples rendered as text (and read back), plus the table class on the data.

    .venv/bin/python bench/text_mutations.py              # every candidate (≈ 5 min)
    .venv/bin/python bench/text_mutations.py --every 5    # every 5th candidate
    .venv/bin/python bench/text_mutations.py --misses     # print each undetected mutation
    .venv/bin/python bench/text_mutations.py --pdf 3      # 3 per class rendered to PDF and read back

A mutation is detected when a 错误 or 警告 appears that the unmodified text does not have.
"""

from __future__ import annotations

import argparse
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

from juesuan import fileformat
from juesuan.checks.mutants import CLASSES, EXTRA_CLASSES
from juesuan.checks.mutation import table_mutations, text_mutations
from juesuan.ingest import read
from juesuan.narrative import compose

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ("urumqi-iit-2022.yaml", "shanghai-putuo-czj-2024.yaml")


def read_text(text: str):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "document.txt"
        path.write_text(text, encoding="utf-8")
        return read(path)[0]


def _with_line(document, index: int, new: str):
    """The composed document with its ``index``-th text line (as ``Document.text()`` lists them) replaced."""
    from dataclasses import replace

    if index == 0:
        return replace(document, title=new)
    n = 1 + (document.subtitle is not None)
    if index == 1 and document.subtitle is not None:
        return replace(document, subtitle=new)
    sections = list(document.sections)
    for si, section in enumerate(sections):
        if index == n:
            sections[si] = replace(section, title=new)
            return replace(document, sections=tuple(sections))
        n += 1
        if index < n + len(section.paragraphs):
            paragraphs = list(section.paragraphs)
            paragraphs[index - n] = replace(paragraphs[index - n], text=new, claims=())
            sections[si] = replace(section, paragraphs=tuple(paragraphs))
            return replace(document, sections=tuple(sections))
        n += len(section.paragraphs)
    raise IndexError(index)


def pdf_sample(name: str, per_class: int, classes: list[str]) -> None:
    """A few defects per class through the PDF renderer and the PDF reader (tables read too)."""
    from juesuan.checks import check
    from juesuan.checks.mutants import CLASSES as ALL
    from juesuan.render.registry import render

    d = fileformat.load(ROOT / "examples" / name)
    document = compose(d)
    lines = document.text().split("\n")
    serious = lambda r: {(f.rule_id, f.message) for f in r.findings if f.severity in ("错误", "警告")}  # noqa: E731
    with tempfile.TemporaryDirectory() as tmp:
        base = read(render("pdf", d, document, Path(tmp) / "base.pdf"))[0]
        baseline = serious(check(base))
        for defect in classes:
            candidates = list(dict.fromkeys((ALL | EXTRA_CLASSES)[defect](lines, d)))
            step = max(1, len(candidates) // per_class)
            picked = candidates[::step][:per_class]
            found = 0
            for i, (index, new) in enumerate(picked):
                path = render("pdf", d, _with_line(document, index, new), Path(tmp) / f"{defect}{i}.pdf")
                parsed = read(path)[0]
                new_findings = serious(check(parsed)) - baseline if parsed else set()
                found += bool(new_findings)
                if not new_findings:
                    print(f"    missed (pdf): {new[:120]}")
            print(f"{name:30} {defect:11} {len(picked):>8} {found:>8} {found / max(len(picked), 1):>7.1%}  (PDF)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--every", type=int, default=1)
    parser.add_argument("--classes", default=",".join([*CLASSES, *EXTRA_CLASSES]))
    parser.add_argument("--misses", action="store_true")
    parser.add_argument("--pdf", type=int, default=0, help="also N defects per class through the PDF renderer")
    args = parser.parse_args(argv)
    if args.pdf:
        for name in EXAMPLES:
            pdf_sample(name, args.pdf, [c for c in args.classes.split(",") if c in CLASSES or c in EXTRA_CLASSES])
        return 0
    totals: dict[str, Counter] = defaultdict(Counter)
    rules: dict[str, Counter] = defaultdict(Counter)
    print(f"{'example':30} {'class':11} {'injected':>8} {'detected':>8} {'recall':>7}  rules")
    for name in EXAMPLES:
        d = fileformat.load(ROOT / "examples" / name)
        results = text_mutations(d, compose(d).text(), read_text, args.classes.split(","), every=args.every)
        results += table_mutations(d)
        by_class = defaultdict(list)
        for r in results:
            by_class[r.defect].append(r)
        for defect, rs in by_class.items():
            found = sum(r.detected for r in rs)
            totals[defect].update(injected=len(rs), detected=found)
            rules[defect].update(rule for r in rs for rule in r.rules)
            print(f"{name:30} {defect:11} {len(rs):>8} {found:>8} {found / len(rs):>7.1%}  "
                  + " ".join(sorted({rule for r in rs for rule in r.rules})))
            if args.misses:
                for r in rs:
                    if not r.detected:
                        print(f"    missed: {r.after[:160]}")
    print()
    for defect, c in totals.items():
        print(f"{'both examples':30} {defect:11} {c['injected']:>8} {c['detected']:>8} "
              f"{c['detected'] / c['injected']:>7.1%}  " + ", ".join(f"{k} {v}" for k, v in rules[defect].most_common()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
