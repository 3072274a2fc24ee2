"""Progress on the terminal: a page bar with ETA while OCR reads a scan, a file bar for a batch, and a
spinner with the time spent for any other step that lasts over a second.

Drawn on stderr, and only when stderr is a terminal and ``juesuan --quiet`` was not given: piped
output, files and tests stay clean. The readers never print: ``juesuan.ingest.read(progress=...)``
calls back with (pages done, pages to read) and only this module draws. A display started while
another runs (a file of a batch, a page bar inside a step) is drawn under it (rich nests them).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, Progress, ProgressColumn, SpinnerColumn, Task, TextColumn, TimeElapsedColumn
from rich.text import Text

from . import common

DELAY = 1.0  # seconds: a step that ends sooner shows nothing  # noqa: money-float-ok (seconds)
_quiet = False


def set_quiet(value: bool) -> None:
    """``juesuan --quiet``: no progress display at all."""
    global _quiet
    _quiet = value


def quiet() -> bool:
    return _quiet


@contextmanager
def nothing() -> Iterator[Callable[[int, int], None]]:
    """In place of ``step`` where another display already says what is going on."""
    yield _ignore


def _console() -> Console:
    """stderr; or the console whose display is already running (``build`` draws on stdout), so the new
    one nests under it instead of fighting it for the same lines."""
    for candidate in (common.err_console, common.console):
        if getattr(candidate, "_live_stack", None) or getattr(candidate, "_live", None):  # rich ≥ 14 / 13
            return candidate
    return common.err_console


def shown() -> bool:
    console = common.err_console
    return not _quiet and console.is_terminal and not console.is_dumb_terminal


class _Count(ProgressColumn):
    """``第 3/25 页`` or ``3/12 个文件``; nothing while the amount is not known."""

    def render(self, task: Task) -> Text:
        if task.total is None:
            return Text("")
        unit = task.fields.get("unit", "")
        return Text(f"第 {int(task.completed)}/{int(task.total)} {unit}" if unit == "页"
                    else f"{int(task.completed)}/{int(task.total)} {unit}")


class _Remaining(ProgressColumn):
    """``剩余约 2:41`` once the speed is known (the estimate rich keeps over the last 30 s)."""

    max_refresh = 0.5

    def render(self, task: Task) -> Text:
        remaining = task.time_remaining
        if task.total is None or remaining is None or task.finished:
            return Text("")
        minutes, seconds = divmod(int(remaining), 60)
        return Text(f"剩余约 {minutes}:{seconds:02d}", style="progress.remaining")


def _display(console: Console) -> Progress:
    """Standard output is routed above the display only when it goes to the terminal too: a report piped
    to a file (``check DIR > all.txt``) stays in the file."""
    import sys

    return Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(bar_width=30), _Count(),
                    TextColumn("已用"), TimeElapsedColumn(), _Remaining(), console=console, transient=True,
                    redirect_stdout=sys.stdout.isatty())


class _Step:
    """One display that appears ``delay`` seconds after it is opened, unless it is closed by then."""

    def __init__(self, description: str, total: int | None, unit: str,
                 delay: float | None = None) -> None:  # noqa: money-float-ok (seconds)
        delay = DELAY if delay is None else delay
        self.progress = _display(_console())
        self.task = self.progress.add_task(description, total=total, unit=unit)
        self._lock = threading.Lock()
        self._state = "waiting"
        self._timer = threading.Timer(delay, self.show)
        self._timer.daemon = True
        if delay <= 0:
            self.show()
        else:
            self._timer.start()

    def show(self) -> None:
        from rich.errors import LiveError

        with self._lock:
            if self._state == "waiting":
                try:
                    self.progress.start()
                except LiveError:  # rich < 14 draws one display at a time: this one is left out
                    self._state = "closed"
                    return
                self._state = "shown"

    def update(self, **fields) -> None:
        self.progress.update(self.task, **fields)

    def close(self) -> None:
        self._timer.cancel()
        with self._lock:
            if self._state == "shown":
                self.progress.stop()
            self._state = "closed"


def _ignore(*_args, **_kwargs) -> None:
    return None


@contextmanager
def step(description: str) -> Iterator[Callable[[int, int], None]]:
    """A spinner for a step that may take over a second; yields ``pages(done, total)`` for a reader's
    ``progress=`` (OCR): the spinner becomes a page bar with the time left."""
    if not shown():
        yield _ignore
        return
    display = _Step(description, None, "页")

    def pages(done: int, total: int) -> None:
        display.update(completed=done, total=total, description=f"{description}（OCR）")

    try:
        yield pages
    finally:
        display.close()


@contextmanager
def files(total: int, description: str) -> Iterator[Callable[[str], None]]:
    """A bar over a batch of ``total`` files, shown at once (a step of a file nests under it); yields
    ``next_file(name)``, called as each file starts."""
    if not shown() or total < 2:
        yield _ignore
        return
    display = _Step(description, total, "个文件", delay=0)
    started = [0]

    def next_file(name: str) -> None:
        display.update(completed=started[0], description=f"{description} {name}")
        started[0] += 1

    try:
        yield next_file
    finally:
        display.close()
