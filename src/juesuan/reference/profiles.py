"""Template profiles: how one region's 部门决算 document is laid out and worded.

A profile is data (``profiles/<id>.yaml``): part order, the nine tables with their printed titles,
the fixed 类 rows of 公开01/04, the narrative sections, wording options, empty-table statements and
the default 名词解释. Adding a region is adding a YAML file; users may add or override profiles in
``$JUESUAN_HOME/profiles/``. Text templates may use ``{unit}``, ``{year}`` and ``{prior_year}``.
"""

from __future__ import annotations

import string
from functools import lru_cache
from pathlib import Path
from typing import Iterator, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from ..model import TABLE_KEYS
from ..model.table_schema import table_schema
from ..problems import FileError
from .codefile import CodeListProblem as ProfileProblem
from .codes import user_home

_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml (C) when built: ~10× faster

PROFILE_DIR = Path(__file__).parent / "profiles"
PLACEHOLDERS = {"unit", "year", "prior_year"}
_TABLE_KEYS = tuple(key for key, _, _ in TABLE_KEYS)
_MOF_CODES = {key: code for key, code, _ in TABLE_KEYS}

__all__ = [
    "ClassRow", "GlossaryTerm", "Part", "Profile", "ProfileError", "ProfileProblem", "Section",
    "TableSpec", "Wording", "list_profiles", "renamed_headers", "user_profiles_dir",
]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


def _check_template(text: str) -> str:
    """Refuse placeholders other than {unit}/{year}/{prior_year} at load time, not at render time."""
    names = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    unknown = names - PLACEHOLDERS
    if unknown:
        raise ValueError(f"未知占位符 / unknown placeholder(s): {', '.join(sorted(unknown))}")
    return text


class Section(_Frozen):
    """A numbered heading: ``五、`` or ``（一）``. ``id`` is stable across profiles (e.g. ``operating_costs``)."""

    id: str
    number: str
    title: str
    aliases: tuple[str, ...] = ()  # other printed titles of the same heading (目录 vs body)
    sections: tuple["Section", ...] = ()

    def walk(self) -> Iterator["Section"]:
        yield self
        for child in self.sections:
            yield from child.walk()


class Part(_Frozen):
    """第一部分 … 第四部分; ``title`` may use {unit}/{year}."""

    id: Literal["overview", "narrative", "glossary", "tables"]
    number: str
    title: str
    sections: tuple[Section, ...] = ()

    _template = field_validator("title")(classmethod(lambda cls, v: _check_template(v)))


class TableSpec(_Frozen):
    """One table as this region prints it; the rest is the table schema (model/table_schema.yaml)."""

    key: str
    label: str  # as listed in the document: "一、"
    title: str  # as printed, without 《》
    headers: dict[str, str] = Field(default_factory=dict)  # field → the header this region prints
    columns: tuple[str, ...] = ()  # the amount columns in this region's printed order

    @field_validator("key")
    @classmethod
    def _known_key(cls, value: str) -> str:
        if value not in _TABLE_KEYS:
            raise ValueError(f"表键 {value} 不在 TABLE_KEYS 中 / table key not in TABLE_KEYS: {_TABLE_KEYS}")
        return value

    @model_validator(mode="after")
    def _known_columns(self) -> "TableSpec":
        fields = table_schema(self.key).fields
        if set(self.headers) - set(fields):
            raise ValueError(f"{self.key}: headers 中的栏不在表结构中 / not a column of the table schema: "
                             f"{sorted(set(self.headers) - set(fields))}; columns: {list(fields)}")
        if self.columns and sorted(self.columns) != sorted(fields):
            raise ValueError(f"{self.key}: columns 须把每一栏各列一次 / must list each column once: {list(fields)}")
        return self

    @property
    def mof_code(self) -> str:
        return _MOF_CODES[self.key]


class ClassRow(_Frozen):
    """One fixed 类 row of 公开01/04 (printed even when zero)."""

    code: str
    name: str


