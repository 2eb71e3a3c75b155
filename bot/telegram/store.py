"""Per-chat settings (``ChatDefaults``) in the bot's database.

Reads are served from a bounded cache (LRU with a time limit, so another bot process's change
is seen within a minute). A change is one transaction that writes only the keys it changes,
and only if each still holds the value the change was based on: two administrators changing
different keys at once both persist; the one who lost a race on the same key is told.
Blocking database calls run in a worker thread (``asyncio.to_thread``).
"""

from __future__ import annotations

import asyncio
import datetime as dt
from decimal import Decimal

from cachetools import TTLCache
from sqlalchemy import Insert, and_, select, update
from sqlalchemy.engine import Engine

from bot.defaults import ChatDefaults
from bot.storage.engine import open_database
from bot.storage.schema import chat_settings
from bot.storage.upsert import insert_ignoring_conflicts

_FIELDS = tuple(ChatDefaults.model_fields)
CACHE_SIZE = 10_000
CACHE_SECONDS = 60.0


def changed_fields(before: ChatDefaults, after: ChatDefaults) -> dict[str, Decimal | None]:
    """The settings ``after`` gives a different value than ``before``."""
    return {
        name: getattr(after, name)
        for name in _FIELDS
        if getattr(after, name) != getattr(before, name)
    }


class ChatSettingsStore:
    """Load and change ``ChatDefaults`` per chat id."""

    def __init__(self, database: str | Engine) -> None:
        self._engine = open_database(database) if isinstance(database, str) else database
        self._cache: TTLCache[int, ChatDefaults] = TTLCache(CACHE_SIZE, CACHE_SECONDS)

    @property
    def engine(self) -> Engine:
        return self._engine

    def _load(self, chat_id: int) -> ChatDefaults:
        with self._engine.connect() as connection:
            row = connection.execute(
                select(*(chat_settings.c[name] for name in _FIELDS)).where(
                    chat_settings.c.chat_id == chat_id
                )
            ).first()
        if row is None:
            return ChatDefaults()
        return ChatDefaults(**dict(zip(_FIELDS, row, strict=True)))

    def _insert_defaults(self) -> Insert:
        values = {**ChatDefaults().model_dump(), "updated_at": dt.datetime.now(dt.UTC)}
        return insert_ignoring_conflicts(self._engine, chat_settings).values(**values)

    def _change(
        self, chat_id: int, before: ChatDefaults, after: ChatDefaults, user_id: int | None
    ) -> bool:
        changes = changed_fields(before, after)
        if not changes:
            return True
        conditions = [chat_settings.c.chat_id == chat_id]
        for name in changes:
            old = getattr(before, name)
            column = chat_settings.c[name]
            conditions.append(column.is_(None) if old is None else column == old)
        with self._engine.begin() as connection:
            connection.execute(self._insert_defaults().values(chat_id=chat_id))
            result = connection.execute(
                update(chat_settings)
                .where(and_(*conditions))
                .values(**changes, updated_by=user_id, updated_at=dt.datetime.now(dt.UTC))
            )
        return result.rowcount == 1

    async def open(self) -> None:
        """Nothing to do: the schema is migrated when the database is opened."""

    async def get(self, chat_id: int) -> ChatDefaults:
        """The chat's defaults (``ChatDefaults()`` until someone changes them)."""
        cached = self._cache.get(chat_id)
        if cached is not None:
            return cached
        loaded = await asyncio.to_thread(self._load, chat_id)
        self._cache[chat_id] = loaded
        return loaded

    async def change(
        self, chat_id: int, before: ChatDefaults, after: ChatDefaults, *, user_id: int | None
    ) -> bool:
        """Write the keys ``after`` changes relative to ``before``; False (nothing written) when
        one of them no longer holds its ``before`` value: someone else changed it meanwhile."""
        written = await asyncio.to_thread(self._change, chat_id, before, after, user_id)
        self._cache.pop(chat_id, None)
        return written

    async def set(self, chat_id: int, defaults: ChatDefaults, *, user_id: int | None) -> None:
        """Make ``defaults`` the chat's settings (whatever they were)."""
        current = await asyncio.to_thread(self._load, chat_id)
        await self.change(chat_id, current, defaults, user_id=user_id)

    def close(self) -> None:
        """Release the database connections."""
        self._engine.dispose()
