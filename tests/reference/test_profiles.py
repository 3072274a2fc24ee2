"""Template profiles: both load, agree with the documents they were read from, and fail located."""

from __future__ import annotations

import json
import re

import pytest
import yaml

from juesuan.model import TABLE_KEYS
from juesuan.reference.codes import CodeBook
from juesuan.reference.profiles import PROFILE_DIR, Profile, ProfileError, list_profiles

PROFILES = sorted(path.stem for path in PROFILE_DIR.glob("*.yaml"))


def flat(text: str) -> str:
    """Text with layout removed: pdftotext wraps lines and inserts spaces."""
    return re.sub(r"\s+", "", text)


def glossary_of(text: str, heading: str) -> list[tuple[str, str]]:
    body = flat(text[text.rindex(heading) + len(heading):])
    body = body.split("第四部分")[0]
    pairs = re.findall(r"(?:[一二三四五六七八九十]+、)?(“?[^：。；“]*?”?[^：。；]*?)：(.+?。)(?=(?:[一二三四五六七八九十]+、)?[^：。；]{2,10}：|$)", body)
    return pairs


def test_list_profiles__both_packaged():
    assert {"xinjiang-2022", "shanghai-2024"} <= set(list_profiles())


@pytest.mark.parametrize("profile_id", PROFILES)
def test_load__every_table_key_in_table_keys_in_mof_order(profile_id):
    profile = Profile.load(profile_id)
    assert profile.id == profile_id
    assert [t.key for t in profile.tables] == [key for key, _, _ in TABLE_KEYS]
    assert [t.mof_code for t in profile.tables] == [code for _, code, _ in TABLE_KEYS]


@pytest.mark.parametrize("profile_id", PROFILES)
def test_load__class_rows_match_the_function_edition(profile_id):
    profile = Profile.load(profile_id)
    book = CodeBook.for_year(profile.years[0])
    for row in profile.class_rows:
        assert book.name_matches(row.code, row.name) is True, row


@pytest.mark.parametrize("profile_id", PROFILES)
def test_load__unverified_paths_exist(profile_id):
    profile = Profile.load(profile_id).model_dump()
    for path in Profile.load(profile_id).unverified:
        node = profile
        for part in path.split("."):
            node = node[part]  # KeyError means the list names a field that does not exist


def test_load__seed_part_order_and_sections(seed_text):
    profile = Profile.load("xinjiang-2022")
    assert [(p.number, p.title) for p in profile.parts] == [
        ("第一部分", "单位概况"), ("第二部分", "部门决算情况说明"), ("第三部分", "专业名词解释"),
        ("第四部分", "部门决算报表（见附表）")]
    contents = flat(seed_text[:seed_text.index("第一部分 单位概况", 200)])
    for part in profile.parts:
        assert flat(part.number + part.title) in contents
    for section in profile.narrative_sections:
        assert flat(section.number + section.title) in contents, section.title
    assert profile.section("performance").number == "十一、"
    assert [s.title for s in profile.section("other_matters").sections] == [
        "机关运行经费支出情况", "政府采购情况", "国有资产占用情况说明"]


def test_load__shanghai_part_order_and_sections(sample_text):
    profile = Profile.load("shanghai-2024")
    unit = "上海市普陀区财政局"
    assert [p.id for p in profile.parts] == ["overview", "tables", "narrative", "glossary"]
    contents = flat(sample_text[:sample_text.index("第一部分    上海市普陀区财政局概况")])
    for part in profile.parts:
        assert flat(part.number + profile.fill(part.title, unit, 2024)) in contents
    for section in profile.narrative_sections:
        assert flat(section.number + section.title) in contents, section.title
    body = flat(sample_text)
    for section in profile.section("other_matters").sections + profile.section("three_public").sections:
        assert flat(section.number + section.title) in body, section.title
    assert profile.section("performance").number == "十、"


def test_load__shanghai_class_rows_are_the_26_printed_rows(sample_text):
    block = sample_text[sample_text.index("收入支出决算总表", 1000):sample_text.index("本年收入合计")]
    printed = re.findall(r"[一二三四五六七八九十]+、(\S+支出)", block)
    assert [row.name for row in Profile.load("shanghai-2024").class_rows] == printed
    assert len(printed) == 26


