"""Small JSON documents by key (blocking; call through ``asyncio.to_thread``)."""

from __future__ import annotations

import json

from sqlalchemy import select, update
from sqlalchemy.engine import Engine

from bot.storage.schema import kv

JSONValue = object


def load(engine: Engine, key: str) -> JSONValue | None:
    """The document stored under ``key``, or None."""
    with engine.connect() as connection:
        found = connection.execute(select(kv.c.value).where(kv.c.key == key)).scalar()
    return None if found is None else json.loads(found)


def save(engine: Engine, key: str, value: JSONValue) -> None:
    """Store ``value`` (JSON-serialisable) under ``key``, replacing what was there."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    with engine.begin() as connection:
        changed = connection.execute(update(kv).where(kv.c.key == key).values(value=text))
        if changed.rowcount == 0:
            connection.execute(kv.insert().values(key=key, value=text))
