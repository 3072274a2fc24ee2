"""The disclosure file: lossless round trip and located messages for bad input."""

from decimal import Decimal

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
