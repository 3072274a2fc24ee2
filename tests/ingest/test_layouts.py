"""Other layouts of the same document: no ruling lines, rotated pages, DOCX, tab text."""

import ctypes
from decimal import Decimal

import pypdfium2 as pdfium
import pypdfium2.raw as raw
import pytest

from juesuan import fileformat
from juesuan.ingest import read
from juesuan.model import iter_table_cells

from .conftest import EXAMPLES, SHANGHAI_PDF, need


@pytest.fixture(scope="module")
def expected():
    return dict(iter_table_cells(fileformat.load(need(EXAMPLES / "shanghai-putuo-czj-2024.yaml"))))


def _rewrite(tmp_path, name, edit):
    pdf = pdfium.PdfDocument(str(need(SHANGHAI_PDF)))
    for index in range(len(pdf)):
        edit(pdf[index])
    path = tmp_path / name
    pdf.save(str(path))
    return path


def _strip_rules(page):
    for obj in list(page.get_objects(max_depth=1)):
        if obj.type == raw.FPDF_PAGEOBJ_PATH:
            page.remove_obj(obj)
    page.gen_content()


def test_read__pdf_without_ruling_lines_keeps_most_cells(tmp_path, expected):
    disclosure, report = read(_rewrite(tmp_path, "plain.pdf", _strip_rules))
    got = dict(iter_table_cells(disclosure))
    matched = sum(1 for k, v in expected.items() if got.get(k) == v)
    assert matched >= 560  # of 577, measured; columns come from aligned text only
    assert got["income.2010602.other"] == Decimal("6.19")


def _turn(rotate_flag: bool):
    """Turn the content 90° counter-clockwise; with ``/Rotate 90`` it displays upright again."""

    def edit(page):
        width, height = page.get_size()
        matrix = raw.FS_MATRIX(0, 1, -1, 0, height, 0)
        raw.FPDFPage_TransFormWithClip(page.raw, ctypes.byref(matrix), None)
        page.set_mediabox(0, 0, height, width)
        if rotate_flag:
            page.set_rotation(90)

    return edit


@pytest.mark.parametrize("rotate_flag", [True, False], ids=["rotate-90", "sideways-text"])
def test_read__rotated_pages_read_the_same(tmp_path, expected, rotate_flag):
    disclosure, _ = read(_rewrite(tmp_path, "rot.pdf", _turn(rotate_flag)))
    got = dict(iter_table_cells(disclosure))
    assert {k: v for k, v in expected.items() if got.get(k) != v} == {}


def test_read__docx_tables_and_paragraphs(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("上海市普陀区财政局")
    document.add_paragraph("2024年度部门决算")
    document.add_paragraph("收入决算表")
    document.add_paragraph("单位：万元")
    rows = [
        ["支出功能分类科目编码", "科目名称", "本年收入合计", "财政拨款收入", "上级补助收入", "事业收入",
         "经营收入", "附属单位上缴收入", "其他收入"],
        ["", "合计", "2,946.25", "2,940.05", "", "", "", "", "6.20"],
        ["2010602", "一般行政管理事务", "16.19", "10.00", "", "", "", "", "6.19"],
    ]
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    path = tmp_path / "d.docx"
    document.save(path)
    disclosure, report = read(path)
    income = disclosure.tables.income
    assert (income.total.other, income.find("2010602").fiscal_appropriation) == (Decimal("6.20"), Decimal("10.00"))
    assert disclosure.meta.year == 2024 and report.kind == "docx"


def test_load_text__tab_table_split_codes(tmp_path):
    text = "\n".join([
        "一般公共预算财政拨款支出决算表", "单位：万元",
        "科目编码\t\t\t科目名称\t合计\t基本支出\t项目支出",
        "类\t款\t项",
        "201\t06\t01\t行政运行\t1,511.89\t1,503.52\t8.37",
        "\t\t\t合计\t2,940.05\t2,336.91\t603.14",
    ])
    path = tmp_path / "t.txt"
    path.write_text(text, encoding="utf-8")
    disclosure, _ = read(path)
    row = disclosure.tables.general_budget.find("2010601")
    assert (row.basic, row.project) == (Decimal("1503.52"), Decimal("8.37"))
    assert disclosure.provenance["general_budget.2010601.project"].line == 5


def test_parse_two_sided__mof_edition_line_numbers_ignored(tmp_path):
    # MOF layout [R in spec]: 项目 | 行次 | 金额 on each side and a 栏次 row; our own example figures.
    text = "\n".join([
        "某某局2023年度部门决算", "收入支出决算总表", "公开01表", "编制部门：某某局\t金额单位：万元",
        "收入\t\t\t支出", "项目\t行次\t金额\t项目\t行次\t金额", "栏次\t\t1\t栏次\t\t2",
        "一、一般公共预算财政拨款收入\t1\t1,234.50\t一、一般公共服务支出\t32\t1,000.00",
        "八、其他收入\t8\t10.00\t八、社会保障和就业支出\t39\t244.50",
        "本年收入合计\t20\t1,244.50\t本年支出合计\t60\t1,244.50",
    ])
    path = tmp_path / "mof.txt"
    path.write_text(text, encoding="utf-8")
    disclosure, report = read(path)
    summary = disclosure.tables.summary
    assert (summary.income.general_budget, summary.income.total) == (Decimal("1234.50"), Decimal("1244.50"))
    assert [(c.code, c.amount) for c in summary.expenditure.classes] == [
        ("201", Decimal("1000.00")), ("208", Decimal("244.50"))]
    assert report.not_understood == ()


def test_parse_coded__names_without_codes_resolved_by_parent(tmp_path):
    # Names only, indented by level (a layout some finance software prints); codes from juesuan.reference.
    text = "\n".join([
        "某某局2022年度部门决算", "一般公共预算财政拨款支出决算表", "单位：万元",
        "项目\t合计\t基本支出\t项目支出", "合计\t20.00\t15.00\t5.00",
        "一般公共服务支出\t20.00\t15.00\t5.00", "政府办公厅（室）及相关机构事务\t20.00\t15.00\t5.00",
        "行政运行\t15.00\t15.00\t", "信访事务\t5.00\t\t5.00", "2080501 行政单位离退休\t1.00\t1.00\t",
    ])
    path = tmp_path / "names.txt"
    path.write_text(text, encoding="utf-8")
    disclosure, _ = read(path)
    assert [(r.code, r.name) for r in disclosure.tables.general_budget.rows] == [
        ("201", "一般公共服务支出"), ("20103", "政府办公厅（室）及相关机构事务"), ("2010301", "行政运行"),
        ("2010308", "信访事务"), ("2080501", "行政单位离退休")]
