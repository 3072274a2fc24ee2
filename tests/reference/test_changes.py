"""Edition manifest (which list stands for each year, complete or partial) and renamed codes."""

from __future__ import annotations

import csv

import pytest

from juesuan.reference.changes import manifest
from juesuan.reference.codes import DATA_DIR, CodeBook, CodeListError, import_edition, renames_of

YEARS = range(2018, 2026)


def test_manifest__every_year_2018_to_2025_of_both_kinds_is_listed_and_marked():
    rows = manifest(DATA_DIR)
    for kind in ("function", "economic"):
        for year in YEARS:
            row = rows[(kind, year)]
            assert row.status in ("complete", "partial") and row.note, row
            assert (DATA_DIR / row.file).is_file()


@pytest.mark.parametrize("kind", ["function", "economic"])
@pytest.mark.parametrize("year", YEARS)
def test_for_year__uses_the_file_the_manifest_names(kind, year):
    book = CodeBook.for_year(year, kind)
    assert book.file.name == manifest(DATA_DIR)[(kind, year)].file
    assert book.complete is (manifest(DATA_DIR)[(kind, year)].status == "complete")


def test_manifest__no_packaged_edition_claims_to_be_complete():
    # No complete official list was found in any source stored with the project.
    assert {row.status for row in manifest(DATA_DIR).values()} == {"partial"}


def test_for_year__an_imported_list_is_complete_and_wins_for_an_earlier_year(tmp_path):
    source = tmp_path / "2018.csv"
    source.write_text("code,name\n210,医疗卫生与计划生育支出\n", encoding="utf-8")
    import_edition(source, 2018)
    book = CodeBook.for_year(2018)
    assert (book.source, book.year, book.complete) == ("user", 2018, True)
    assert CodeBook.for_year(2024).source == "packaged"  # the newer packaged list stays for later years


def test_renames__each_new_name_is_the_editions_name_from_its_year_on():
    renames = renames_of("function")
    assert renames, "the packaged renames are empty"
    for rename in renames:
        for year in YEARS:
            book = CodeBook.for_year(year)
            if year >= rename.from_year:
                assert book.get(rename.code).name == rename.new_name, (rename, year)
                assert book.outdated(rename.code, rename.old_name, year) == rename
            else:
                assert book.outdated(rename.code, rename.old_name, year) is None


def test_renames__every_row_names_its_source():
    with (DATA_DIR / "function-renames.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert rows and all(row["provenance"] for row in rows)


def test_name_in__the_old_name_before_the_rename():
    book = CodeBook.for_year(2018)
    assert book.name_in("210", 2018) == "医疗卫生与计划生育支出"
    assert book.name_in("210", 2019) == "卫生健康支出"
    assert book.name_in("2069998", 2018) is None


def test_outdated__the_current_name_and_an_alias_are_never_outdated():
    book = CodeBook.for_year(2024)
    assert book.outdated("210", "卫生健康支出", 2024) is None
    assert book.outdated("210", "医疗卫生与计划生育支出", 2024).new_name == "卫生健康支出"
    assert book.outdated("210", "医疗卫生与计划生育 支出", 2024) is not None  # printed with a break


def test_renames__a_user_file_adds_rows(juesuan_home):
    codes = juesuan_home / "codes"
    codes.mkdir(parents=True)
    (codes / "function-renames.csv").write_text(
        "code,old_name,new_name,from_year,provenance\n2150501,行政运行支出,行政运行,2021,TEST\n", encoding="utf-8")
    assert CodeBook.for_year(2022).outdated("2150501", "行政运行支出", 2022).provenance == "TEST"


def test_renames__a_bad_user_file_is_refused_with_its_line(juesuan_home):
    codes = juesuan_home / "codes"
    codes.mkdir(parents=True)
    (codes / "function-renames.csv").write_text(
        "code,old_name,new_name,from_year\n210,旧,新,2019\n21x,旧,,二〇一九\n", encoding="utf-8")
    with pytest.raises(CodeListError) as caught:
        renames_of("function")
    assert [(p.line, p.field) for p in caught.value.problems] == [(3, "row")]


def test_renames__a_file_without_the_columns_is_refused(juesuan_home):
    codes = juesuan_home / "codes"
    codes.mkdir(parents=True)
    (codes / "function-renames.csv").write_text("code,name\n210,旧\n", encoding="utf-8")
    with pytest.raises(CodeListError) as caught:
        renames_of("function")
    assert caught.value.problems[0].field == "header"


def test_sources__every_provenance_key_of_the_packaged_data_is_explained():
    from juesuan.reference.changes import source_years

    keys = set(source_years(DATA_DIR))
    for path in DATA_DIR.glob("*.csv"):
        with path.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                if "provenance" in row:
                    assert set(row["provenance"].split("+")) <= keys, (path.name, row)


def test_verified_for__only_a_source_of_the_documents_own_year_counts():
    # 30101 基本工资 is printed in the Shanghai 2024 template: verified for 2024, not for 2022.
    economic = CodeBook.for_year(2024, "economic")
    assert economic.verified_for("30101", 2024) and not economic.verified_for("30101", 2022)
    # 2290402 is printed in the 2022 seed; in the 2024 file it is carried over (+FROM-2022).
    assert CodeBook.for_year(2022).verified_for("2290402", 2022)
    assert not CodeBook.for_year(2024).verified_for("2290402", 2024)
    assert not CodeBook.for_year(2022).verified_for("20101", 2022)  # recalled (R)


def test_cli_codes_show__the_name_in_force_and_the_rename():
    from typer.testing import CliRunner

    from juesuan.cli import app

    result = CliRunner().invoke(app, ["codes", "show", "210", "--year", "2018"])
    assert result.exit_code == 0, result.output
    assert "医疗卫生与计划生育支出（2018 年名称" in result.output and "不完整" in result.output
    assert "2019 年起" in result.output


def test_cli_codes_editions__every_year_with_its_edition_and_status():
    from typer.testing import CliRunner

    from juesuan.cli import app

    result = CliRunner().invoke(app, ["codes", "editions", "--kind", "economic"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if line.startswith("│ 20")]
    assert [line.split("│")[1].strip() for line in lines] == [str(y) for y in YEARS]
    assert all("否 no" in line for line in lines)


from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.text(alphabet=st.sampled_from(list("0123456789,\n\"旧新名称 abc")), max_size=80))
def test_renames__any_user_file_reads_or_is_refused_with_located_problems(juesuan_home, body):
    codes = juesuan_home / "codes"
    codes.mkdir(parents=True, exist_ok=True)
    (codes / "function-renames.csv").write_text("code,old_name,new_name,from_year,provenance\n" + body, encoding="utf-8")
    try:
        renames = renames_of("function")
    except CodeListError as exc:
        assert exc.problems and all(p.line for p in exc.problems)
    else:
        assert all(r.code.isdigit() and r.old_name and r.new_name for r in renames)
