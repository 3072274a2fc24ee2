"""One located-problem record for every kind of bad input (a leaf module: imports nothing of juesuan).

Disclosure files, code lists, profiles, filled 自评表 forms and published documents all
report problems the same way: where (file plus line, page or sheet/cell), which field,
and a message in Chinese / English. ``str()`` gives the compiler-style line.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class FileProblem(BaseModel):
    """``file:line: field: 中文 / English`` (or ``file:第N页``, ``file [sheet]!B7``)."""

    model_config = ConfigDict(frozen=True)

    file: str
    line: int | None = None
    field: str | None = None
    message: str = ""
    page: int | None = None
    sheet: str | None = None
    cell: str | None = None

    def __init__(self, file: str, line: int | None = None, field: str | None = None, message: str = "", **rest):
        # Positional form ``FileProblem(file, line, field, message)`` reads like the printed line.
        super().__init__(file=file, line=line, field=field, message=message, **rest)

    @property
    def where(self) -> str:
        text = self.file
        if self.sheet:
            text += f" [{self.sheet}]" + (f"!{self.cell}" if self.cell else "")
        if self.page:
            text += f":第{self.page}页"
        if self.line:
            text += f":{self.line}"
        return text

    def __str__(self) -> str:
        return f"{self.where}: {self.field + ': ' if self.field else ''}{self.message}"


class FileError(Exception):
    """Raised with every problem found in one input; ``str()`` lists them one per line."""

    def __init__(self, problems: list[FileProblem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
