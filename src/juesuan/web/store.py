"""Filings and their versions: every save is a new immutable version, guarded by an optimistic lock.

The lock is one conditional UPDATE (``version = version + 1 WHERE version = :base``): of two
editors who saved from the same version, exactly one wins and the other gets ``Conflict``
with both contents to merge — on SQLite and PostgreSQL alike, without holding locks while
people type.
"""

from __future__ import annotations

import hashlib
import json
import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from .. import fileformat
from ..checks import check
from ..model import Disclosure
from .models import AuditEntry, Filing, User, Version, now


class Conflict(Exception):
    """A save based on a version that is no longer the newest."""

    def __init__(self, filing: Filing, base: int, current: Version) -> None:
        super().__init__(f"版本冲突：您基于第{base}版修改，当前已是第{current.number}版 / "
                         f"stale save: based on version {base}, current is {current.number}")
        self.filing, self.base, self.current = filing, base, current


@dataclass(frozen=True)
class Saved:
    version: Version
    report: Any


def content_of(disclosure: Disclosure) -> str:
    """The stored text: the project's own JSON file format (what ``juesuan check`` reads)."""
    return fileformat.dumps_json(disclosure)


def data_of(disclosure: Disclosure) -> dict[str, Any]:
    """The disclosure as JSON data for the browser: amounts as decimal strings, never floats."""
    return json.loads(content_of(disclosure))


def disclosure_of(version: Version) -> Disclosure:
    """The version's disclosure; versions never change, so each is parsed once per process."""
    return _parsed(version.sha256 or hashlib.sha256(version.content.encode()).hexdigest(), version.content,
                   version.number)


@lru_cache(maxsize=256)
def _parsed(sha256: str, content: str, number: int) -> Disclosure:
    return fileformat.parse_text(content, file=f"第{number}版")


def report_of(version: Version) -> Any:
    """The check report of a stored version (cached like the disclosure: same input, same findings)."""
    return _checked(version.sha256 or hashlib.sha256(version.content.encode()).hexdigest(), version.content,
                    version.number)


@lru_cache(maxsize=256)
def _checked(sha256: str, content: str, number: int) -> Any:
    return check(_parsed(sha256, content, number))


def _counts(report: Any) -> dict[str, int]:
    return {severity: report.counts.get(severity, 0) for severity in ("错误", "警告", "提示")}


def audit(db: Session, user: User | None, action: str, target: str = "", address: str = "", detail: str = "") -> None:
    db.add(AuditEntry(user_id=user.id if user else None, action=action, target=target[:200],
                      address=address[:64], detail=detail[:2000]))


def create_filing(db: Session, department_id: int, disclosure: Disclosure, user: User | None,
                  note: str = "创建") -> Saved:
    filing = Filing(department_id=department_id, year=disclosure.meta.year, version=1)
    db.add(filing)
    db.flush()
    return Saved(*_add_version(db, filing, 1, disclosure, user, note))


def _add_version(db: Session, filing: Filing, number: int, disclosure: Disclosure, user: User | None,
                 note: str) -> tuple[Version, Any]:
    content = content_of(disclosure)
    report = check(disclosure)
    version = Version(filing_id=filing.id, number=number, author_id=user.id if user else None, content=content,
                      sha256=hashlib.sha256(content.encode()).hexdigest(), note=note[:500], counts=_counts(report))
    db.add(version)
    db.flush()
    return version, report


def current_disclosure(db: Session, filing: Filing) -> Disclosure:
    """The disclosure of the filing's current version; the content is read only when this process has
    not parsed that version yet (the version's SHA-256 names it: versions never change)."""
    sha256 = db.scalar(select(Version.sha256).where(Version.filing_id == filing.id,
                                                    Version.number == filing.version))
    cached = _by_sha256.get(sha256) if sha256 else None
    if cached is not None:
        return cached
    disclosure = disclosure_of(current_version(db, filing))
    if sha256:
        with _by_sha256_lock:
            _by_sha256[sha256] = disclosure
            while len(_by_sha256) > 256:
                _by_sha256.pop(next(iter(_by_sha256)))
    return disclosure


_by_sha256: dict[str, Disclosure] = {}
_by_sha256_lock = threading.Lock()


def current_version(db: Session, filing: Filing) -> Version:
    return db.scalars(select(Version).where(Version.filing_id == filing.id, Version.number == filing.version)).one()


def version(db: Session, filing: Filing, number: int) -> Version | None:
    return db.scalars(select(Version).where(Version.filing_id == filing.id, Version.number == number)).first()


def save(db: Session, filing: Filing, base: int, disclosure: Disclosure, user: User, note: str = "") -> Saved:
    """Store ``disclosure`` as the next version if ``base`` is still the newest; else ``Conflict``."""
    won = db.execute(update(Filing).where(Filing.id == filing.id, Filing.version == base)
                     .values(version=Filing.version + 1, updated_at=now())
                     .execution_options(synchronize_session=False))
    if won.rowcount != 1:
        db.rollback()
        db.refresh(filing)
        raise Conflict(filing, base, current_version(db, filing))
    db.refresh(filing)
    return Saved(*_add_version(db, filing, base + 1, disclosure, user, note or "保存"))


def _flatten(data: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(data, dict):
        out: dict[str, Any] = {}
        for key, value in data.items():
            out.update(_flatten(value, f"{prefix}.{key}" if prefix else str(key)))
        return out
    if isinstance(data, list):
        out = {}
        for index, value in enumerate(data):
            name = value.get("code") if isinstance(value, dict) and "code" in value else index
            out.update(_flatten(value, f"{prefix}[{name}]"))
        return out
    return {prefix: data}


def diff(old: Version, new: Version) -> list[dict[str, Any]]:
    """Changed fields between two versions: path, before, after (rows keyed by their code)."""
    before, after = _flatten(json.loads(old.content)), _flatten(json.loads(new.content))
    return [{"path": path, "before": before.get(path), "after": after.get(path)}
            for path in sorted(before.keys() | after.keys()) if before.get(path) != after.get(path)]
