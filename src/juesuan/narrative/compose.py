"""Compose the 部门决算公开说明: figures → claims → text, in a profile's wording and order.

Section order, numbers and titles come from the shared profile
(``juesuan.reference.profiles``); ``templates/<profile>/document.yaml`` adds the document
title, table titles and wording options. The wording is data too: one Jinja2 template per
section, named ``<section id>.j2``. A template's output is split into paragraphs at blank
lines; the lines of one paragraph are joined without spaces (Chinese text), so templates
may wrap freely. Each printed figure carries an invisible mark that becomes the
paragraph's ``claims``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from ..model import Claim, Disclosure
from ..reference.profiles import Profile
from . import context
from .document import Document, Paragraph, Section
from .figureview import MARK, FigureView, Recorder
from .performance import performance_view
from .templating import bytecode_cache
from .wording import PLACEHOLDER_MARK, PLACEHOLDER_TEXT, PLACEHOLDER_VALUE, Wording, clean_reason

_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml (C) when built: ~10× faster

TEMPLATES = Path(__file__).parent / "templates"
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_LIST_ENTRY = re.compile(r"^(\d+)[.、]")


@dataclass(frozen=True)
class Layout:
    """``templates/<profile>/document.yaml``: title, table and form titles, wording options."""

    profile: str
    title: str
    subtitle: str | None
    table_title: str
    performance_form_title: str
    options: dict[str, Any]


def available_profiles() -> list[str]:
    """Profiles that have narrative templates."""
    return sorted(p.parent.name for p in TEMPLATES.glob("*/document.yaml"))


@lru_cache(maxsize=8)
def load_layout(profile: str) -> Layout:
    path = TEMPLATES / profile / "document.yaml"
    if not path.is_file():
        raise ValueError(f"没有该模板的说明文字模板 / no narrative templates for profile {profile!r} "
                         f"(available: {', '.join(available_profiles())})")
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER)
    return Layout(profile, data["title"], data.get("subtitle"),
                  data.get("table_title", "{{ label }}{{ title }}"),
                  data.get("performance_form_title", "项目支出绩效自评表"), data.get("options") or {})


@lru_cache(maxsize=8)
def _environment(profile: str) -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES / profile)),
        undefined=StrictUndefined, autoescape=False, trim_blocks=True, lstrip_blocks=True,
        keep_trailing_newline=False, bytecode_cache=bytecode_cache(),
        auto_reload=False,  # installed templates do not change under a running process: no stat per render
    )
    env.filters["paragraphs"] = lambda text: "\n\n".join(
        line.strip() for line in (text or "").splitlines() if line.strip())
    env.filters["or_placeholder"] = lambda text: text if text else PLACEHOLDER_TEXT
    env.filters["clause"] = lambda text: clean_reason(text) if text else PLACEHOLDER_TEXT
    return env


@lru_cache(maxsize=8)
def _template_names(profile: str) -> frozenset[str]:
    return frozenset(path.name for path in (TEMPLATES / profile).glob("*.j2"))


@lru_cache(maxsize=256)
def _from_string(profile: str, source: str):
    """A title template compiled once (``Environment.from_string`` compiles on every call)."""
    return _environment(profile).from_string(source)


def _profile_id(d: Disclosure, profile: Any) -> str:
    if profile is None:
        return d.meta.profile
    return profile if isinstance(profile, str) else profile.id


def _setting(disclosure: Disclosure, profile: Any) -> tuple[str, Layout, Profile, Wording, Environment]:
    """(profile id, layout, profile, wording, Jinja environment) a composition of ``disclosure`` uses."""
    profile_id = _profile_id(disclosure, profile)
    layout = load_layout(profile_id)
    shared = profile if profile is not None and not isinstance(profile, str) else Profile.load(profile_id)
    return profile_id, layout, shared, Wording.from_options(profile_id, layout.options, shared.wording), \
        _environment(profile_id)


def compose(disclosure: Disclosure, profile: Any = None, *, placeholders_only: bool = False) -> Document:
    """The whole document of ``disclosure`` in the wording and order of ``profile``
    (a profile id, a ``juesuan.reference.profiles.Profile``, or ``None`` for
    ``disclosure.meta.profile``). ``placeholders_only=True`` gives the document as 审核's search
    for 【请补充…】 (I-001) needs it: the same sections, paragraphs and text, but claims only on
    the paragraphs that hold a placeholder, as derived (without their printed text, section and
    sentence) — no model copy per claim, no claim list for the other paragraphs."""
    profile_id, layout, shared, wording, env = _setting(disclosure, profile)
    recorder = Recorder()
    figures = FigureView(disclosure, wording, recorder)
    base = _context(disclosure, wording, figures, shared, layout.options.get("scoring_policy"))
    builder = _Builder(env, base, recorder, layout, shared, not placeholders_only, {**env.globals, **base})
    sections: list[Section] = []
    for part in shared.parts:
        sections.extend(builder.part(part))
    title = _from_string(profile_id, layout.title).render(base)
    subtitle = _from_string(profile_id, layout.subtitle).render(base) if layout.subtitle else None
    return Document(title=title, subtitle=subtitle, sections=tuple(sections))


def _context(d: Disclosure, wording: Wording, figures: FigureView, shared: Profile,
             policy: str | None = None) -> dict[str, Any]:
    meta = d.meta
    unit_name = meta.department
    return {
        "d": d, "meta": meta, "f": figures, "w": wording, "year": meta.year,
        "prior_year": meta.year - 1, "dept": unit_name, "unit": meta.unit,
        "c": context, "perf": performance_view(d, figures, policy),
        "glossary": d.glossary or shared.glossary,
        "grades": shared.wording.grade_names,
        "no_data": {key: shared.fill(text, unit_name, meta.year)
                    for key, text in shared.no_data_statements.items()},
        "PLACEHOLDER_TEXT": PLACEHOLDER_TEXT, "PLACEHOLDER_VALUE": PLACEHOLDER_VALUE,
    }


@dataclass
class _Builder:
    """Walks the profile's parts and sections, rendering the template of each."""

    env: Environment
    base: dict[str, Any]
    recorder: Recorder
    layout: Layout
    shared: Profile
    locate: bool = True
    variables: dict[str, Any] | None = None
    """``base`` over the environment's globals, merged once: each section's context reads it as is."""

    def fill(self, text: str) -> str:
        return self.shared.fill(text, self.base["dept"], self.base["year"])

    def part(self, part: Any) -> list[Section]:
        result = [self.section(part.id, f"{part.number} {self.fill(part.title)}", 1, part.number)]
        if part.id == "tables":
            for spec in self.shared.tables:
                title = _from_string(self.layout.profile, self.layout.table_title).render(label=spec.label,
                                                                                          title=spec.title)
                result.append(Section(id=f"tables.{spec.key}", title=title, level=2, table=spec.key))
        for top in part.sections:
            result.extend(self.walk(top, 2, part.number))
        return result

    def walk(self, spec: Any, level: int, ref: str) -> list[Section]:
        ref = ref + spec.number.rstrip("、").replace("（", "(").replace("）", ")")
        result = [self.section(spec.id, f"{spec.number}{self.fill(spec.title)}", level, ref)]
        for child in spec.sections:
            result.extend(self.walk(child, level + 1, ref))
        if spec.id == "performance":
            result.extend(self.forms(level + 1))
        return result

    def forms(self, level: int) -> list[Section]:
        """One section per 项目支出绩效自评表, drawing the form as table ``performance:<n>``."""
        template = _from_string(self.layout.profile, self.layout.performance_form_title)
        return [
            Section(id=f"performance.form.{n}", title=template.render({**self.base, "project": project}),
                    level=level, table=f"performance:{n}")
            for n, project in enumerate(self.base["d"].performance.projects)
        ]

    def section(self, section_id: str, title: str, level: int, ref: str) -> Section:
        paragraphs: tuple[Paragraph, ...] = ()
        name = f"{section_id}.j2"
        if name in _template_names(self.layout.profile):
            template = self.env.get_template(name)
            text = _render(self.env, template, self.variables) if self.variables is not None else \
                template.render(self.base)
            paragraphs = tuple(_paragraphs(text, self.recorder, ref, self.locate))
        return Section(id=section_id, title=title, level=level, paragraphs=paragraphs)


