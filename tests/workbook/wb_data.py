"""Constants shared by the workbook tests (a module name of its own: every test folder has a conftest)."""

from pathlib import Path

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
NAMES = ("urumqi-iit-2022", "shanghai-putuo-czj-2024")