class Wording(_Frozen):
    """Options where templates differ; see docs/reference-data.md for each choice's source."""

    comparison_base: Literal["prior_year", "initial_budget"]  # 项-level comparison in §五(三)
    list_zero_income_items: bool  # SEED lists 0 items; SH-T "不涉及的不列"
    rate_when_prior_zero: Literal["100", "omit"]  # "增长 100%" is a local convention (SEED)
    flat_style: Literal["持平", "zero_change"]  # SH-T "如持平作持平表述"; SEED writes "增加 0 万元，增长 0%"
    grade_names: tuple[str, str, str, str]  # best → worst
    three_public_cell_order: Literal["interleaved", "budget_first"]
    general_budget_total_row: Literal["first", "last"]  # position of 合计 in 公开05
    amount_unit: Literal["万元", "元"] = "万元"


class GlossaryTerm(_Frozen):
    term: str
    definition: str


class Profile(_Frozen):
    id: str
    region: str
    years: tuple[int, ...]
    source: str  # which documents the profile was read from
    title: str
    parts: tuple[Part, ...]
    tables: tuple[TableSpec, ...]
    income_rows: tuple[str, ...]  # 公开01 income side, in order
    class_rows: tuple[ClassRow, ...]  # 公开01/04 expense side, in order
    wording: Wording
    empty_table_notes: dict[str, str] = Field(default_factory=dict)  # note under an empty table
    no_data_statements: dict[str, str] = Field(default_factory=dict)  # narrative sentence when none
    glossary: tuple[GlossaryTerm, ...] = ()
    unverified: tuple[str, ...] = ()  # dotted paths of fields not read from a document

    _template = field_validator("title")(classmethod(lambda cls, v: _check_template(v)))

    @field_validator("empty_table_notes", "no_data_statements")
    @classmethod
    def _templates(cls, value: dict[str, str]) -> dict[str, str]:
        for text in value.values():
            _check_template(text)
        return value

    @field_validator("empty_table_notes")
    @classmethod
    def _note_keys(cls, value: dict[str, str]) -> dict[str, str]:
        unknown = set(value) - set(_TABLE_KEYS)
        if unknown:
            raise ValueError(f"表键不在 TABLE_KEYS 中 / table keys not in TABLE_KEYS: {sorted(unknown)}")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> "Profile":
        keys = [t.key for t in self.tables]
        if len(set(keys)) != len(keys):
            raise ValueError("tables: 表键重复 / repeated table key")
        ids = [s.id for part in self.parts for top in part.sections for s in top.walk()]
        repeated = sorted({i for i in ids if ids.count(i) > 1})
        if repeated:
            raise ValueError(f"parts: 章节 id 重复 / repeated section ids: {repeated}")
        if len({p.id for p in self.parts}) != len(self.parts):
            raise ValueError("parts: 部分 id 重复 / repeated part id")
        return self

    @classmethod
    def load(cls, profile_id: str) -> "Profile":
        """The profile ``<id>.yaml`` (user dir first, then packaged); ``ProfileError`` when bad."""
        path = _find(profile_id)
        if path is None:
            raise ProfileError([ProfileProblem(profile_id, None, "id",
                                               f"没有该模板配置（可用：{', '.join(list_profiles())}） / "
                                               f"no such profile (available: {', '.join(list_profiles())})")])
        return _load(str(path), path.stat().st_mtime_ns)

    def part(self, part_id: str) -> Part | None:
        return next((p for p in self.parts if p.id == part_id), None)

    @property
    def narrative_sections(self) -> tuple[Section, ...]:
        """Top-level sections of the 情况说明 part, in order."""
        part = self.part("narrative")
        return part.sections if part else ()

    def section(self, section_id: str) -> Section | None:
        return next((s for part in self.parts for top in part.sections for s in top.walk()
                     if s.id == section_id), None)

    def table(self, key: str) -> TableSpec | None:
        return next((t for t in self.tables if t.key == key), None)

    def fill(self, text: str, unit: str, year: int) -> str:
        """Fill a template of this profile: ``{unit}``, ``{year}``, ``{prior_year}``."""
        return text.format(unit=unit, year=year, prior_year=year - 1)


