"""Send slots shared by every bot process using one database (blocking; use a thread).

Each bucket (the whole bot, or one group) has the earliest time its next message may go out.
Taking a slot moves that time on by the bucket's interval, under a row lock, so two processes
never take the same slot: together they stay within Telegram's limits.
"""

from __future__ import annotations

import time

from sqlalchemy import select, update
from sqlalchemy.engine import Engine

from bot.storage.schema import send_slots
from bot.storage.upsert import insert_ignoring_conflicts


def take_slot(engine: Engine, bucket: str, interval: float) -> float:
    """Reserve the next slot of ``bucket``; return the wall-clock time (time.time) it starts."""
    with engine.begin() as connection:
        connection.execute(
            insert_ignoring_conflicts(engine, send_slots).values(bucket=bucket, next_at=0.0)
        )
        next_at = connection.execute(
            select(send_slots.c.next_at).where(send_slots.c.bucket == bucket).with_for_update()
        ).scalar_one()
        slot = max(float(next_at), time.time())
        connection.execute(
            update(send_slots).where(send_slots.c.bucket == bucket).values(next_at=slot + interval)
        )
    return slot
