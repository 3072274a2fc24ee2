from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
SHANGHAI_PDF = SHARED / "reference" / "pdf" / "shanghai-putuo-finance-bureau-2024-dept-final.pdf"
SEED = SHARED / "seed" / "000_70eff566b52b1af5.txt"
EXAMPLES = ROOT / "examples"


def need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} not available")
    return path


@pytest.fixture(scope="session")
def shanghai():
    from juesuan.ingest import read

    return read(need(SHANGHAI_PDF))


@pytest.fixture(scope="session")
def seed():
    from juesuan.ingest import read

    return read(need(SEED))


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: OCR and other tests that take seconds (still run in CI, on few pages)")
    config.addinivalue_line("markers", "rule(rule_id, case): the rule a test covers, case 'fails' or 'passes'")


def insert_picture(target, source_page, index: int | None = None) -> None:
    """A 150-dpi picture of ``source_page`` as a new page of ``target`` (at ``index``)."""
    import pypdfium2 as pdfium

    width, height = source_page.get_size()
    bitmap = source_page.render(scale=150 / 72)
    page = target.new_page(width, height) if index is None else target.new_page(width, height, index=index)
    image = pdfium.PdfImage.new(target)
    image.set_bitmap(bitmap)
    image.set_matrix(pdfium.PdfMatrix().scale(width, height))
    page.insert_obj(image)
    page.gen_content()


def scanned_page(tmp_path, index: int) -> Path:
    """One page of the Shanghai PDF as an image-only PDF (a scan at 150 dpi)."""
    import pypdfium2 as pdfium

    source = pdfium.PdfDocument(str(need(SHANGHAI_PDF)))
    scan = pdfium.PdfDocument.new()
    insert_picture(scan, source[index])
    path = tmp_path / "scan.pdf"
    scan.save(str(path))
    return path
