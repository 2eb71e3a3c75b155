"""Bounded memory: per-user and per-chat structures are capped; a large inbox backlog is
taken in bounded batches instead of being pulled into memory."""

from __future__ import annotations

import asyncio
from pathlib import Path

from bot.storage.engine import open_database
from bot.storage.inbox import Inbox, InboxItem, Incoming
from bot.telegram.dispatcher import Dispatcher
from bot.telegram.flood import FloodGuard, Verdict


def test_the_flood_guard_remembers_at_most_its_capacity() -> None:
    guard = FloodGuard(limit=3, window_seconds=30, capacity=1000)
    for user in range(20_000):
        assert guard.check(user, user, now=1.0, private=True) is Verdict.ANSWER
    assert len(guard) == 1000


async def test_a_backlog_of_5000_is_worked_through_in_bounded_batches(tmp_path: Path) -> None:
    engine = open_database(f"sqlite:///{tmp_path / 'b.db'}")
    inbox = Inbox(engine)
    # 5,000 updates from 1,000 chats, 5 each (chat = update_id mod 1000).
    inbox.add(Incoming(n, n % 1000, "{}") for n in range(5000))
    most_in_memory = 0
    handled: list[int] = []

    async def handle(item: InboxItem) -> None:
        nonlocal most_in_memory
        pending_in_db = inbox.counts()
        claimed = pending_in_db.get(1, 0)  # claimed = loaded into this process
        most_in_memory = max(most_in_memory, claimed)
        handled.append(item.update_id)

    dispatcher = Dispatcher(inbox, handle, workers=4, per_chat=2, batch=200)
    dispatcher.start()
    for _ in range(600):
        if len(handled) == 5000:
            break
        await asyncio.sleep(0.05)
    await dispatcher.stop(grace=1.0)
    assert sorted(handled) == list(range(5000))
    assert most_in_memory <= 200
    engine.dispose()
