"""The disclosure file: lossless round trip and located messages for bad input."""

import json
import time
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from juesuan import fileformat
from juesuan.fileformat import DisclosureFileError

MINIMAL = """\
meta:
  department: 乌鲁木齐市工业和信息化局
  year: 2022
tables:
  general_budget:
    total: {code: 合计, total: 15147.13, basic: 1959.32, project: 13187.81}
    rows:
      - {code: 201, name: 一般公共服务支出, total: 6.8, project: 6.8}
      - {code: 2010308, name: 信访事务, total: 5, project: 5}
comparisons:
  general_budget.2010308.total: {prior_year: 0, reason: 本年度增加信访人员补助支出。}
"""


def problems_of(text: str) -> list[tuple[int | None, str]]:
    with pytest.raises(DisclosureFileError) as caught:
        fileformat.parse_text(text, "示例.yaml")
    return [(p.line, p.field) for p in caught.value.problems]


def test_parse_text__numbers_are_decimal_not_float():
    d = fileformat.parse_text(MINIMAL)
    row = d.tables.general_budget.rows[0]
    assert isinstance(row.total, Decimal) and row.total == Decimal("6.80")
    assert d.comparisons["general_budget.2010308.total"].prior_year == Decimal("0.00")


def test_dumps_yaml__round_trip_is_lossless():
    d = fileformat.parse_text(MINIMAL)
    assert fileformat.parse_text(fileformat.dumps_yaml(d)) == d


def test_dumps_json__round_trip_is_lossless():
    d = fileformat.parse_text(MINIMAL)
    assert fileformat.parse_text(fileformat.dumps_json(d)) == d


def test_parse_text__wrong_type_names_line_and_field():
    text = MINIMAL.replace("year: 2022", "year: 二〇二二")
    assert problems_of(text) == [(3, "meta.year")]


def test_parse_text__unknown_field_names_line_and_field():
    text = MINIMAL.replace("project: 5}", "project: 5, projekt: 5}")
    assert problems_of(text) == [(9, "tables.general_budget.rows.1.projekt")]


def test_parse_text__bad_code_names_line_and_field():
    text = MINIMAL.replace("code: 2010308", "code: 20103O8")
    assert problems_of(text) == [(9, "tables.general_budget.rows.1.code")]


def test_parse_text__float_like_garbage_amount_is_located():
    text = MINIMAL.replace("total: 6.8", "total: 6.8万")
    assert problems_of(text) == [(8, "tables.general_budget.rows.0.total")]


def test_parse_text__broken_yaml_names_line():
    text = MINIMAL.replace("    rows:\n", "    rows: [\n", 1)
    [(line, field)] = problems_of(text)
    assert field == "(语法 / syntax)" and line is not None and line >= 7


def test_parse_text__missing_required_field():
    assert problems_of("meta: {year: 2022}\n") == [(1, "meta.department")]


def test_parse_text__message_is_bilingual():
    with pytest.raises(DisclosureFileError) as caught:
        fileformat.parse_text(MINIMAL.replace("year: 2022", "year: x"), "示例.yaml")
    message = str(caught.value)
    assert "示例.yaml:3" in message and "应为整数" in message and "expected an integer" in message


def test_load__missing_file_is_a_located_error(tmp_path):
    with pytest.raises(DisclosureFileError) as caught:
        fileformat.load(tmp_path / "无.yaml")
    assert "file not found" in str(caught.value)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_parse_text__arbitrary_text_never_raises_anything_else(text):
    try:
        fileformat.parse_text(text, "fuzz.yaml")
    except DisclosureFileError as exc:
        assert exc.problems and all(p.file == "fuzz.yaml" for p in exc.problems)


@settings(max_examples=100, deadline=None)
@given(st.decimals(min_value=-10**9, max_value=10**9, places=2, allow_nan=False))
def test_dumps_yaml__any_amount_round_trips(amount):
    d = fileformat.parse_text(MINIMAL)
    row = d.tables.general_budget.rows[0].model_copy(update={"total": amount})
    gb = d.tables.general_budget.model_copy(update={"rows": (row,)})
    d = d.model_copy(update={"tables": d.tables.model_copy(update={"general_budget": gb})})
    assert fileformat.parse_text(fileformat.dumps_yaml(d)).tables.general_budget.rows[0].total == amount


# Hostile input (issue 12): each failure the campaign found, on mutations of MINIMAL and the examples.
URUMQI = Path(__file__).parent.parent / "examples" / "urumqi-iit-2022.yaml"


def test_parse_text__integer_of_5000_digits_is_located_not_value_error():
    [(line, field)] = problems_of(MINIMAL.replace("year: 2022", "year: " + "9" * 5000))
    assert (line, field) == (3, "(数字 / number)")


def test_parse_text__self_referencing_alias_is_refused_not_recursion_error():
    text = MINIMAL.replace("meta:\n", "meta: &m\n  title: *m\n", 1)
    assert problems_of(text) == [(1, "(别名 / alias)")]


def test_parse_text__billion_laughs_is_refused_fast():
    bomb = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for name, below in zip("bcdefghi", "abcdefgh"):
        bomb += f"{name}: &{name} [{', '.join(['*' + below] * 9)}]\n"
    started = time.process_time()
    with pytest.raises(DisclosureFileError) as caught:
        fileformat.parse_text(bomb + MINIMAL, "lol.yaml")
    assert time.process_time() - started < 5
    assert "JUESUAN_LIMIT_YAML_NODES" in str(caught.value)


