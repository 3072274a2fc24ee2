"""Render several formats of one document — the publishable package — at once.

Renderers registered ``concurrent`` (the PDF: typst compiles outside the GIL) start first
in worker threads; the others (pure Python: DOCX, XLSX, HTML) run meanwhile in the calling
thread, one after another. On two cores the package then takes about as long as its
longest part rather than the sum. A renderer that fails becomes an ``Outcome`` carrying
its error: the other formats are still written.
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from ..model import Disclosure
from ..narrative.document import Document
from .registry import get, render


@dataclass(frozen=True)
class Outcome:
    """One format of the package: the file written, or the error that stopped it."""

    name: str
    path: Path | None
    seconds: float
    error: Exception | None = None


def _timed(name: str, disclosure: Disclosure, document: Document, out_stem: Path) -> Outcome:
    start = time.perf_counter()
    try:  # the suffix is appended: a stem may itself hold dots ("2022.v2")
        path = render(name, disclosure, document, out_stem.with_name(out_stem.name + get(name).suffix))
    except Exception as error:  # noqa: BLE001 - one format failing must not lose the others
        return Outcome(name, None, time.perf_counter() - start, error)
    return Outcome(name, path, time.perf_counter() - start)


def render_package(names: list[str] | tuple[str, ...], disclosure: Disclosure, document: Document,
                   out_stem: Path) -> Iterator[Outcome]:
    """Render every named format to ``out_stem`` + the format's suffix; yields each outcome as it
    completes (concurrent renderers last, as they finish). Unknown names raise before any
    work starts."""
    renderers = [get(name) for name in names]
    background = [r.name for r in renderers if r.concurrent]
    if not background:
        for renderer in renderers:
            yield _timed(renderer.name, disclosure, document, out_stem)
        return
    with ThreadPoolExecutor(max_workers=len(background), thread_name_prefix="juesuan-render") as pool:
        futures = [pool.submit(_timed, name, disclosure, document, out_stem) for name in background]
        for renderer in renderers:
            if not renderer.concurrent:
                yield _timed(renderer.name, disclosure, document, out_stem)
        for future in futures:
            yield future.result()
