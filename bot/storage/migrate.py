"""Alembic migrations, run programmatically at start-up (``alembic upgrade head`` from the
command line does the same with ``alembic.ini``)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine

MIGRATIONS = Path(__file__).with_name("migrations")
HEAD = "0002"
"""The newest revision; start-up skips Alembic entirely when the database is already there."""


def current_revision(engine: Engine) -> str | None:
    """The revision stamped in the database (None for a new or pre-Alembic database)."""
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        found = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        return None if found is None else str(found)


def _run(engine: Engine, verb: str, revision: str) -> None:
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        getattr(command, verb)(config, revision)


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to ``revision`` (the newest by default)."""
    if revision == "head" and current_revision(engine) == HEAD:
        return
    _run(engine, "upgrade", revision)


def downgrade(engine: Engine, revision: str) -> None:
    """Take the schema back to ``revision`` (``base``: before the first migration)."""
    _run(engine, "downgrade", revision)
