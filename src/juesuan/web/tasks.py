"""What background jobs do: read uploaded documents, check batches, build packages.

Each kind is ``function(sessions, payload, progress) -> result dict``; the same core the CLI
uses does the work (``ingest.read``, ``checks.check``, ``render``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

Progress = Callable[[int, int], None]


def parse_documents(sessions, payload: dict[str, Any], progress: Progress) -> dict[str, Any]:
    """Read each uploaded file and check it: counts per file, problems named, nothing lost."""
    from ..checks import check
    from ..ingest import read

    files = [Path(p) for p in payload["files"]]
    results = []
    for index, path in enumerate(files):
        progress(index, len(files))
        disclosure, problems = _load(path, read)
        entry: dict[str, Any] = {"file": path.name, "ok": disclosure is not None, "problems": problems[:50]}
        if disclosure is not None:
            checked = check(disclosure)
            entry.update(department=disclosure.meta.department, year=disclosure.meta.year,
                         counts={s: checked.counts.get(s, 0) for s in ("错误", "警告", "提示")},
                         findings=[_located(f, disclosure) for f in checked.findings][:300])
        results.append(entry)
    progress(len(files), len(files))
    return {"files": results}


DISCLOSURE_SUFFIXES = (".yaml", ".yml", ".json")


def _load(path: Path, read) -> tuple[Any, list[str]]:
    """A disclosure file (YAML/JSON, the project's own format) is loaded as ``juesuan check`` loads it;
    any other upload is a published document, read first. Problems come back as text, never raised."""
    from .. import fileformat

    if path.suffix.lower() in DISCLOSURE_SUFFIXES:
        try:
            return fileformat.load(path), []
        except fileformat.DisclosureFileError as exc:
            return None, [str(problem) for problem in exc.problems]
    disclosure, report = read(path)
    return disclosure, [str(problem) for problem in report.problems]


def _located(finding, disclosure) -> dict[str, Any]:
    """A finding with the page and box of the cell it names (from the reader's provenance)."""
    from ..model.items import TABLE_LABELS

    location = finding.location
    source = disclosure.provenance.get(location.item or "") if location.item else None
    page = location.page or (source.page if source else None)
    in_table = bool(location.item) and location.item.split(".", 1)[0] in TABLE_LABELS
    # Only a table cell's box is outlined: a narrative fact's provenance names its line, not its figure.
    same_page = source is not None and source.page == page
    bbox = list(source.bbox) if in_table and same_page and source.bbox else None
    where = str(location)
    if location.file:  # the upload's temporary path means nothing to a reviewer; its name does
        where = where.replace(location.file, Path(location.file).name)
    return {"rule_id": finding.rule_id, "severity": finding.severity, "where": where,
            "message": finding.message, "page": page, "bbox": bbox}


def build_package(sessions, payload: dict[str, Any], progress: Progress) -> dict[str, Any]:
    """Render every format of one version into the data folder (downloads for the editor)."""
    from .models import Filing
    from .publish import build_package as build
    from .store import disclosure_of, version

    with sessions() as db:
        filing = db.get(Filing, payload["filing_id"])
        found = version(db, filing, payload["version"])
        disclosure = disclosure_of(found)
        folder = Path(db.info["data_dir"]) / "builds" / str(filing.id) / f"v{found.number}"
    progress(0, 1)
    paths = build(disclosure, folder)
    progress(1, 1)
    return {"files": [str(p) for p in paths]}


KINDS: dict[str, Callable[..., dict[str, Any]]] = {"parse": parse_documents, "build": build_package}
