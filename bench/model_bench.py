"""Load + validate + dump of the bundled examples (the floor every other stage stands on)."""

from __future__ import annotations

import sys

sys.path.insert(0, str(__import__("pathlib").Path(__file__).parent))
from common import EXAMPLES, measure, print_table  # noqa: E402

from juesuan import fileformat  # noqa: E402


def main() -> None:
    rows = []
    for path in sorted(EXAMPLES.glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        load_ms, load_mb = measure(lambda: fileformat.parse_text(text, str(path)), repeat=10)
        disclosure = fileformat.parse_text(text)
        dump_ms, dump_mb = measure(lambda: fileformat.dumps_yaml(disclosure), repeat=10)
        rows.append([path.name, f"{load_ms:.1f}", f"{load_mb:.1f}", f"{dump_ms:.1f}", f"{dump_mb:.1f}"])
    print_table("model: YAML load/validate and dump", ["file", "load ms", "load MiB", "dump ms", "dump MiB"], rows)


if __name__ == "__main__":
    main()
