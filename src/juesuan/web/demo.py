"""Seed data: a bureau's region, departments, users of every role, and their filings.

``seed_people`` is what the tests and ``juesuan serve --demo`` share: region 乌鲁木齐市 (two
departments, a reviewer) and region 上海市普陀区 (one department, a reviewer), so that
scope (a department sees only its own; a reviewer only their region) can be tested.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from sqlalchemy.orm import Session

from .. import fileformat
from . import store
from .models import Department, Region, User
from .security import hash_password

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"


@dataclass
class People:
    users: dict[str, User]
    departments: dict[str, Department]
    filings: dict[str, int]


USERS = (  # username, role, department key, region key, display name
    ("filler_a1", "filler", "a1", None, "工信局填报人"),
    ("head_a1", "head", "a1", None, "工信局负责人"),
    ("filler_a2", "filler", "a2", None, "另一局填报人"),
    ("head_a2", "head", "a2", None, "另一局负责人"),
    ("filler_b1", "filler", "b1", None, "普陀财政局填报人"),
    ("head_b1", "head", "b1", None, "普陀财政局负责人"),
    ("reviewer_a", "reviewer", None, "a", "乌鲁木齐市财政局审核人"),
    ("reviewer_b", "reviewer", None, "b", "普陀区财政局审核人"),
    ("admin", "admin", None, None, "管理员"),
)


@lru_cache(maxsize=None)
def _example(name: str):
    return fileformat.load(EXAMPLES / name)  # frozen models: one load serves every seeding


def seed_people(db: Session, password: str, without_filing: tuple[str, ...] = ()) -> People:
    regions = {"a": Region(name="新疆维吾尔自治区乌鲁木齐市"), "b": Region(name="上海市普陀区")}
    db.add_all(regions.values())
    db.flush()
    urumqi, shanghai = _example("urumqi-iit-2022.yaml"), _example("shanghai-putuo-czj-2024.yaml")
    other = urumqi.model_copy(update={"meta": urumqi.meta.model_copy(update={"department": "乌鲁木齐市示例局"})})
    sources = {"a1": urumqi, "a2": other, "b1": shanghai}
    departments = {
        "a1": Department(name=urumqi.meta.department, region_id=regions["a"].id, profile=urumqi.meta.profile),
        "a2": Department(name="乌鲁木齐市示例局", region_id=regions["a"].id, profile=urumqi.meta.profile),
        "b1": Department(name=shanghai.meta.department, region_id=regions["b"].id, profile=shanghai.meta.profile),
    }
    db.add_all(departments.values())
    db.flush()
    hashed = hash_password(password)  # one hash for all demo users: argon2 is slow by design
    users = {}
    for username, role, department, region, display in USERS:
        users[username] = User(username=username, role=role, display_name=display, password_hash=hashed,
                               department_id=departments[department].id if department else None,
                               region_id=regions[region].id if region else None)
    db.add_all(users.values())
    db.flush()
    filings = {key: store.create_filing(db, departments[key].id, sources[key], users[f"filler_{key}"]).version.filing_id
               for key in departments if key not in without_filing}
    return People(users, departments, filings)


def publish_directly(db: Session, filing_id: int, publisher: User) -> int:
    """Publish a filing's current version without the review steps (demo and test seeding only)."""
    from .models import Filing
    from .publish import publish

    filing = db.get(Filing, filing_id)
    filing.status = publish(db, filing, store.current_version(db, filing), publisher, "")
    db.flush()
    from sqlalchemy import select

    from .models import Publication

    return db.scalars(select(Publication).where(Publication.filing_id == filing_id)).one().id


def seed_demo(sessions) -> str | None:
    """Seed an empty workspace once: a bureau's two regions, three departments — the two examples
    (published, so the portal has content) and one started from the fill-in workbook
    (examples/workbook, a draft) — and users of every role. Returns the demo password, or None
    when users already exist."""
    import secrets

    from sqlalchemy import func, select

    from .importing import read_uploads

    with sessions() as db:
        if db.scalar(select(func.count()).select_from(User)):
            return None
        password = "demo-" + secrets.token_hex(4)
        people = seed_people(db, password, without_filing=("a2",))
        department = people.departments["a2"]
        disclosure, _ = read_uploads([EXAMPLES / "workbook" / "urumqi-iit-2022.xlsx"], department.name,
                                     department.profile)
        store.create_filing(db, department.id, disclosure, people.users["filler_a2"], note="由填报工作簿导入")
        for key in ("a1", "b1"):
            publish_directly(db, people.filings[key], people.users["admin"])
        db.commit()
    return password
