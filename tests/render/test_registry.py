from pathlib import Path

import pytest

from juesuan import render as render_package
from juesuan.render import registry


def test_formats__builtins_registered_through_the_registry():
    assert {"docx", "xlsx", "pdf", "html"} <= set(registry.formats())


def test_register__third_party_format_is_used_like_a_builtin(tmp_path, disclosure, document):
    @registry.register("txt", suffix=".txt")
    def render_text(d, doc, out_path: Path) -> Path:
        out_path.write_text(doc.text(), encoding="utf-8")
        return out_path

    try:
        out = render_package.render("txt", disclosure, document, tmp_path / "plain")
        assert out.suffix == ".txt"
        assert out.read_text(encoding="utf-8").startswith(document.title)
        assert registry.get("txt").description == ""
    finally:
        registry.unregister("txt")
    assert "txt" not in registry.formats()


def test_get__unknown_format_names_the_available_ones():
    with pytest.raises(registry.UnknownFormatError) as error:
        registry.get("odt")
    assert "docx" in str(error.value)


def test_render__adds_the_format_suffix(tmp_path, disclosure, document):
    out = render_package.render("html", disclosure, document, tmp_path / "sub" / "report")
    assert out == tmp_path / "sub" / "report.html"
    assert out.is_file()
