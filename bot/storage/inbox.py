"""The update inbox: store first, confirm to Telegram after, process from here.

Every update is inserted (keyed by ``update_id``, duplicates ignored) before polling
confirms its offset or the webhook answers 200. Processes claim pending updates with a lease
(``SELECT … FOR UPDATE SKIP LOCKED`` on PostgreSQL), at most a few per chat at a time and
never a chat another live process is working on, and mark each done once its reply was
accepted. All methods block: call them through ``asyncio.to_thread``.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import and_, delete, func, or_, select, update
from sqlalchemy.engine import Engine

from bot.storage.schema import CLAIMED, DONE, PENDING, inbox
from bot.storage.upsert import insert_ignoring_conflicts

KEEP_DONE_SECONDS = 24 * 3600.0


@dataclass(frozen=True)
class InboxItem:
    update_id: int
    chat_key: int
    payload: str


@dataclass(frozen=True)
class Incoming:
    update_id: int
    chat_key: int
    payload: str


class Inbox:
    """One process's handle on the shared inbox table."""

    def __init__(self, engine: Engine, *, lease_seconds: float = 60.0) -> None:
        self.engine = engine
        self.lease_seconds = lease_seconds
        self.owner = secrets.token_hex(8)

    def add(self, updates: Iterable[Incoming]) -> int:
        """Store updates not seen before; return how many were new."""
        rows = [
            {
                "update_id": u.update_id,
                "chat_key": u.chat_key,
                "payload": u.payload,
                "state": PENDING,
                "received_at": time.time(),
            }
            for u in updates
        ]
        if not rows:
            return 0
        statement = insert_ignoring_conflicts(self.engine, inbox).returning(inbox.c.update_id)
        with self.engine.begin() as connection:
            result = connection.execute(statement, rows)
            return len(result.all())

    def claim(self, *, limit: int, per_chat: int) -> list[InboxItem]:
        """Claim up to ``limit`` pending updates, oldest first, at most ``per_chat`` of each chat,
        skipping chats that another live process has claimed work in."""
        now = time.time()
        others = (
            select(inbox.c.chat_key)
            .where(inbox.c.state == CLAIMED, inbox.c.owner != self.owner)
            .where(inbox.c.lease_until > now)
        )
        ranked = (
            select(
                inbox.c.update_id,
                func.row_number()
                .over(partition_by=inbox.c.chat_key, order_by=inbox.c.update_id)
                .label("rank"),
            )
            .where(inbox.c.state == PENDING, inbox.c.chat_key.not_in(others))
            .subquery()
        )
        candidates = (
            select(ranked.c.update_id)
            .where(ranked.c.rank <= per_chat)
            .order_by(ranked.c.update_id)
            .limit(limit)
        )
        with self.engine.begin() as connection:
            ids = list(connection.execute(candidates).scalars())
            if ids and self.engine.dialect.name == "postgresql":
                locked = (
                    select(inbox.c.update_id)
                    .where(inbox.c.update_id.in_(ids), inbox.c.state == PENDING)
                    .with_for_update(skip_locked=True)
                )
                ids = list(connection.execute(locked).scalars())
            if not ids:
                return []
            # Conditional on still being pending: of two claims racing for a row, one wins
            # (row locks on PostgreSQL, a single writer on SQLite).
            rows = connection.execute(
                update(inbox)
                .where(inbox.c.update_id.in_(ids), inbox.c.state == PENDING)
                .values(state=CLAIMED, owner=self.owner, lease_until=now + self.lease_seconds)
                .returning(inbox.c.update_id, inbox.c.chat_key, inbox.c.payload)
            ).all()
        items = [InboxItem(int(r[0]), int(r[1]), str(r[2])) for r in rows]
        items.sort(key=lambda item: item.update_id)
        return items

    def done(self, update_id: int) -> None:
        """The update's reply was accepted (or the update needs none): never process it again."""
        with self.engine.begin() as connection:
            connection.execute(
                update(inbox)
                .where(inbox.c.update_id == update_id)
                .values(state=DONE, payload="", owner=None, lease_until=None, done_at=time.time())
            )

    def release(self, update_ids: Iterable[int] | None = None) -> int:
        """Hand claimed updates back (all of this process's by default), e.g. at shutdown."""
        condition = and_(inbox.c.state == CLAIMED, inbox.c.owner == self.owner)
        if update_ids is not None:
            condition = and_(condition, inbox.c.update_id.in_(list(update_ids)))
        with self.engine.begin() as connection:
            result = connection.execute(
                update(inbox).where(condition).values(state=PENDING, owner=None, lease_until=None)
            )
        return max(result.rowcount, 0)

    def renew(self) -> None:
        """Extend the lease of everything this process holds (called periodically)."""
        with self.engine.begin() as connection:
            connection.execute(
                update(inbox)
                .where(inbox.c.state == CLAIMED, inbox.c.owner == self.owner)
                .values(lease_until=time.time() + self.lease_seconds)
            )

    def recover(self, *, everything: bool = False) -> int:
        """Return updates whose claim lapsed (their process died) to the pending state.

        ``everything``: also claims still within their lease — right at start-up when this is
        the only process (SQLite), so the updates in flight at a crash are answered at once.
        """
        condition = inbox.c.state == CLAIMED
        if not everything:
            lapsed = or_(inbox.c.lease_until.is_(None), inbox.c.lease_until < time.time())
            condition = and_(condition, lapsed)
        with self.engine.begin() as connection:
            result = connection.execute(
                update(inbox).where(condition).values(state=PENDING, owner=None, lease_until=None)
            )
        return max(result.rowcount, 0)

    def prune(self, older_than: float = KEEP_DONE_SECONDS) -> int:
        """Forget done updates older than ``older_than`` seconds."""
        cutoff = time.time() - older_than
        with self.engine.begin() as connection:
            result = connection.execute(
                delete(inbox).where(inbox.c.state == DONE, inbox.c.done_at < cutoff)
            )
        return max(result.rowcount, 0)

    def counts(self) -> dict[int, int]:
        """How many updates are in each state (PENDING, CLAIMED, DONE)."""
        with self.engine.connect() as connection:
            rows = connection.execute(
                select(inbox.c.state, func.count()).group_by(inbox.c.state)
            ).all()
        return {int(state): int(count) for state, count in rows}
