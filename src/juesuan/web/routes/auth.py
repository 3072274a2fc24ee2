"""Sign in and out. A successful login always issues a fresh session (no fixation)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from .. import security
from ..deps import Viewer, get_db, viewer
from ..models import User
from ..store import audit

router = APIRouter()


@router.post("/login")
def login(request: Request, username: str = Form(..., max_length=80), password: str = Form(..., max_length=200),
          db: Session = Depends(get_db, scope="function")) -> Response:
    settings = request.app.state.settings
    address = request.client.host if request.client else ""
    if security.too_many_attempts(db, username, address, settings):
        audit(db, None, "login_throttled", username, address)
        db.commit()
        raise HTTPException(429, "登录失败次数过多，请15分钟后再试 / too many failed logins, try again later")
    user = db.scalars(select(User).where(User.username == username)).first()
    ok = security.verify_password(password, user.password_hash if user else None) and bool(user and user.active)
    security.record_attempt(db, username, address, ok)
    if not ok or user is None:
        audit(db, None, "login_failed", username, address)
        db.commit()
        if "text/html" in request.headers.get("accept", ""):
            from .pages import page

            return page(request, "login.html", Viewer(None, None, address), status_code=401,
                        error="用户名或密码错误 / wrong user name or password")
        raise HTTPException(401, "用户名或密码错误 / wrong user name or password")
    security.close_session(db, request.cookies.get(security.COOKIE))
    token, _ = security.open_session(db, user, settings)
    audit(db, user, "login", username, address)
    response = RedirectResponse("/", status_code=303) if "text/html" in request.headers.get("accept", "") \
        else Response(status_code=204)
    response.set_cookie(security.COOKIE, token, httponly=True, samesite="lax", secure=settings.secure_cookies,
                        max_age=settings.session_hours * 3600, path="/")
    return response


@router.post("/logout")
def logout(request: Request, who: Viewer = Depends(viewer), db: Session = Depends(get_db, scope="function")) -> Response:
    security.close_session(db, request.cookies.get(security.COOKIE))
    if who.user:
        audit(db, who.user, "logout", who.user.username, who.address)
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(security.COOKIE, path="/")
    return response


@router.get("/api/me")
def me(who: Viewer = Depends(viewer)) -> dict:
    if who.user is None:
        return {"signed_in": False}
    user = who.user
    return {"signed_in": True, "username": user.username, "role": user.role, "department_id": user.department_id,
            "region_id": user.region_id, "csrf_token": who.csrf}
