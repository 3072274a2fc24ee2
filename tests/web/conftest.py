"""Workspace tests run against SQLite and against the real PostgreSQL of every project machine.

PostgreSQL (127.0.0.1:5432, trust auth, database ``test``) gets a fresh schema per test session
so that parallel runs and earlier runs do not meet; if the server is not there the PostgreSQL
half is skipped with the reason (CI always has it).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import pytest

from juesuan.fileformat import load

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "urumqi-iit-2022.yaml"
PG_URL = os.environ.get("JUESUAN_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def _postgres_url() -> str:
    sqlalchemy = pytest.importorskip("sqlalchemy")
    try:
        engine = sqlalchemy.create_engine(PG_URL)
        schema = "t_" + secrets.token_hex(6)
        with engine.begin() as connection:
            connection.exec_driver_sql(f"CREATE SCHEMA {schema}")
        engine.dispose()
    except Exception as exc:  # noqa: BLE001
        pytest.skip(f"PostgreSQL not reachable at {PG_URL}: {exc}")
    return f"{PG_URL}?options=-csearch_path%3D{schema}"


@pytest.fixture(scope="session", autouse=True)
def _cheap_password_hashing():
    """argon2 at its minimum cost here: the suite signs in hundreds of times; production keeps the default."""
    from argon2 import PasswordHasher

    from juesuan.web import security

    security.use_hasher(PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))


@pytest.fixture(scope="session", autouse=True)
def _jobs_run_in_the_test():
    from juesuan.web.jobs import huey

    huey.immediate = True


@pytest.fixture(params=["sqlite", "postgresql"])
def settings(request, tmp_path):
    from juesuan.web.settings import Settings

    url = f"sqlite:///{tmp_path / 'w.db'}" if request.param == "sqlite" else _postgres_url()
    return Settings(database_url=url, data_dir=tmp_path / "data", login_attempts=5)


@pytest.fixture
def app(settings):
    from juesuan.web.app import create_app

    application = create_app(settings)
    yield application
    application.state.engine.dispose()


@pytest.fixture
def seeded(app):
    """A region with two departments, users of every role, and one filing per department."""
    from juesuan.web.demo import seed_people

    with app.state.sessions() as db:
        people = seed_people(db, password="pw-test-123")
        db.commit()
    return people


@pytest.fixture(scope="session")
def example():
    return load(EXAMPLE)


@pytest.fixture(scope="session")
def example_disclosures_by_name():
    return {path.name: load(path) for path in sorted((ROOT / "examples").glob("*.yaml"))}
