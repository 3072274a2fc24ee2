"""Compose the 部门决算公开说明: figures → claims → text, in a profile's wording and order.

The layout of a profile (section order, titles, which template writes each section, which
table follows it) is data: ``templates/<profile>/document.yaml``. The wording is data too:
one Jinja2 template per section. A template's output is split into paragraphs at blank
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
from . import context
from .document import Document, Paragraph, Section
from .figureview import FigureView, Recorder
from .performance import performance_view
from .wording import PLACEHOLDER_MARK, PLACEHOLDER_TEXT, PLACEHOLDER_VALUE, Wording, clean_reason

TEMPLATES = Path(__file__).parent / "templates"
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


@dataclass(frozen=True)
class Layout:
    """``document.yaml`` of one profile."""

    profile: str
    title: str
    subtitle: str | None
    options: dict[str, Any]
    sections: tuple[dict[str, Any], ...]


def available_profiles() -> list[str]:
    """Profiles that have narrative templates."""
    return sorted(p.parent.name for p in TEMPLATES.glob("*/document.yaml"))


@lru_cache(maxsize=8)
def load_layout(profile: str) -> Layout:
    path = TEMPLATES / profile / "document.yaml"
    if not path.is_file():
        raise ValueError(f"没有该模板的说明文字模板 / no narrative templates for profile {profile!r} "
                         f"(available: {', '.join(available_profiles())})")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return Layout(profile, data["title"], data.get("subtitle"), data.get("options") or {},
                  tuple(data["sections"]))


@lru_cache(maxsize=8)
def _environment(profile: str) -> Environment:
    env = Environment(
        loader=FileSystemLoader([str(TEMPLATES / profile), str(TEMPLATES / "common")]),
        undefined=StrictUndefined, autoescape=False, trim_blocks=True, lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters["paragraphs"] = lambda text: "\n\n".join(
        line.strip() for line in (text or "").splitlines() if line.strip())
    env.filters["or_placeholder"] = lambda text: text if text else PLACEHOLDER_TEXT
    env.filters["clause"] = lambda text: clean_reason(text) if text else PLACEHOLDER_TEXT
    return env


def _profile_object(profile_id: str) -> Any:
    """The shared ``Profile`` when the reference module knows this profile, else None."""
    try:
        from ..reference.profiles import Profile
        return Profile.load(profile_id)
    except Exception:  # noqa: BLE001 - the shared profile is optional for wording
        return None


def _profile_id(d: Disclosure, profile: Any) -> str:
    if profile is None:
        return d.meta.profile
    return profile if isinstance(profile, str) else profile.id


def compose(disclosure: Disclosure, profile: Any = None) -> Document:
    """The whole document of ``disclosure`` in the wording and order of ``profile``
    (a profile id, a ``Profile``, or ``None`` for ``disclosure.meta.profile``)."""
    profile_id = _profile_id(disclosure, profile)
    layout = load_layout(profile_id)
    profile_obj = profile if profile is not None and not isinstance(profile, str) else _profile_object(profile_id)
    wording = Wording.from_options(profile_id, layout.options, getattr(profile_obj, "wording", None))
    env = _environment(profile_id)
    recorder = Recorder()
    figures = FigureView(disclosure, wording, recorder)
    base = _context(disclosure, wording, figures)
    base["glossary"] = disclosure.glossary or tuple(getattr(profile_obj, "glossary", ()) or ())
    sections: list[Section] = []
    for spec in layout.sections:
        sections.extend(_sections(spec, env, base, recorder))
    title = env.from_string(layout.title).render(base)
    subtitle = env.from_string(layout.subtitle).render(base) if layout.subtitle else None
    return Document(title=title, subtitle=subtitle, sections=tuple(sections))


def _context(d: Disclosure, wording: Wording, figures: FigureView) -> dict[str, Any]:
    meta = d.meta
    return {
        "d": d, "meta": meta, "f": figures, "w": wording, "year": meta.year,
        "prior_year": meta.year - 1, "dept": meta.department, "unit": meta.unit,
        "c": context, "perf": performance_view(d, figures),
        "PLACEHOLDER_TEXT": PLACEHOLDER_TEXT, "PLACEHOLDER_VALUE": PLACEHOLDER_VALUE,
    }


def _sections(spec: dict[str, Any], env: Environment, base: dict[str, Any],
              recorder: Recorder) -> list[Section]:
    when = spec.get("when")
    if when and not env.compile_expression(when)(**base):
        return []
    if spec.get("repeat") == "performance":
        return [
            _section(spec, env, {**base, "n": n, "project": project}, recorder,
                     suffix=f".{n}", table=f"performance:{n}")
            for n, project in enumerate(base["d"].performance.projects)
        ]
    return [_section(spec, env, base, recorder, table=spec.get("table"))]


def _section(spec: dict[str, Any], env: Environment, ctx: dict[str, Any], recorder: Recorder,
             suffix: str = "", table: str | None = None) -> Section:
    ref = env.from_string(spec.get("ref", "")).render(ctx) or None
    paragraphs: tuple[Paragraph, ...] = ()
    if spec.get("template"):
        text = env.get_template(spec["template"]).render(ctx)
        paragraphs = tuple(_paragraphs(text, recorder, ref or spec["id"]))
    return Section(id=spec["id"] + suffix, title=env.from_string(spec["title"]).render(ctx),
                   level=int(spec["level"]), paragraphs=paragraphs, table=table)


def _paragraphs(text: str, recorder: Recorder, ref: str) -> list[Paragraph]:
    result = []
    for block in _BLANK_LINE.split(text):
        joined = "".join(line.strip() for line in block.splitlines())
        if not joined:
            continue
        plain, claims = recorder.take(joined)
        result.append(Paragraph(
            text=plain, claims=tuple(_located(claim, ref, plain, at) for claim, at in claims),
            placeholder=PLACEHOLDER_MARK in plain,
        ))
    return result


def _located(claim: Claim, ref: str, paragraph: str, at: int) -> Claim:
    """The claim with its section reference and the sentence (up to 。) that prints it."""
    start = paragraph.rfind("。", 0, at) + 1
    end = paragraph.find("。", at)
    sentence = paragraph[start:] if end < 0 else paragraph[start:end + 1]
    return claim.model_copy(update={"section": ref, "sentence": sentence})
