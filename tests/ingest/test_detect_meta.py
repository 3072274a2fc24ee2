"""Department and year from the title lines, also when the title wraps."""

from __future__ import annotations

import pytest

from juesuan.ingest.detect import detect_meta


@pytest.mark.parametrize("text, expected", [
    # LibreOffice printed the Urumqi DOCX title on two lines, inside the bracket (before: "据发展局）")
    ("乌鲁木齐市工业和信息化局（乌鲁木齐市大数\n据发展局） （本级）2022年度部门决算公开\n说明",
     ("乌鲁木齐市工业和信息化局（乌鲁木齐市大数据发展局）", 2022)),
    ("上海市普陀区财政局\n2024年度部门决算", ("上海市普陀区财政局", 2024)),
    ("某局（某某\n中心）2023年度部门决算", ("某局（某某中心）", 2023)),
    # a closed bracket on the line above is not part of the title
    ("（一）前言\n某局2023年度部门决算", ("某局", 2023)),
    # the year first (before: no department, and for "2023年" no year either)
    ("2023年度上海市普陀区财政局部门决算", ("上海市普陀区财政局", 2023)),
    ("2023年北京市海淀区教育委员会部门决算", ("北京市海淀区教育委员会", 2023)),
    # a unit's own disclosure (单位决算)
    ("某某县农业农村局2023年度单位决算", ("某某县农业农村局", 2023)),
])
def test_detect_meta__title_lines(text, expected):
    assert detect_meta(text) == expected


def test_read__libreoffice_pdf_names_the_whole_department():
    from pathlib import Path

    from juesuan.ingest import read

    parsed, _ = read(Path(__file__).parent / "fixtures" / "libreoffice" / "urumqi-iit-2022.lo.pdf")
    assert parsed.meta.department == "乌鲁木齐市工业和信息化局（乌鲁木齐市大数据发展局）"
