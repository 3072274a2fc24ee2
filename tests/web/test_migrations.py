"""Alembic: upgrade from empty builds exactly the models' tables; downgrade removes them all."""

from __future__ import annotations

from sqlalchemy import inspect

from juesuan.web import db as database
from juesuan.web.migrate import downgrade, upgrade
from juesuan.web.models import Base


def test_upgrade_from_empty_then_downgrade(settings):
    engine = database.make_engine(settings)
    upgrade(engine)
    tables = set(inspect(engine).get_table_names()) - {"alembic_version"}
    assert tables == set(Base.metadata.tables)
    for name, table in Base.metadata.tables.items():
        columns = {c["name"] for c in inspect(engine).get_columns(name)}
        assert columns == {c.name for c in table.columns}, name
    downgrade(engine)
    assert set(inspect(engine).get_table_names()) - {"alembic_version"} == set()
    upgrade(engine)  # and up again: the migration is repeatable
    assert set(inspect(engine).get_table_names()) - {"alembic_version"} == set(Base.metadata.tables)
    engine.dispose()
