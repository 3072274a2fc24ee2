"""Meta-test: the floors of docs/architecture.md hold (each package imports only from below)."""

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).parents[1] / "src" / "juesuan"

# package → the juesuan packages it may import (docs/architecture.md).
ALLOWED = {
    "problems": set(),
    "limits": {"problems"},  # input limits (issue 12), checked by fileformat and the readers
    "model": set(),
    "reference": {"model", "problems"},
    "fileformat": {"model", "problems", "limits", "reference"},
    "figures": {"model", "reference"},
    "scoring": {"model", "reference", "problems", "limits"},
    "ingest": {"model", "reference", "problems", "limits", "figures", "scoring"},
    "checks": {"model", "reference", "problems", "figures", "scoring", "narrative"},
    "narrative": {"model", "reference", "figures", "scoring"},
    "render": {"model", "reference", "figures", "scoring", "narrative"},
    "export": {"model", "reference", "checks"},
    "web": {"model", "reference", "problems", "limits", "fileformat", "figures", "scoring", "checks", "narrative",
            "render", "ingest", "export", "workbook"},  # floor 6: the workspace, beside cli/
    "workbook": {"model", "reference", "problems", "fileformat", "scoring", "ingest", "narrative", "render"},
}
TERMINAL = {"rich", "typer", "click"}  # only cli/ talks to the terminal


def imports_of(path: Path) -> tuple[set[str], set[str]]:
    """(juesuan packages, third-party top-level modules) imported by one module."""
    rel = path.relative_to(SRC)
    inner, outer = set(), set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = list(rel.parts[:-1])[: len(rel.parts) - node.level]
            names = base + (node.module.split(".") if node.module else [])
            inner.add(names[0] if names else node.names[0].name)
        elif isinstance(node, ast.ImportFrom) and node.module:
            parts = node.module.split(".")
            if parts[0] == "juesuan":
                inner.add(parts[1] if len(parts) > 1 else node.names[0].name)
            else:
                outer.add(parts[0])
        elif isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                (inner.add(parts[1]) if parts[0] == "juesuan" and len(parts) > 1 else outer.add(parts[0]))
    return inner, outer


MODULES = sorted(p for p in SRC.rglob("*.py") if p.relative_to(SRC).parts[0] not in ("cli", "__init__.py", "__main__.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(SRC)))
def test_imports__stay_on_their_floor(path):
    package = path.relative_to(SRC).parts[0].removesuffix(".py")
    inner, outer = imports_of(path)
    assert inner - {package} <= ALLOWED[package], f"{package} may not import {inner - {package} - ALLOWED[package]}"
    assert not outer & TERMINAL, "only juesuan.cli may use the terminal"
