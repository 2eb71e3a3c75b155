"""Alembic environment: uses the connection handed over by ``bot.storage.migrate`` or, from
the ``alembic`` command line, ``DATABASE_URL`` (default: the SQLite file in the cwd)."""

from __future__ import annotations

import os

from alembic import context
from sqlalchemy.engine import Connection

from bot.storage.engine import make_engine
from bot.storage.schema import metadata


def _migrate(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=metadata)
    with context.begin_transaction():
        context.run_migrations()


def run() -> None:
    given = context.config.attributes.get("connection")
    if isinstance(given, Connection):
        _migrate(given)
        return
    engine = make_engine(os.environ.get("DATABASE_URL", "sqlite:///pingcang.db"))
    with engine.begin() as connection:
        _migrate(connection)
    engine.dispose()


run()