def _render(env: Environment, template: Any, variables: dict[str, Any]) -> str:
    """``template.render(base)`` without building a new dict of the globals and variables for
    each of the ~40 sections: the context reads ``variables`` (globals merged in once per
    compose) as its parent, as a Jinja shared context does. Templates write only to their own
    context's ``vars``; tracebacks are rewritten as ``render`` does."""
    context = template.new_context(variables, shared=True)
    try:
        return env.concat(template.root_render_func(context))
    except Exception:
        env.handle_exception()
        raise  # handle_exception always raises; this keeps the type checker informed


def _paragraphs(text: str, recorder: Recorder, ref: str, locate: bool = True) -> list[Paragraph]:
    result = []
    for block in _BLANK_LINE.split(text):
        joined = "".join(line.strip() for line in block.splitlines())
        if not joined:
            continue
        if not locate and PLACEHOLDER_MARK not in joined:  # a mark never splits a placeholder
            result.append(Paragraph(text=MARK.sub("", joined), claims=(), placeholder=False))
            continue
        plain, claims = recorder.take(joined)
        entry = _LIST_ENTRY.match(plain)
        ref_here = ref + entry.group(1) if entry else ref  # 第二部分五(三)3: the 3rd entry
        result.append(Paragraph(
            text=plain, claims=tuple(_located(claim, text, ref_here, plain, at) for claim, text, at in claims)
            if locate else tuple(claim for claim, _, _ in claims),
            placeholder=PLACEHOLDER_MARK in plain,
        ))
    return result


def _located(claim: Claim, text: str | None, ref: str, paragraph: str, at: int) -> Claim:
    """The claim with its printed text, section reference and the sentence (up to 。) that prints it."""
    start = paragraph.rfind("。", 0, at) + 1
    end = paragraph.find("。", at)
    sentence = paragraph[start:] if end < 0 else paragraph[start:end + 1]
    return claim.model_copy(update={"text": text, "section": ref, "sentence": sentence})