def test_parse_text__alias_uses_are_capped(monkeypatch):
    monkeypatch.setenv("JUESUAN_LIMIT_YAML_ALIASES", "2")
    text = MINIMAL.replace("department: 乌鲁木齐市工业和信息化局", "department: &d 乌鲁木齐市工业和信息化局\n  title: *d\n  region: *d\n  scope: *d")
    assert "JUESUAN_LIMIT_YAML_ALIASES" in str(pytest.raises(DisclosureFileError, fileformat.parse_text, text).value)


@pytest.mark.parametrize("text", [
    MINIMAL.replace("  year: 2022\n", "  year: 2022\n  department: 另一个局\n"),
    json.dumps({"meta": {"department": "甲", "year": 2022}}, ensure_ascii=False, indent=1).replace(
        '"year": 2022', '"year": 2022,\n  "department": "乙"'),
])
def test_parse_text__duplicate_key_names_both_lines(text):
    with pytest.raises(DisclosureFileError) as caught:
        fileformat.parse_text(text, "d.yaml")
    [problem] = caught.value.problems
    first = next(i for i, line in enumerate(text.splitlines(), 1) if "department" in line)
    second = next(i for i, line in enumerate(text.splitlines(), 1) if "department" in line and i > first)
    assert problem.line == second and f"lines {first} and {second}" in problem.message


@pytest.mark.parametrize("value", ["1.5e999999999", '"1.5e999999999"', "1e-999999999", "1e50"])
def test_load__indicator_weight_out_of_range_is_refused_fast(tmp_path, value):
    text = URUMQI.read_text(encoding="utf-8")
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "weight: 5," in row)
    path = tmp_path / "w.yaml"
    path.write_text(text.replace("weight: 5,", f"weight: {value},", 1), encoding="utf-8")
    started = time.process_time()
    with pytest.raises(DisclosureFileError) as caught:
        fileformat.load(path)
    assert time.process_time() - started < 5
    assert [(p.line, p.field) for p in caught.value.problems] == [(line, "(数字 / number)")]


def test_parse_text__performance_score_of_10_to_50_is_refused():
    text = URUMQI.read_text(encoding="utf-8").replace("execution_score: 10.00", "execution_score: 1e50", 1)
    assert "10^15" in str(pytest.raises(DisclosureFileError, fileformat.parse_text, text).value)


@pytest.mark.parametrize("profile", ["../../../etc/passwd", "xinjiang-2099"])
def test_parse_text__unknown_profile_lists_the_known_ones(profile):
    text = MINIMAL.replace("  year: 2022\n", f"  year: 2022\n  profile: {profile!r}\n")
    with pytest.raises(DisclosureFileError) as caught:
        fileformat.parse_text(text, "p.yaml")
    [problem] = caught.value.problems
    assert (problem.line, problem.field) == (4, "meta.profile") and "xinjiang-2022" in problem.message


def test_parse_text__unknown_schema_version_lists_the_known_ones():
    [problem] = pytest.raises(DisclosureFileError, fileformat.parse_text, 'schema_version: "7"\n' + MINIMAL).value.problems
    assert (problem.line, problem.field) == (1, "schema_version") and "known: 1" in problem.message


def test_parse_text__300000_keys_are_refused_fast():
    text = MINIMAL + "".join(f"k{i}: 1\n" for i in range(300_000))
    started = time.process_time()
    with pytest.raises(DisclosureFileError) as caught:
        fileformat.parse_text(text, "k.yaml")
    assert time.process_time() - started < 15
    assert "JUESUAN_LIMIT_YAML_NODES" in str(caught.value)


def test_parse_text__many_problems_are_listed_up_to_a_hundred():
    text = MINIMAL + "".join(f"k{i}: 1\n" for i in range(3_000))
    problems = pytest.raises(DisclosureFileError, fileformat.parse_text, text).value.problems
    assert len(problems) == 101 and problems[0].field == "k0" and "2900 more problems" in problems[-1].message


def test_parse_text__text_beyond_the_limit_is_located(monkeypatch):
    monkeypatch.setenv("JUESUAN_LIMIT_STRING_CHARS", "30")
    [(line, field)] = problems_of(MINIMAL.replace("reason: 本年度增加信访人员补助支出。", "reason: " + "本年度增加信访人员补助支出。" * 3))
    assert (line, field) == (11, "(文本 / text)")


def test_parse_text__nesting_deepened_through_aliases_is_refused():
    text = "a0: &a0 " + "[" * 90 + "1" + "]" * 90 + "\n"
    text += "".join(f"a{i}: &a{i} " + "[" * 90 + f"*a{i - 1}" + "]" * 90 + "\n" for i in range(1, 12))
    started = time.process_time()
    problems = pytest.raises(DisclosureFileError, fileformat.parse_text, text + MINIMAL).value.problems
    assert time.process_time() - started < 5
    # located at the anchored node that is reused (an alias has no node of its own)
    assert "JUESUAN_LIMIT_YAML_DEPTH" in str(problems[0]) and problems[0].line == 1
