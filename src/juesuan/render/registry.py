"""One registry of output formats. Built-in renderers register exactly as a third party would.

A renderer is a callable ``render(disclosure, document, out_path) -> Path``. Register it
with ``@register("docx", suffix=".docx")``; third-party packages may also expose it
through the ``juesuan.renderers`` entry-point group (loaded by ``load_plugins``).
Two optional hints serve a build of several formats (``render.package``): ``prepare``,
called before the input is even loaded (the PDF renderer starts reading its fonts), and
``concurrent``, for a renderer that spends its time outside the GIL and may run in a
thread beside the others.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.metadata import entry_points
from pathlib import Path
from typing import Callable, Protocol

from ..model import Disclosure
from ..narrative.document import Document


class RenderFunction(Protocol):
    def __call__(self, disclosure: Disclosure, document: Document, out_path: Path) -> Path: ...


@dataclass(frozen=True)
class Renderer:
    name: str
    suffix: str
    render: RenderFunction
    description: str = ""
    prepare: Callable[[], None] | None = None
    concurrent: bool = False


class UnknownFormatError(KeyError):
    """A format name that no renderer registered."""

    def __str__(self) -> str:
        return f"未知输出格式 / unknown format: {self.args[0]} (可用 / available: {', '.join(formats())})"


_RENDERERS: dict[str, Renderer] = {}
ENTRY_POINT_GROUP = "juesuan.renderers"


def register(name: str, *, suffix: str | None = None, description: str = "",
             prepare: Callable[[], None] | None = None, concurrent: bool = False) -> Callable:
    """Decorator: register ``render`` under a format name (a later registration replaces it)."""

    def decorate(function: RenderFunction) -> RenderFunction:
        _RENDERERS[name] = Renderer(name, suffix or f".{name}", function,
                                    description or (function.__doc__ or "").strip().split("\n")[0],
                                    prepare, concurrent)
        return function

    return decorate


def unregister(name: str) -> None:
    _RENDERERS.pop(name, None)


def get(name: str) -> Renderer:
    try:
        return _RENDERERS[name]
    except KeyError:
        raise UnknownFormatError(name) from None


def formats() -> tuple[str, ...]:
    return tuple(_RENDERERS)


def load_plugins() -> list[str]:
    """Import every ``juesuan.renderers`` entry point; each registers itself on import."""
    loaded = []
    for point in entry_points(group=ENTRY_POINT_GROUP):
        point.load()
        loaded.append(point.name)
    return loaded


def prepare(names: list[str] | tuple[str, ...]) -> None:
    """Let the named renderers get ready (start loading what they need) before the input
    is loaded; unknown names are left for ``render`` to report."""
    for name in names:
        renderer = _RENDERERS.get(name)
        if renderer is not None and renderer.prepare is not None:
            renderer.prepare()


def render(name: str, disclosure: Disclosure, document: Document, out_path: Path) -> Path:
    """Render one format; ``out_path`` gets the format's suffix when it has none."""
    renderer = get(name)
    out_path = Path(out_path)
    if not out_path.suffix:
        out_path = out_path.with_suffix(renderer.suffix)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    from .typo import typeset  # no space between a figure and Chinese text ("2019年")

    return renderer.render(disclosure, typeset(document), out_path)
