"""Where a value came from: printed in a document (and where), or inferred."""

from __future__ import annotations

from typing import Literal

from .base import Frozen


class Source(Frozen):
    """Provenance of one value, keyed in ``Disclosure.provenance`` by its item path.

    ``kind``: ``printed`` (the document states it; ``ref`` says where, e.g.
    ``第二部分五(三)3``), ``inferred`` (filled so the identities hold; ``ref`` says how),
    ``parsed`` (read by a reader; ``file``/``page``/``line``/``bbox`` say where), or
    ``unread`` (a reader saw the row but could not place this value: what the model holds
    there is unknown, not a printed zero; 审核 sets aside comparisons that use it).
    """

    kind: Literal["printed", "inferred", "parsed", "unread"]
    ref: str | None = None
    file: str | None = None
    page: int | None = None
    line: int | None = None
    bbox: tuple[float, float, float, float] | None = None  # noqa: money-float-ok (PDF points)


class ReadingNote(Frozen):
    """What a reader could not do with a published document, where: kept with the disclosure so
    that 审核 reports it in the same stream as its findings (rules D-…).

    ``kind``: ``pages`` (pages not read: pictures, scans without OCR), ``table`` (a table
    treated as unread as a whole), ``cells`` (amounts or rows not placed), ``meta`` (department,
    year, profile), ``other``.
    """

    kind: Literal["pages", "table", "cells", "meta", "other"]
    message: str
    file: str | None = None
    page: int | None = None
    line: int | None = None
    table: str | None = None
