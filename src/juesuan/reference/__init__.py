"""Reference data: classification code editions (``codes``), name resolution (``names``) and
template profiles (``profiles``). Imports nothing of juesuan except ``juesuan.model`` (``TABLE_KEYS``, the table schema)."""

from .codes import Code, CodeBook, CodeListError, CodeListProblem, import_edition, normalize_name
from .names import resolve_name, resolve_path, split_path
from .profiles import Profile, ProfileError, list_profiles

__all__ = [
    "Code", "CodeBook", "CodeListError", "CodeListProblem", "Profile", "ProfileError", "import_edition",
    "list_profiles", "normalize_name", "resolve_name", "resolve_path", "split_path",
]
