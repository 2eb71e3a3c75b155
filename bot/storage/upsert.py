"""``INSERT … ON CONFLICT DO NOTHING`` for the database at hand (SQLite or PostgreSQL).

The dialect module is imported on first use, so a SQLite bot never loads PostgreSQL's.
"""

from __future__ import annotations

from sqlalchemy import Insert, Table
from sqlalchemy.engine import Engine


def insert_ignoring_conflicts(engine: Engine, table: Table) -> Insert:
    """An INSERT into ``table`` that skips rows whose primary key already exists."""
    if engine.dialect.name == "postgresql":
        from sqlalchemy.dialects import postgresql

        return postgresql.insert(table).on_conflict_do_nothing()
    from sqlalchemy.dialects import sqlite

    return sqlite.insert(table).on_conflict_do_nothing()
