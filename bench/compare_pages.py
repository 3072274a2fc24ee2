"""Our pages beside the official template and the published document, one PNG per page pair.

    python bench/compare_pages.py [--out build/compare] [--scale 1.2] [EXAMPLE.yaml ...]

For each example (default: both in examples/) the PDF (typst), the DOCX and the XLSX (both
as LibreOffice prints them, when ``soffice`` is installed) are rendered, and for each
subject — cover, 目录, 第一部分, each table by its title, 情况说明, 名词解释 — the first page
showing it is found in each source by its text, here and in the shared Shanghai 2024
template and the published Putuo PDF (/work/shared/reference/pdf/). The pages found are set
side by side at one height, each labelled with its source and page number, into
``OUT/<example>-<subject>.png``. A source without such a page gets no panel (the 自评表 is
in neither Shanghai PDF). It also prints, per source, the page count and the typography
checks of tests/render/pagecheck.py (split header words, orphan rows / notes alone).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from common import EXAMPLES, ROOT, print_table

sys.path.insert(0, str(ROOT / "tests" / "render"))

REFERENCE = Path("/work/shared/reference/pdf")
OFFICIAL = {"模板 template": REFERENCE / "shanghai-2024-dept-final-template.pdf",
            "普陀 published": REFERENCE / "shanghai-putuo-finance-bureau-2024-dept-final.pdf"}
FIXED = [("cover", None), ("toc", "目录"), ("part1", "第一部分"), ("notes", "收入支出决算总体情况说明"),
         ("glossary", "名词解释")]


def cjk(text: str) -> str:
    """Only the Chinese characters: quotes and spaces differ from one PDF producer to the next."""
    return "".join(ch for ch in text if "\u4e00" <= ch <= "\u9fff")


def page_texts(pdf_path: Path) -> list[str]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        return [cjk(pdf[i].get_textpage().get_text_range()) for i in range(len(pdf))]
    finally:
        pdf.close()


def find_page(texts: list[str], subject: str, key: str | None) -> int | None:
    """The first page showing ``key`` near its top (a title, not a 目录 entry)."""
    if key is None:
        return 0 if texts else None
    key = cjk(key)
    for index, text in enumerate(texts):
        head = re.sub(r"^编制单位.*?年度", "", text)
        if subject != "toc" and "目录" in text[:6]:
            continue
        # a part heading above the table's title ("第二部分…部门决算表", "第四部分…见附表")
        head = re.sub(r"^第[一二三四五六七八九十]部分.{0,30}?(部门决算表|见附表)", "", head)
        at = head.find(key)
        if not subject.startswith("table"):
            if 0 <= at < 60:
                return index
        elif 0 <= at < 12 and re.search("单位|项目名称", head[at + len(key):at + len(key) + 40]):
            return index  # a table's title, its unit line or form below (not a 目录 entry)
    return None


def render_example(yaml_path: Path, folder: Path) -> dict[str, Path]:
    from juesuan.fileformat import load
    from juesuan.narrative import compose
    from juesuan.render import render

    disclosure = load(yaml_path)
    document = compose(disclosure)
    out = {"ours PDF": render("pdf", disclosure, document, folder / f"{yaml_path.stem}.pdf")}
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    for fmt in ("docx", "xlsx"):
        path = render(fmt, disclosure, document, folder / fmt / f"{yaml_path.stem}.{fmt}")
        if soffice is None:
            print(f"soffice not installed: no {fmt.upper()} panel")
            continue
        subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(path.parent), str(path)],
                       check=True, capture_output=True, timeout=300)
        out[f"ours {fmt.upper()} (LibreOffice)"] = path.with_suffix(".pdf")
    return out


def panel(pdf_path: Path, index: int, label: str, height: int):
    import pypdfium2 as pdfium
    from PIL import Image, ImageDraw

    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        page = pdf[index]
        image = page.render(scale=height / page.get_height()).to_pil().convert("RGB")
    finally:
        pdf.close()
    framed = Image.new("RGB", (image.width + 2, image.height + 34), "white")
    framed.paste(image, (1, 33))
    draw = ImageDraw.Draw(framed)
    draw.rectangle((0, 32, framed.width - 1, framed.height - 1), outline=(150, 150, 150))
    draw.text((6, 6), f"{label}  p.{index + 1}", fill=(0, 0, 0), font=_font())
    return framed


def _font():
    from PIL import ImageFont

    for path in ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
                 "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc"):
        if Path(path).is_file():
            return ImageFont.truetype(path, 20)
    return ImageFont.load_default()


def side_by_side(panels, out_path: Path) -> None:
    from PIL import Image

    width = sum(p.width for p in panels) + 12 * (len(panels) - 1)
    sheet = Image.new("RGB", (width, max(p.height for p in panels)), "white")
    x = 0
    for p in panels:
        sheet.paste(p, (x, 0))
        x += p.width + 12
    sheet.save(out_path)


def subjects(yaml_path: Path) -> list[tuple[str, str | None]]:
    from juesuan.fileformat import load
    from juesuan.narrative import compose
    from juesuan.render.layout import LayoutOptions
    from juesuan.render.xlsx import document_grids

    disclosure = load(yaml_path)
    grids = document_grids(disclosure, compose(disclosure), LayoutOptions.for_disclosure(disclosure))
    titles = list(dict.fromkeys(grid.title for grid in grids))
    return [*FIXED, *((f"table{index:02d}", title) for index, title in enumerate(titles, 1))]


def checks(sources: dict[str, Path], yaml_path: Path) -> list[list[object]]:
    from pagecheck import orphans, read_pages, split_words

    from juesuan.fileformat import load
    from juesuan.narrative import compose
    from juesuan.render.layout import LayoutOptions
    from juesuan.render.xlsx import document_grids

    disclosure = load(yaml_path)
    grids = document_grids(disclosure, compose(disclosure), LayoutOptions.for_disclosure(disclosure))
    rows = []
    for label, path in sources.items():
        pages = read_pages(path)
        rows.append([yaml_path.stem, label, len(pages), len(split_words(pages, grids)),
                     len(orphans(path, pages, grids))])
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("examples", nargs="*", type=Path)
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "compare")
    parser.add_argument("--height", type=int, default=1100, help="panel height in pixels")
    args = parser.parse_args(argv)
    examples = args.examples or [EXAMPLES / "shanghai-putuo-czj-2024.yaml", EXAMPLES / "urumqi-iit-2022.yaml"]
    args.out.mkdir(parents=True, exist_ok=True)
    official = {label: path for label, path in OFFICIAL.items() if path.is_file()}
    rows, written, pairs = [], 0, []
    with tempfile.TemporaryDirectory() as tmp:
        for yaml_path in examples:
            ours = render_example(yaml_path, Path(tmp))
            sources = {**ours, **official}
            texts = {label: page_texts(path) for label, path in sources.items()}
            rows += checks(ours, yaml_path)
            for subject, key in subjects(yaml_path):
                found = {label: find_page(texts[label], subject, key) for label in sources}
                panels = [panel(sources[label], index, label, args.height)
                          for label, index in found.items() if index is not None]
                if not any(found[label] is not None for label in ours):
                    continue
                name = cjk(key or "")[:12] or subject
                target = args.out / f"{yaml_path.stem}-{subject}-{name}.png"
                side_by_side(panels, target)
                written += 1
                pairs.append([yaml_path.stem[:8], subject, (key or "")[:14],
                              *("-" if found[label] is None else found[label] + 1 for label in sources)])
    print_table("pages and typography checks (split header words, orphan rows or notes alone)",
                ["example", "source", "pages", "split words", "orphans"], rows)
    print_table("pages compared (page numbers; - none found)",
                ["example", "subject", "key", "PDF", "DOCX", "XLSX", *official], pairs)
    print(f"\n{written} comparisons in {args.out}")


if __name__ == "__main__":
    main()
