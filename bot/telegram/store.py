"""Per-chat settings (``ChatDefaults``) kept in a SQLAlchemy database.

SQLite file by default (``DATABASE_URL`` picks another database). Blocking database calls
run in a worker thread (``asyncio.to_thread``); reads are served from an in-memory cache
after the first one, so answering a message costs no database round trip.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, DateTime, String, create_engine
from sqlalchemy.engine import Dialect, Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
from sqlalchemy.types import TypeDecorator

from bot.defaults import ChatDefaults


class DecimalText(TypeDecorator[Decimal]):
    """A Decimal stored as its exact text (SQLite has no exact decimal type)."""

    impl = String(40)
    cache_ok = True

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> str | None:
        return None if value is None else str(value)

    def process_result_value(self, value: Any | None, dialect: Dialect) -> Decimal | None:
        return None if value is None else Decimal(str(value))


class Base(DeclarativeBase):
    pass


class ChatSettingsRow(Base):
    """One chat's defaults; a missing row means ``ChatDefaults()``."""

    __tablename__ = "chat_settings"

    chat_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    fee_per_lot: Mapped[Decimal | None] = mapped_column(DecimalText)
    fee_rate: Mapped[Decimal | None] = mapped_column(DecimalText)
    margin_rate: Mapped[Decimal | None] = mapped_column(DecimalText)
    warning_line: Mapped[Decimal] = mapped_column(DecimalText)
    forced_line: Mapped[Decimal] = mapped_column(DecimalText)
    crypto_mmr: Mapped[Decimal] = mapped_column(DecimalText)
    updated_by: Mapped[int | None] = mapped_column(BigInteger)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


_FIELDS = tuple(ChatDefaults.model_fields)


def _to_defaults(row: ChatSettingsRow) -> ChatDefaults:
    return ChatDefaults(**{name: getattr(row, name) for name in _FIELDS})


class ChatSettingsStore:
    """Load and save ``ChatDefaults`` per chat id."""

    def __init__(self, database_url: str) -> None:
        self._engine: Engine = create_engine(database_url)
        self._cache: dict[int, ChatDefaults] = {}
        self._ready = False

    def _create_tables(self) -> None:
        if not self._ready:
            Base.metadata.create_all(self._engine)
            self._ready = True

    def _load(self, chat_id: int) -> ChatDefaults:
        self._create_tables()
        with Session(self._engine) as session:
            row = session.get(ChatSettingsRow, chat_id)
            return ChatDefaults() if row is None else _to_defaults(row)

    def _save(self, chat_id: int, defaults: ChatDefaults, user_id: int | None) -> None:
        self._create_tables()
        with Session(self._engine) as session, session.begin():
            row = session.get(ChatSettingsRow, chat_id) or ChatSettingsRow(chat_id=chat_id)
            for name in _FIELDS:
                setattr(row, name, getattr(defaults, name))
            row.updated_by = user_id
            row.updated_at = dt.datetime.now(dt.UTC)
            session.add(row)

    async def open(self) -> None:
        """Create the table if needed (run at start-up)."""
        await asyncio.to_thread(self._create_tables)

    async def get(self, chat_id: int) -> ChatDefaults:
        """The chat's defaults (``ChatDefaults()`` until someone changes them)."""
        cached = self._cache.get(chat_id)
        if cached is not None:
            return cached
        loaded = await asyncio.to_thread(self._load, chat_id)
        return self._cache.setdefault(chat_id, loaded)

    async def set(self, chat_id: int, defaults: ChatDefaults, *, user_id: int | None) -> None:
        """Persist new defaults for a chat (who changed them is kept for the record)."""
        await asyncio.to_thread(self._save, chat_id, defaults, user_id)
        self._cache[chat_id] = defaults

    def close(self) -> None:
        """Release the database connections."""
        self._engine.dispose()
