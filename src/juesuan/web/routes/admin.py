"""Administration: regions, departments, users, and the audit log (管理员 only)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from ...reference.profiles import list_profiles
from .. import rights, security, store
from ..deps import Viewer, get_db, require, signed_in
from ..models import AuditEntry, Department, Region, User

router = APIRouter(prefix="/api/admin")


class NewDepartment(BaseModel):
    name: str = Field(..., min_length=2, max_length=200)
    region: str = Field(..., min_length=2, max_length=100)
    profile: str = Field("xinjiang-2022", max_length=50)


class NewUser(BaseModel):
    username: str = Field(..., pattern=r"^[A-Za-z0-9_.-]{3,80}$")
    password: str = Field(..., min_length=10, max_length=200)
    role: str
    display_name: str = Field("", max_length=100)
    department_id: int | None = None
    region_id: int | None = None


@router.get("/departments")
def departments(who: Viewer = Depends(signed_in), db: Session = Depends(get_db, scope="function")) -> list[dict[str, Any]]:
    require(who, "manage")
    return [{"id": d.id, "name": d.name, "region": d.region.name, "region_id": d.region_id, "profile": d.profile}
            for d in db.scalars(select(Department).order_by(Department.id))]


@router.post("/departments", status_code=201)
def add_department(body: NewDepartment, who: Viewer = Depends(signed_in),
                   db: Session = Depends(get_db, scope="function")) -> dict[str, Any]:
    require(who, "manage")
    if body.profile not in list_profiles():
        raise HTTPException(422, f"未知模板 {body.profile!r}；可选：{', '.join(list_profiles())}")
    if db.scalars(select(Department).where(Department.name == body.name)).first():
        raise HTTPException(409, f"部门“{body.name}”已存在 / department exists")
    region = db.scalars(select(Region).where(Region.name == body.region)).first() or Region(name=body.region)
    db.add(region)
    db.flush()
    department = Department(name=body.name, region_id=region.id, profile=body.profile)
    db.add(department)
    db.flush()
    store.audit(db, who.user, "add_department", body.name, who.address)
    return {"id": department.id, "name": department.name, "region_id": region.id}


@router.get("/users")
def users(who: Viewer = Depends(signed_in), db: Session = Depends(get_db, scope="function")) -> list[dict[str, Any]]:
    require(who, "manage")
    return [{"id": u.id, "username": u.username, "display_name": u.display_name, "role": u.role,
             "department_id": u.department_id, "region_id": u.region_id, "active": u.active}
            for u in db.scalars(select(User).order_by(User.id))]


@router.post("/users", status_code=201)
def add_user(body: NewUser, who: Viewer = Depends(signed_in), db: Session = Depends(get_db, scope="function")):
    require(who, "manage")
    if body.role not in rights.ROLES:
        raise HTTPException(422, f"角色只能是 {', '.join(rights.ROLES)}")
    if body.role in ("filler", "head") and not (body.department_id and db.get(Department, body.department_id)):
        raise HTTPException(422, "部门用户须指定部门 / department users need a department")
    if body.role == "reviewer" and not (body.region_id and db.get(Region, body.region_id)):
        raise HTTPException(422, "审核人须指定地区 / reviewers need a region")
    if db.scalars(select(User).where(User.username == body.username)).first():
        raise HTTPException(409, "用户名已存在 / user name taken")
    user = User(username=body.username, display_name=body.display_name, role=body.role,
                password_hash=security.hash_password(body.password),
                department_id=body.department_id if body.role in ("filler", "head") else None,
                region_id=body.region_id if body.role == "reviewer" else None)
    db.add(user)
    db.flush()
    store.audit(db, who.user, "add_user", f"{body.username} {body.role}", who.address)
    return {"id": user.id, "username": user.username}


@router.get("/audit")
def audit_log(limit: int = 200, who: Viewer = Depends(signed_in), db: Session = Depends(get_db, scope="function")):
    require(who, "manage")
    rows = db.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(min(max(limit, 1), 1000)))
    return [{"at": e.at.isoformat(), "user_id": e.user_id, "action": e.action, "target": e.target,
             "address": e.address, "detail": e.detail} for e in rows]
