"""Code editions: structure, lookups, edition choice, unknown codes."""

from __future__ import annotations

import pytest

from juesuan.reference.codes import CodeBook, editions, normalize_name

PACKAGED = [(2022, "function"), (2024, "function"), (2022, "economic")]


@pytest.mark.parametrize("year,kind", PACKAGED)
def test_for_year__every_parent_exists_and_levels_follow_code_length(year, kind):
    book = CodeBook.for_year(year, kind)
    assert (book.year, book.kind, book.source) == (year, kind, "packaged")
    lengths = {3: 1, 5: 2, 7: 3}
    for code in book:
        assert code.level == lengths[len(code.code)], code
        if code.level == 1:
            assert code.parent is None
        else:
            assert code.parent == code.code[:-2] and book.is_known(code.parent), code


@pytest.mark.parametrize("year,kind", PACKAGED)
def test_for_year__every_row_has_a_provenance_key(year, kind):
    known = ("V-SH", "V-SEED", "V-GH", "V-PAGE", "V-GIVEN", "V-SH-SAMPLE", "V-SH-TEMPLATE", "R", "R?", "N-")
    for code in CodeBook.for_year(year, kind):
        assert code.provenance and code.provenance.split("+")[0] in known, code


def test_get__seed_code_2290402_with_its_parents():
    # Printed in the seed §八: "2290402 其他地方自行试点项目收益专项债券收入安排的支出".
    book = CodeBook.for_year(2022)
    code = book.get("2290402")
    assert code.name == "其他地方自行试点项目收益专项债券收入安排的支出"
    assert code.provenance == "V-SEED"
    assert [c.code for c in book.path("2290402")] == ["229", "22904", "2290402"]


def test_get__accepts_split_printed_code():
    # The Shanghai sample prints codes as split columns: "201   06   01".
    assert CodeBook.for_year(2024).get("201 06 01").name == "行政运行"


def test_get__unknown_code_is_none_not_an_error():
    book = CodeBook.for_year(2022)
    assert book.get("2069998") is None
    assert book.is_known("2069998") is False
    assert book.path("2069998") == []
    assert book.parent("2069998") is None
    assert book.children("2069998") == []
    assert book.name_matches("2069998", "随便") is None


def test_name_matches__tolerates_bracket_width_and_spaces():
    book = CodeBook.for_year(2022)
    assert book.name_matches("20103", "政府办公厅(室)及相关机构事务") is True
    assert book.name_matches("20103", "政府办公厅（室） 及相关\n机构事务") is True
    assert book.name_matches("20103", "政府办公厅事务") is False


def test_name_matches__accepts_the_seed_short_name_alias():
    # The seed prints 技术与开发（款） for 20604 技术研究与开发.
    assert CodeBook.for_year(2022).name_matches("20604", "技术与开发") is True


def test_classes__2024_edition_contains_the_26_rows_printed_in_the_shanghai_sample():
    names = [c.name for c in CodeBook.for_year(2024).classes()]
    assert len(names) == 30
    assert {"债务还本支出", "债务付息支出", "抗疫特别国债安排的支出"} <= set(names)
    assert names[0] == "一般公共服务支出"


def test_children__ordered_as_in_the_edition():
    kids = [c.code for c in CodeBook.for_year(2024).children("20106")]
    assert kids[:4] == ["2010601", "2010602", "2010603", "2010607"]


def test_for_year__newest_edition_not_after_the_year():
    assert CodeBook.for_year(2023).year == 2022
    assert CodeBook.for_year(2025).year == 2024
    assert CodeBook.for_year(2024).year == 2024


def test_for_year__falls_back_to_the_oldest_edition():
    assert CodeBook.for_year(2018).year == 2022


def test_for_year__book_is_cached():
    assert CodeBook.for_year(2022) is CodeBook.for_year(2023)


def test_for_year__2024_adds_codes_printed_in_shanghai_template():
    book = CodeBook.for_year(2024)
    assert book.get("2050205").name == "高等教育" and book.get("2050205").verified
    assert CodeBook.for_year(2022).get("2050205") is None


def test_verified__carried_over_rows_are_not_verified_for_2024():
    code = CodeBook.for_year(2024).get("2290402")
    assert code.provenance == "V-SEED+FROM-2022" and not code.verified
    assert CodeBook.for_year(2022).get("2290402").verified


def test_for_year__rejects_unknown_kind():
    with pytest.raises(ValueError):
        CodeBook.for_year(2022, "income")


def test_editions__lists_packaged_files():
    assert [e.year for e in editions("function")] == [2022, 2024]
    assert [e.year for e in editions("economic")] == [2022]


def test_normalize_name__full_and_half_width_agree():
    assert normalize_name("因公出国（境）费用") == normalize_name("因公出国(境) 费用")


def test_get__economic_30311_in_packaged_edition():
    assert CodeBook.for_year(2024, "economic").get("30311").name == "代缴社会保险费"
