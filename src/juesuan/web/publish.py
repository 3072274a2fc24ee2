"""Publishing: the approved version's package is built once, stored, and fixed by its checksum.

A later correction publishes a new version with its 更正说明; the earlier publication keeps
its files and is marked superseded, so that what was once public stays visible.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from fastapi import HTTPException
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..narrative import compose
from ..render.package import render_package
from .models import Filing, Publication, User, Version
from .store import disclosure_of

FORMATS = ("docx", "xlsx", "html", "pdf")


def package_checksum(folder: Path) -> str:
    """SHA-256 over the package's files in name order (name and bytes of each)."""
    digest = hashlib.sha256()
    for path in sorted(folder.iterdir()):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def build_package(disclosure, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    stem = folder / f"{disclosure.meta.year}-决算公开"
    outcomes = list(render_package(FORMATS, disclosure, compose(disclosure), stem))
    failed = [o for o in outcomes if o.error is not None]
    if failed:
        raise HTTPException(500, "生成失败 / package failed: " + "; ".join(f"{o.name}: {o.error}" for o in failed))
    return [o.path for o in outcomes if o.path]


def publish(db: Session, filing: Filing, version: Version, user: User, note: str) -> str:
    """Store the package of ``version``; returns the new status (published, or corrected)."""
    previous = db.scalars(select(Publication).where(Publication.filing_id == filing.id,
                                                    Publication.superseded_by.is_(None))).first()
    if previous is not None and not note.strip():
        raise HTTPException(422, "更正公开须写明更正说明 / a correction needs its note")
    settings_dir: Path = db.info["data_dir"]
    folder = settings_dir / "publications" / str(filing.id) / f"v{version.number}"
    build_package(disclosure_of(version), folder)
    publication = Publication(filing_id=filing.id, version_number=version.number, publisher_id=user.id,
                              package_dir=str(folder), package_sha256=package_checksum(folder),
                              correction_note=note if previous is not None else "")
    db.add(publication)
    db.flush()
    if previous is not None:
        previous.superseded_by = publication.id
        return "corrected"
    return "published"
