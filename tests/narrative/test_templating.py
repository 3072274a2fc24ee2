"""Compiled narrative templates are kept between runs (Jinja2 bytecode cache)."""

from __future__ import annotations

from juesuan.narrative import templating
from juesuan.narrative.compose import _environment


def _fresh(monkeypatch, value):
    if value is None:
        monkeypatch.delenv("JUESUAN_CACHE_DIR", raising=False)
    else:
        monkeypatch.setenv("JUESUAN_CACHE_DIR", value)
    templating.bytecode_cache.cache_clear()
    _environment.cache_clear()


def test_bytecode_cache__compiled_templates_land_in_the_cache_folder(monkeypatch, tmp_path):
    _fresh(monkeypatch, str(tmp_path))
    try:
        env = _environment("xinjiang-2022")
        name = env.list_templates()[0]
        env.get_template(name)
        cached = list((tmp_path / "jinja2").iterdir())
        assert cached, "no compiled template was written"
        # a second environment (a new run) loads the same template from the cache
        _environment.cache_clear()
        again = _environment("xinjiang-2022").get_template(name)
        assert again.render is not None and list((tmp_path / "jinja2").iterdir()) == cached
    finally:
        _fresh(monkeypatch, None)


def test_bytecode_cache__off_and_unusable_folders_mean_no_cache(monkeypatch, tmp_path):
    _fresh(monkeypatch, "off")
    assert templating.bytecode_cache() is None
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    _fresh(monkeypatch, str(blocked))
    try:
        assert templating.bytecode_cache() is None
    finally:
        _fresh(monkeypatch, None)
