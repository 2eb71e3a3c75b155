"""Which bot message answered which user message (blocking; call through
``asyncio.to_thread``).

An edited question edits its answer (found by the user's message id); a reply to an answer
changes that calculation (found by the bot's message id). Rows older than ``KEEP_SECONDS``
are removed as new ones are written, so the table stays bounded.
"""

from __future__ import annotations

import time
from typing import NamedTuple

from sqlalchemy import ColumnElement, and_, delete, select, update
from sqlalchemy.engine import Engine

from bot.storage.schema import answers
from bot.storage.upsert import insert_ignoring_conflicts

KEEP_SECONDS = 7 * 24 * 3600.0
"""A week: long enough to follow up on yesterday's answer, short enough to stay small."""


class Answer(NamedTuple):
    """One remembered answer."""

    message_id: int
    """The user's message that asked."""
    bot_message_id: int
    question: str


def remember(
    engine: Engine,
    chat_id: int,
    message_id: int,
    bot_message_id: int,
    question: str,
    *,
    now: float | None = None,
) -> None:
    """Record (or replace) the answer to ``message_id``; forget answers past their time
    (``now``: the wall-clock time, ``time.time()`` unless given)."""
    now = time.time() if now is None else now
    values = {"bot_message_id": bot_message_id, "question": question, "created_at": now}
    key = and_(answers.c.chat_id == chat_id, answers.c.message_id == message_id)
    with engine.begin() as connection:
        connection.execute(delete(answers).where(answers.c.created_at < now - KEEP_SECONDS))
        changed = connection.execute(update(answers).where(key).values(**values))
        if changed.rowcount == 0:
            connection.execute(
                insert_ignoring_conflicts(engine, answers).values(
                    chat_id=chat_id, message_id=message_id, **values
                )
            )


def _one(engine: Engine, condition: ColumnElement[bool]) -> Answer | None:
    columns = (answers.c.message_id, answers.c.bot_message_id, answers.c.question)
    with engine.connect() as connection:
        row = connection.execute(
            select(*columns).where(condition).order_by(answers.c.created_at.desc()).limit(1)
        ).first()
    return None if row is None else Answer(int(row[0]), int(row[1]), str(row[2]))


def answer_to(engine: Engine, chat_id: int, message_id: int) -> Answer | None:
    """The answer the bot gave to the user's ``message_id``."""
    return _one(engine, and_(answers.c.chat_id == chat_id, answers.c.message_id == message_id))


def answer_in(engine: Engine, chat_id: int, bot_message_id: int) -> Answer | None:
    """The answer that is the bot's ``bot_message_id``."""
    return _one(
        engine, and_(answers.c.chat_id == chat_id, answers.c.bot_message_id == bot_message_id)
    )
