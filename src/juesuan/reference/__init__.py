"""Reference data: classification code editions (``codes``), name resolution (``names``) and
template profiles (``profiles``). Imports nothing of juesuan except ``juesuan.model.TABLE_KEYS``."""

from .codes import Code, CodeBook, CodeListError, CodeListProblem, normalize_name
from .names import resolve_name, resolve_path, split_path

__all__ = [
    "Code", "CodeBook", "CodeListError", "CodeListProblem", "normalize_name", "resolve_name",
    "resolve_path", "split_path",
]
