"""Uploaded files → one disclosure, through the CLI's own readers (workbook import, file format, ingest)."""

from __future__ import annotations

from pathlib import Path

from fastapi import HTTPException

from .. import fileformat
from ..ingest import DOCUMENT_SUFFIXES
from ..model import Disclosure

WORKBOOK = (".xlsx",)
FILE_FORMAT = (".yaml", ".yml", ".json")
DOCUMENT = tuple(s for s in DOCUMENT_SUFFIXES if s not in WORKBOOK)


def read_uploads(paths: list[Path], department: str, profile: str) -> tuple[Disclosure, list[str]]:
    """The disclosure the files describe, named for ``department``; notes say what was not read."""
    suffixes = {p.suffix.lower() for p in paths}
    notes: list[str] = []
    if suffixes <= set(WORKBOOK):
        from ..workbook.importer import import_workbooks

        result = import_workbooks(paths)
        notes += [str(p) for p in result.unreadable + result.problems][:20]
        notes += [f"尚缺：{m}" for m in result.missing][:20]
        disclosure = result.disclosure
        if disclosure is None:
            raise HTTPException(422, ["工作簿未能读出决算公开 / the workbook gave no disclosure", *notes])
    elif len(paths) == 1 and suffixes <= set(FILE_FORMAT):
        try:
            disclosure = fileformat.load(paths[0])
        except fileformat.DisclosureFileError as exc:
            raise HTTPException(422, [str(p) for p in exc.problems]) from None
    elif len(paths) == 1 and suffixes <= set(DOCUMENT + WORKBOOK):
        from ..ingest import read

        disclosure, report = read(paths[0])
        notes += [str(p) for p in report.problems][:20]
        if disclosure is None:
            raise HTTPException(422, ["未能从文件读出决算公开 / nothing readable", *notes])
    else:
        raise HTTPException(415, "请上传填报工作簿（XLSX，可多个）、一个 YAML/JSON 文件或一个已公开文件（PDF/DOCX/TXT）")
    if disclosure.meta.department != department:
        notes.append(f"文件中的部门“{disclosure.meta.department}”已改为本部门“{department}”")
    meta = disclosure.meta.model_copy(update={"department": department})
    return disclosure.model_copy(update={"meta": meta}), notes
