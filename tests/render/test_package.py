"""The package build: several formats at once, concurrent renderers in threads, errors as data."""

from __future__ import annotations

import gc
import threading
from decimal import Decimal
from pathlib import Path

from render_data import small_disclosure

from juesuan.model.items import replace_value
from juesuan.render import layout, registry
from juesuan.render.layout import grid_for
from juesuan.render.package import render_package


def _register(name: str, *, concurrent: bool = False, fail: bool = False, seen: list | None = None):
    @registry.register(name, suffix=f".{name}", concurrent=concurrent)
    def write(disclosure, document, out_path: Path) -> Path:
        if seen is not None:
            seen.append((name, threading.current_thread().name))
        if fail:
            raise ValueError(f"{name} broke")
        out_path.write_text(document.title, encoding="utf-8")
        return out_path


def test_render_package__writes_every_format_next_to_the_stem(tmp_path, disclosure, document):
    outcomes = list(render_package(["html", "xlsx"], disclosure, document, tmp_path / "report.v2"))
    assert {o.name for o in outcomes} == {"html", "xlsx"}
    assert all(o.error is None and o.seconds >= 0 for o in outcomes)
    # the suffix is appended, not substituted for ".v2"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.v2.html", "report.v2.xlsx"]


def test_render_package__a_failing_format_is_an_outcome_and_the_others_are_written(tmp_path, disclosure,
                                                                                    document):
    _register("t-broken", fail=True)
    _register("t-fine")
    try:
        outcomes = {o.name: o for o in render_package(["t-broken", "t-fine"], disclosure, document,
                                                      tmp_path / "out")}
    finally:
        registry.unregister("t-broken")
        registry.unregister("t-fine")
    assert isinstance(outcomes["t-broken"].error, ValueError) and outcomes["t-broken"].path is None
    assert outcomes["t-fine"].error is None and outcomes["t-fine"].path.read_text(encoding="utf-8")


def test_render_package__concurrent_renderers_run_in_a_worker_thread(tmp_path, disclosure, document):
    seen: list[tuple[str, str]] = []
    _register("t-background", concurrent=True, seen=seen)
    _register("t-foreground", seen=seen)
    try:
        outcomes = list(render_package(["t-foreground", "t-background"], disclosure, document,
                                       tmp_path / "out"))
    finally:
        registry.unregister("t-background")
        registry.unregister("t-foreground")
    threads = dict(seen)
    assert threads["t-foreground"] == threading.current_thread().name
    assert threads["t-background"] != threading.current_thread().name
    assert [o.error for o in outcomes] == [None, None]


def test_prepare__calls_each_named_renderers_hook_and_ignores_unknown_names():
    calls = []
    registry.register("t-prep", prepare=lambda: calls.append("t-prep"))(lambda d, doc, p: p)
    try:
        registry.prepare(["t-prep", "no-such-format", "html"])
    finally:
        registry.unregister("t-prep")
    assert calls == ["t-prep"]


def test_pdf_renderer__registered_to_prepare_and_run_concurrently():
    pdf = registry.get("pdf")
    assert pdf.concurrent and pdf.prepare is not None


def test_grid_for__built_once_per_disclosure_object_and_rebuilt_for_a_changed_copy():
    disclosure = small_disclosure()
    first = grid_for(disclosure, "summary")
    assert grid_for(disclosure, "summary") is first
    changed = replace_value(disclosure, "summary.income.other", Decimal("400.00"))
    regrid = grid_for(changed, "summary")
    assert regrid is not first
    assert Decimal("400.00") in set(regrid.amounts()) and Decimal("400.00") not in set(first.amounts())


def test_grid_for__cache_entry_goes_with_its_disclosure():
    disclosure = small_disclosure()
    grid_for(disclosure, "income")
    key = id(disclosure)
    assert key in layout._GRIDS
    del disclosure
    gc.collect()
    assert key not in layout._GRIDS
