"""Tables of the bot's database (the Alembic migrations create exactly these)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    Float,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator


class DecimalText(TypeDecorator[Decimal]):
    """A Decimal stored as its exact text (SQLite has no exact decimal type)."""

    impl = String(40)
    cache_ok = True

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> str | None:
        return None if value is None else str(value)

    def process_result_value(self, value: Any | None, dialect: Dialect) -> Decimal | None:
        return None if value is None else Decimal(str(value))


metadata = MetaData()

chat_settings = Table(
    "chat_settings",
    metadata,
    Column("chat_id", BigInteger, primary_key=True, autoincrement=False),
    Column("fee_per_lot", DecimalText),
    Column("fee_rate", DecimalText),
    Column("margin_rate", DecimalText),
    Column("warning_line", DecimalText, nullable=False),
    Column("forced_line", DecimalText, nullable=False),
    Column("crypto_mmr", DecimalText, nullable=False),
    Column("updated_by", BigInteger),
    Column("updated_at", DateTime(timezone=True)),
)
"""One chat's defaults; a missing row means ``ChatDefaults()``."""

PENDING = 0
CLAIMED = 1
DONE = 2

inbox = Table(
    "inbox",
    metadata,
    Column("update_id", BigInteger, primary_key=True, autoincrement=False),
    Column("chat_key", BigInteger, nullable=False),
    Column("payload", Text, nullable=False),
    Column("state", Integer, nullable=False, default=PENDING),
    Column("owner", String(40)),
    Column("lease_until", Float),  # time.time() until which owner's claim holds
    Column("received_at", Float, nullable=False),
    Column("done_at", Float),
    Index("ix_inbox_state_chat", "state", "chat_key", "update_id"),
)
"""Every update Telegram delivered, stored before its offset is confirmed (polling) or the
webhook answers 200. ``state``: PENDING → CLAIMED (by one process, with a lease) → DONE.
Done rows are kept a day so a re-delivered ``update_id`` is recognised."""

kv = Table(
    "kv",
    metadata,
    Column("key", String(100), primary_key=True),
    Column("value", Text, nullable=False),
)
"""Small JSON documents: the callback-data cache of the inline buttons."""

send_slots = Table(
    "send_slots",
    metadata,
    Column("bucket", String(40), primary_key=True),
    Column("next_at", Float, nullable=False),
)
"""Shared send limiter: the earliest wall-clock time the next message of a bucket (the whole
bot, or one group) may go out, for every bot process using this database."""

answers = Table(
    "answers",
    metadata,
    Column("chat_id", BigInteger, primary_key=True, autoincrement=False),
    Column("message_id", BigInteger, primary_key=True, autoincrement=False),
    Column("bot_message_id", BigInteger, nullable=False),
    Column("question", Text, nullable=False),
    Column("created_at", Float, nullable=False),
    Index("ix_answers_bot_message", "chat_id", "bot_message_id"),
    Index("ix_answers_created", "created_at"),
)
"""Which bot message answered which user message, and the question it computed: an edited
message edits its answer; a reply to an answer changes that calculation. Kept for
``bot.storage.answers.KEEP_SECONDS``."""
