from pathlib import Path

import pytest

from juesuan.fileformat import load

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
SHANGHAI_PDF = ROOT.parent / "shared" / "reference" / "pdf" / "shanghai-putuo-finance-bureau-2024-dept-final.pdf"


@pytest.fixture(scope="session")
def example_disclosures():
    return {path.name: load(path) for path in EXAMPLES}


@pytest.fixture(scope="session")
def shanghai_pdf_disclosure():
    if not SHANGHAI_PDF.exists():
        pytest.skip("../shared not present")
    from juesuan.ingest import read

    disclosure, _ = read(SHANGHAI_PDF)
    assert disclosure is not None
    return disclosure
