"""Who may do what, as data: roles, the actions each may take, and on which filings.

Scope: department staff act on their own department's filings only; a reviewer on the
departments of their region; an administrator everywhere. The public reads published
documents only. ``tests/web/test_rights.py`` walks every route × every role against this.
"""

from __future__ import annotations

from .models import Filing, User

ROLES = {"filler": "部门填报人", "head": "部门负责人", "reviewer": "财政审核人", "admin": "管理员"}

ACTIONS: dict[str, frozenset[str]] = {
    "view_filing": frozenset({"filler", "head", "reviewer", "admin"}),
    "create_filing": frozenset({"filler", "head", "admin"}),
    "import": frozenset({"filler", "head"}),
    "edit": frozenset({"filler", "head"}),
    "submit": frozenset({"head"}),
    "comment": frozenset({"filler", "head", "reviewer"}),
    "return": frozenset({"reviewer"}),
    "approve": frozenset({"reviewer"}),
    "publish": frozenset({"reviewer", "admin"}),
    "correct": frozenset({"head"}),
    "mark_finding": frozenset({"reviewer"}),
    "review_queue": frozenset({"reviewer", "admin"}),
    "batch_upload": frozenset({"reviewer"}),
    "manage": frozenset({"admin"}),
}


def may(user: User | None, action: str, filing: Filing | None = None) -> bool:
    """True when ``user`` may take ``action`` (on ``filing``, when the action concerns one)."""
    if user is None or user.role not in ACTIONS.get(action, frozenset()):
        return False
    if filing is None or user.role == "admin":
        return True
    return in_scope(user, filing)


def in_scope(user: User, filing: Filing) -> bool:
    if user.role == "admin":
        return True
    if user.role == "reviewer":
        return user.region_id is not None and filing.department.region_id == user.region_id
    return user.department_id is not None and filing.department_id == user.department_id
