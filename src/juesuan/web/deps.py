"""Request-scoped dependencies: the database session, the signed-in user, CSRF, rights."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from fastapi import Depends, HTTPException, Request
from sqlalchemy.orm import Session

from . import rights, security
from .models import Filing, SessionRecord, User

UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def get_db(request: Request) -> Iterator[Session]:
    """One session per request, committed when the route returns — before the response is sent
    (``Depends(get_db, scope="function")``), so a client's next request sees the change."""
    db = request.app.state.sessions()
    try:
        yield db
        db.commit()
    except Exception:
        db.rollback()
        raise
    finally:
        db.close()


@dataclass
class Viewer:
    user: User | None
    session: SessionRecord | None
    address: str

    @property
    def csrf(self) -> str:
        return self.session.csrf_token if self.session else ""


async def viewer(request: Request, db: Session = Depends(get_db, scope="function")) -> Viewer:
    """Who is asking; for unsafe methods also checks the CSRF token of their session."""
    found = security.find_session(db, request.cookies.get(security.COOKIE))
    record, user = found if found else (None, None)
    address = request.client.host if request.client else ""
    if request.method in UNSAFE and user is not None:
        presented = request.headers.get("X-CSRF-Token")
        if presented is None and request.headers.get("content-type", "").startswith(
                ("application/x-www-form-urlencoded", "multipart/form-data")):
            presented = (await request.form()).get("csrf_token")  # type: ignore[assignment]
        if not security.csrf_ok(record, presented if isinstance(presented, str) else None):
            raise HTTPException(403, "CSRF 校验失败，请刷新页面后重试 / CSRF check failed")
    return Viewer(user, record, address)


def signed_in(who: Viewer = Depends(viewer)) -> Viewer:
    if who.user is None:
        raise HTTPException(401, "请先登录 / please sign in")
    return who


def require(who: Viewer, action: str, filing: Filing | None = None) -> None:
    if not rights.may(who.user, action, filing):
        raise HTTPException(403, "无权进行此操作 / not allowed")


def filing_or_404(db: Session, filing_id: int, who: Viewer) -> Filing:
    """The filing if it exists and is in the viewer's scope; 404 otherwise (no probing of ids)."""
    filing = db.get(Filing, filing_id)
    if filing is None or who.user is None or not rights.in_scope(who.user, filing):
        raise HTTPException(404, "找不到该决算公开 / no such filing")
    return filing
