"""The library entry points named in the README resolve and work together."""

from pathlib import Path

import juesuan

EXAMPLE = Path(__file__).parents[1] / "examples" / "urumqi-iit-2022.yaml"


def test_check__library_entry_point_returns_a_report():
    report = juesuan.check(juesuan.load(EXAMPLE))
    assert all(f.rule_id for f in report.findings)


def test_getattr__unknown_name_is_an_attribute_error():
    try:
        juesuan.nothing_here  # noqa: B018
    except AttributeError as exc:
        assert "nothing_here" in str(exc)
    else:
        raise AssertionError("unknown attribute resolved")
