"""The gate translation (``narrative.gate``) against Jinja itself, on small templates that use the
constructs the profile templates use and a few they do not yet (loop scoping, ``for … else``,
filtered loops, ``elif``, imported macros, dict attributes). Jinja's render is the oracle: a
gate says yes exactly when the render prints ``【请补充``; syntax it does not model, or an
undefined name, makes it say yes always."""

from __future__ import annotations

import pytest
from jinja2 import DictLoader, Environment, StrictUndefined

from juesuan.narrative.compose import _environment
from juesuan.narrative.gate import _always, compile_gates
from juesuan.narrative.wording import PLACEHOLDER_MARK, PLACEHOLDER_TEXT

GAP = PLACEHOLDER_TEXT
TEMPLATES = {
    "_m.j2": "{% macro say(t) %}{% if t %}{{ t }}{% else %}{{ PLACEHOLDER_TEXT }}{% endif %}{% endmacro %}\n"
             "{% macro twice(t) %}{{ say(t) }}{{ say(t) }}{% endmacro %}",
    "loop_scope.j2": "{% set x = p %}{% for i in items %}{% set x = 'ok' %}{{ x }}{% endfor %}{{ x }}",
    "if_set.j2": "{% if flag %}{% set x = p %}{% else %}{% set x = 'a' %}{% endif %}{{ x }}",
    "for_else.j2": "{% for i in items %}{{ i }}{% else %}【请补充内容】{% endfor %}",
    "for_test.j2": "{% for i in items if i %}{{ p if loop.last else '' }}{% endfor %}",
    "unpack.j2": "{% for a, b in pairs %}{{ b if loop.first else a }}{% endfor %}",
    "macros.j2": "{% import '_m.j2' as m with context %}{{ m.twice(p) }}",
    "filters.j2": "{{ text | or_placeholder | paragraphs }}{{ (items | join('、')) or PLACEHOLDER_TEXT }}",
    "elif.j2": "{% if n > 2 %}a{% elif n == 2 %}【请补充数据】{% else %}{{ 'b' ~ p }}{% endif %}",
    "attributes.j2": "{{ d.key if d.key is not none else 'x' }}{{ d.get('other', '') }}",
    "include.j2": "{% include '_m.j2' %}",
    "undefined.j2": "{{ nobody }}",
}
CONTEXTS = [
    {"items": [], "flag": False, "p": "a", "pairs": [], "text": "t", "n": 1, "d": {"key": None}},
    {"items": [GAP], "flag": True, "p": GAP, "pairs": [("a", GAP)], "text": "", "n": 2, "d": {"key": GAP}},
    {"items": ["a", ""], "flag": True, "p": "b", "pairs": [(GAP, "b"), ("a", "b")], "text": None, "n": 3,
     "d": {"key": "k", "other": GAP}},
    {"items": ["", GAP], "flag": False, "p": GAP, "pairs": [("a", "b"), (GAP, "b")], "text": "x\ny", "n": 2,
     "d": {"key": None, "other": "o"}},
]


@pytest.fixture(scope="module")
def compiled():
    profile_env = _environment("xinjiang-2022")
    env = Environment(loader=DictLoader(TEMPLATES), undefined=StrictUndefined, autoescape=False,
                      trim_blocks=True, lstrip_blocks=True)
    env.filters.update({k: profile_env.filters[k] for k in ("paragraphs", "or_placeholder", "clause")})
    names = sorted(n for n in TEMPLATES if not n.startswith("_"))
    gates, _ = compile_gates(env, names)
    return env, gates


@pytest.mark.parametrize("name", sorted(n for n in TEMPLATES if not n.startswith("_") and n not in (
    "include.j2", "undefined.j2")))
def test_gate_says_what_the_render_prints(name, compiled) -> None:
    env, gates = compiled
    assert gates[name] is not _always
    answers = []
    for context in CONTEXTS:
        variables = {**env.globals, "PLACEHOLDER_TEXT": PLACEHOLDER_TEXT, **context}
        printed = PLACEHOLDER_MARK in env.get_template(name).render(variables)
        assert gates[name](variables) == printed, (name, context)
        answers.append(printed)
    assert True in answers  # the contexts do exercise a placeholder in every template


def test_what_the_gates_do_not_follow_is_always_rendered(compiled) -> None:
    env, gates = compiled
    assert gates["include.j2"] is _always
    assert gates["undefined.j2"]({**env.globals}) is True