class ProfileError(FileError):
    """Raised with every located problem of a profile file."""


def user_profiles_dir() -> Path:
    return user_home() / "profiles"


def _find(profile_id: str) -> Path | None:
    for directory in (user_profiles_dir(), PROFILE_DIR):
        path = directory / f"{profile_id}.yaml"
        if path.is_file():
            return path
    return None


def list_profiles() -> list[str]:
    """Ids of every packaged and user profile, sorted."""
    found = {p.stem for d in (PROFILE_DIR, user_profiles_dir()) if d.is_dir() for p in d.glob("*.yaml")}
    return sorted(found)


def _lines(node: yaml.Node, path: tuple = (), out: dict | None = None) -> dict[tuple, int]:
    """Line (1-based) of every mapping key / sequence item, by its path."""
    out = {} if out is None else out
    out[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            out[path + (key.value,)] = key.start_mark.line + 1
            _lines(value, path + (key.value,), out)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _lines(item, path + (index,), out)
    return out


@lru_cache(maxsize=16)
def _load(path: str, mtime_ns: int) -> Profile:
    text = Path(path).read_text(encoding="utf-8")
    try:
        node = yaml.compose(text)
        data = yaml.load(text, Loader=_YAML_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ProfileError([ProfileProblem(path, mark.line + 1 if mark else None, "yaml",
                                           f"YAML 语法错误 / YAML syntax error: {getattr(exc, 'problem', exc)}")]) from None
    if not isinstance(data, dict):
        raise ProfileError([ProfileProblem(path, 1, "profile", "应为映射 / expected a mapping")])
    try:
        profile = Profile.model_validate(data)
    except ValidationError as exc:
        lines = _lines(node) if node is not None else {}
        problems = []
        for error in exc.errors():
            location = tuple(error["loc"])
            while location and location not in lines:
                location = location[:-1]
            field = ".".join(str(part) for part in error["loc"]) or "profile"
            problems.append(ProfileProblem(path, lines.get(location), field, error["msg"]))
        raise ProfileError(problems) from None
    if profile.id != Path(path).stem:
        raise ProfileError([ProfileProblem(path, _lines(node).get(("id",)), "id",
                                           f"id“{profile.id}”应与文件名一致 / id must equal the file name")])
    return profile


def renamed_headers() -> dict[str, dict[str, tuple[str, ...]]]:
    """Table key → field → the headers known profiles (packaged and user) print instead of the schema's.

    The document readers add them to their keywords for every profile, not only the detected one:
    ``ingest/detect.py`` tells only the packaged regions apart, a user's own profile never is.
    A profile that does not load is left out (reading must not fail on an unrelated file)."""
    found = ((d / f"{i}.yaml") for i in list_profiles() for d in (user_profiles_dir(), PROFILE_DIR))
    files = tuple(dict.fromkeys(p for p in found if p.is_file() and _find(p.stem) == p))
    return _renamed(tuple((str(p), p.stat().st_mtime_ns) for p in files))


@lru_cache(maxsize=4)
def _renamed(files: tuple[tuple[str, int], ...]) -> dict[str, dict[str, tuple[str, ...]]]:
    renamed: dict[str, dict[str, tuple[str, ...]]] = {}
    for path, mtime_ns in files:
        try:
            profile = _load(path, mtime_ns)
        except ProfileError:
            continue
        for table in profile.tables:
            for field, text in table.headers.items():
                words = renamed.setdefault(table.key, {}).setdefault(field, ())
                if text not in words:
                    renamed[table.key][field] = (*words, text)
    return renamed
