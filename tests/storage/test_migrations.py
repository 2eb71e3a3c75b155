"""Alembic migrations build the schema on SQLite and PostgreSQL, and adopt a database made
before migrations existed."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text

from bot.storage.engine import DatabaseUnavailableError, describe, make_engine, open_database
from bot.storage.migrate import HEAD, current_revision, downgrade, upgrade

TABLES = {"alembic_version", "answers", "chat_settings", "inbox", "kv", "send_slots"}


def test_a_new_database_is_migrated_to_the_newest_revision(database_url: str) -> None:
    engine = open_database(database_url)
    assert set(inspect(engine).get_table_names()) == TABLES
    assert current_revision(engine) == HEAD
    open_database(database_url).dispose()  # opening again changes nothing
    downgrade(engine, "base")
    assert set(inspect(engine).get_table_names()) == {"alembic_version", "chat_settings"}
    upgrade(engine)
    assert current_revision(engine) == HEAD
    engine.dispose()


def test_a_database_from_before_migrations_keeps_its_settings(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    old = create_engine(url)
    with old.begin() as connection:  # the table as the earlier create_all() made it
        connection.execute(
            text(
                "CREATE TABLE chat_settings (chat_id BIGINT PRIMARY KEY, fee_per_lot VARCHAR(40),"
                " fee_rate VARCHAR(40), margin_rate VARCHAR(40), warning_line VARCHAR(40) NOT"
                " NULL, forced_line VARCHAR(40) NOT NULL, crypto_mmr VARCHAR(40) NOT NULL,"
                " updated_by BIGINT, updated_at DATETIME NOT NULL)"
            )
        )
        connection.execute(
            text(
                "INSERT INTO chat_settings VALUES (-5, '3', NULL, NULL, '0.8', '1.0', '0.005',"
                " 1, '2026-01-01 00:00:00')"
            )
        )
    old.dispose()
    engine = open_database(url)
    with engine.connect() as connection:
        fee = connection.execute(text("SELECT fee_per_lot FROM chat_settings")).scalar()
    assert fee == "3" and current_revision(engine) == HEAD
    engine.dispose()


def test_postgresql_urls_use_psycopg_3() -> None:
    engine = make_engine("postgresql://u:secret@127.0.0.1:1/db")
    assert engine.dialect.driver == "psycopg"
    assert describe("postgresql://u:secret@127.0.0.1:1/db") == "postgresql://u:***@127.0.0.1:1/db"


def test_an_unreachable_server_is_explained_without_the_password() -> None:
    port = 1  # nothing listens there
    with pytest.raises(DatabaseUnavailableError) as raised:
        open_database(f"postgresql://u:hunter2@127.0.0.1:{port}/db")
    assert "127.0.0.1:1/db" in str(raised.value) and "hunter2" not in str(raised.value)
