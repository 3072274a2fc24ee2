"""The review workflow as data: which action moves a filing from which states to which.

draft → submitted → returned (back to the department, with comments) / approved →
published (immutable package stored with its checksum) → (correct) draft again →
… → published anew as ``corrected``: the earlier publication stays visible as superseded.
"""

from __future__ import annotations

STATUS_LABELS = {"draft": "草稿", "submitted": "已报送", "returned": "已退回", "approved": "已通过",
                 "published": "已公开", "corrected": "已更正公开"}

TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    "submit": (frozenset({"draft", "returned"}), "submitted"),
    "return": (frozenset({"submitted"}), "returned"),
    "approve": (frozenset({"submitted"}), "approved"),
    "publish": (frozenset({"approved"}), "published"),
    "correct": (frozenset({"published", "corrected"}), "draft"),
}
ACTION_LABELS = {"submit": "报送", "return": "退回", "approve": "审核通过", "publish": "公开", "correct": "更正"}

EDITABLE = frozenset({"draft", "returned"})
PUBLIC = frozenset({"published", "corrected"})


class TransitionError(Exception):
    """A user-facing reason (中文 / English) why an action is not possible now."""


def next_status(action: str, status: str) -> str:
    if action not in TRANSITIONS:
        raise TransitionError(f"未知操作 / unknown action {action!r}")
    sources, target = TRANSITIONS[action]
    if status not in sources:
        allowed = "、".join(STATUS_LABELS[s] for s in sorted(sources))
        raise TransitionError(f"“{ACTION_LABELS[action]}”只能在{allowed}状态下进行，当前为{STATUS_LABELS[status]} / "
                              f"{action} is not possible in state {status}")
    return target
