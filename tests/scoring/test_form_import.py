"""Import of a filled 自评表 laid out as printed in the seed (an extra leading 年度绩效指标完成情况 column)."""

import io
from decimal import Decimal as D

from openpyxl import Workbook

from juesuan.scoring.form_import import import_form


def seed_like_sheet() -> bytes:
    """The first seed table (原机电老干所运行维护费), first rows only, 9 columns as printed."""
    wb = Workbook()
    ws = wb.active
    ws.title = "老干所"
    ws.append(["项目支出绩效自评表"])
    ws.append(["(2022 年度)"])
    ws.append(["项目名称", "原机电老干所运行维护费"])
    ws.append(["主管部门", "乌鲁木齐市工业和信息化局本级", None, None, "实施单位", "乌鲁木齐市工业和信息化局本级"])
    ws.append(["项目资金 (万元)", None, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"])
    ws.append([None, "年度资金总额", 10.00, 7.70, 7.70, 10, "100.00%", "10.00 分"])
    ws.append([None, "其中：当年财政拨款", 10.00, 6.11, 6.11, "—", "—", "—"])
    ws.append([None, "上年结转资金", 0.00, 1.59, 1.59, "—", "—", "—"])
    ws.append([None, "其他资金", 0.00, 0.00, 0.00, "—", "—", "—"])
    ws.append(["年度总体目标", "预期目标", None, None, None, "实际完成情况"])
    ws.append([None, "确保两个家属院全年运行正常", None, None, None, "基本保障两个家属院全年运行正常"])
    ws.append(["年度绩效指标完成情况", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
               "偏差原因分析及改进措施"])
    ws.append([None, "产出指标", "数量指标", "聘用小区门卫安保人员", "=1 人", "1 人", 5, 5])
    ws.append([None, None, None, "维修公共设施", ">=20 次", "20 次", 5, 5])
    ws.append([None, None, "成本指标", "支付水电暖相关费用", "<=2.00 万元", "3.39 万元", 5, 0, "用电用水需求量增加"])
    ws.append([None, "效益指标", "经济效益指标"])
    ws.append([None, None, "社会效益指标", "确保小区内基本设施完好，正常使用", "持续保持", "部分达到预期效果", 30, 22.5,
               "小区设施老旧"])
    ws.append(["总分", None, None, None, None, None, 50, "42.50分"])
    for cell in ("A12:A17", "B13:B15", "C13:C14"):
        ws.merge_cells(cell)
    ws["E13"].data_type = "s"  # "=1 人" is text, as typed with a leading apostrophe
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def test_import_form__seed_layout_with_merged_cells_and_blank_rows():
    result = import_form(seed_like_sheet(), "seed.xlsx")
    assert result.problems == ()
    (project,) = result.projects
    assert (project.name, project.year, project.implementer) == ("原机电老干所运行维护费", 2022, "乌鲁木齐市工业和信息化局本级")
    assert (project.funds.carryover.full_year_budget, project.execution_rate, project.execution_score) == (
        D("1.59"), D("100.00"), D("10.00"))
    rows = [(i.level1, i.level2, i.name, i.weight, i.score) for i in project.indicators]
    assert rows == [
        ("产出指标", "数量指标", "聘用小区门卫安保人员", D(5), D(5)),
        ("产出指标", "数量指标", "维修公共设施", D(5), D(5)),
        ("产出指标", "成本指标", "支付水电暖相关费用", D(5), D(0)),
        ("效益指标", "经济效益指标", None, None, None),
        ("效益指标", "社会效益指标", "确保小区内基本设施完好，正常使用", D(30), D("22.5")),
    ]
    assert project.indicators[3].is_placeholder
    assert (project.total_weight, project.total_score) == (D(50), D("42.50"))