def test_load__seed_glossary_verbatim(seed_text):
    expected = glossary_of(seed_text, "第三部分 专业名词解释")
    profile = Profile.load("xinjiang-2022")
    assert [(g.term, g.definition) for g in profile.glossary] == expected
    assert len(expected) == 14


def test_load__shanghai_glossary_verbatim(sample_text):
    expected = glossary_of(sample_text, "第四部分 名词解释")
    profile = Profile.load("shanghai-2024")
    assert [(g.term, flat(g.definition)) for g in profile.glossary] == expected
    assert len(expected) == 11


def test_load__empty_table_notes_as_printed(seed_text, template_text):
    seed = Profile.load("xinjiang-2022")
    assert flat(seed.empty_table_notes["state_capital"]) in flat(seed_text)
    shanghai = Profile.load("shanghai-2024")
    template = flat(template_text)
    for key in ("government_fund", "state_capital"):
        assert flat(shanghai.fill(shanghai.empty_table_notes[key], "上海市XX局", 2024)) in template


def test_load__shanghai_no_data_statements_as_printed(sample_text):
    shanghai = Profile.load("shanghai-2024")
    body = flat(sample_text)
    for key in ("three_public", "government_fund", "state_capital"):
        assert flat(shanghai.fill(shanghai.no_data_statements[key], "上海市普陀区财政局", 2024)) in body


def test_load__wording_options_differ_as_documented():
    seed, shanghai = Profile.load("xinjiang-2022").wording, Profile.load("shanghai-2024").wording
    assert (seed.comparison_base, shanghai.comparison_base) == ("prior_year", "initial_budget")
    assert (seed.list_zero_income_items, shanghai.list_zero_income_items) == (True, False)
    assert (seed.rate_when_prior_zero, shanghai.rate_when_prior_zero) == ("100", "omit")
    assert shanghai.grade_names == ("优", "良", "合格", "不合格")
    assert (shanghai.three_public_cell_order, shanghai.general_budget_total_row) == ("interleaved", "last")


def test_load__unknown_id_is_a_profile_error():
    with pytest.raises(ProfileError) as caught:
        Profile.load("nowhere-1999")
    assert "shanghai-2024" in str(caught.value)


def _write_profile(directory, profile_id, text):
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{profile_id}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_load__user_profile_is_found_and_overrides(juesuan_home):
    data = json.loads(Profile.load("shanghai-2024").model_dump_json())
    data["id"] = "shanghai-2025"
    data["years"] = [2025]
    _write_profile(juesuan_home / "profiles", "shanghai-2025", yaml.safe_dump(data, allow_unicode=True))
    assert "shanghai-2025" in list_profiles()
    assert Profile.load("shanghai-2025").years == (2025,)


def test_load__bad_table_key_is_located(juesuan_home):
    data = json.loads(Profile.load("shanghai-2024").model_dump_json())
    data["id"] = "broken"
    data["tables"][2]["key"] = "expenses"
    path = _write_profile(juesuan_home / "profiles", "broken", yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    with pytest.raises(ProfileError) as caught:
        Profile.load("broken")
    (problem,) = caught.value.problems
    assert problem.field == "tables.2.key"
    line = path.read_text(encoding="utf-8").splitlines()[problem.line - 1]
    assert "expenses" in line


def test_load__unknown_placeholder_and_yaml_syntax_are_located(juesuan_home):
    _write_profile(juesuan_home / "profiles", "syntax", "id: syntax\ntables: [\n")
    with pytest.raises(ProfileError) as caught:
        Profile.load("syntax")
    assert caught.value.problems[0].field == "yaml" and caught.value.problems[0].line
    data = json.loads(Profile.load("shanghai-2024").model_dump_json())
    data["id"] = "placeholder"
    data["title"] = "{department}{year}年度部门决算"
    _write_profile(juesuan_home / "profiles", "placeholder", yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    with pytest.raises(ProfileError) as caught:
        Profile.load("placeholder")
    assert caught.value.problems[0].field == "title" and "department" in str(caught.value)


def test_load__id_must_match_file_name(juesuan_home):
    data = json.loads(Profile.load("shanghai-2024").model_dump_json())
    _write_profile(juesuan_home / "profiles", "renamed", yaml.safe_dump(data, allow_unicode=True))
    with pytest.raises(ProfileError) as caught:
        Profile.load("renamed")
    assert caught.value.problems[0].field == "id"
