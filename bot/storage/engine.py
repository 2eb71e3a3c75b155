"""Open the database: engine with sane SQLite settings, schema brought to the latest
migration, and errors a person can act on instead of a traceback."""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import SQLAlchemyError

logger = logging.getLogger(__name__)

SQLITE_BUSY_TIMEOUT_MS = 15_000


class DatabaseUnavailableError(Exception):
    """The database cannot be used; the message says which one and what to do."""


def describe(url: str | URL) -> str:
    """The database for people: the SQLite file, or the URL without its password."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return parsed.database or ":memory:"
    return parsed.render_as_string(hide_password=True)


def _sqlite_pragmas(connection: Any, record: object) -> None:
    cursor = connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.close()


def make_engine(url: str) -> Engine:
    """An engine for ``url``: SQLite in WAL mode with a busy timeout, psycopg 3 for
    ``postgresql://`` URLs (SQLAlchemy would pick psycopg2, which is not installed)."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(parsed)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(parsed, pool_pre_ping=True, pool_size=5, max_overflow=5)


def open_database(url: str) -> Engine:
    """Connect, check the file is a usable database, migrate to the latest schema.

    Raises ``DatabaseUnavailableError`` with a one-line explanation (never the password).
    """
    from bot.storage.migrate import upgrade

    where = describe(url)
    try:
        engine = make_engine(url)
        with engine.connect() as connection:
            if engine.dialect.name == "sqlite":
                _check_sqlite(connection, where)
            else:
                connection.execute(text("SELECT 1"))
        upgrade(engine)
    except DatabaseUnavailableError:
        raise
    except (SQLAlchemyError, OSError, ValueError) as error:
        reason = str(getattr(error, "orig", None) or error).splitlines()[0]
        raise DatabaseUnavailableError(
            f"数据库无法使用 / database unusable: {where} ({reason})。"
            "请检查 DATABASE_URL、文件权限，或从备份恢复 / check DATABASE_URL and "
            "permissions, or restore the file from a backup."
        ) from None
    return engine


def _check_sqlite(connection: Any, where: str) -> None:
    result = connection.execute(text("PRAGMA quick_check")).scalar()
    if result != "ok":
        raise DatabaseUnavailableError(
            f"数据库文件已损坏 / database file is corrupted: {where} ({result})。"
            "请从备份恢复，或移走该文件后重新启动（设置将丢失）/ restore it from a backup, "
            "or move it away and start again (settings are lost)."
        )
