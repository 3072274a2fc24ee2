"""Compiled Jinja2 templates kept between runs.

Compiling the narrative's ~30 templates and the HTML page costs ~0.15 s per process, more
than composing the text itself. Jinja2's file-system bytecode cache keeps the compiled
code (checked against each template's source, and keyed to the Python version) in a
private per-user folder of the temp directory (mode 700, ownership checked by Jinja2), or
in ``$JUESUAN_CACHE_DIR`` when set. ``JUESUAN_CACHE_DIR=off`` turns the cache off; a cache
that cannot be created is simply not used.
"""

from __future__ import annotations

import os
from functools import lru_cache

from jinja2 import BytecodeCache, FileSystemBytecodeCache


@lru_cache(maxsize=1)
def bytecode_cache() -> BytecodeCache | None:
    folder = os.environ.get("JUESUAN_CACHE_DIR")
    if folder == "off":
        return None
    try:
        if folder:
            path = os.path.join(folder, "jinja2")
            os.makedirs(path, mode=0o700, exist_ok=True)
            return FileSystemBytecodeCache(path)
        return FileSystemBytecodeCache()
    except (OSError, RuntimeError):  # read-only or unsafe temp folder: compile every run
        return None
