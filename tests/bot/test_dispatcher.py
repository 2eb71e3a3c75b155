"""The dispatcher: an update that cannot be read is dropped (logged), not retried forever;
polling survives getUpdates failures."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import pytest

from bot.pipeline import answer
from bot.storage.engine import open_database
from bot.storage.inbox import Inbox, InboxItem, Incoming
from bot.storage.schema import DONE
from bot.telegram.dispatcher import Dispatcher
from tests.bot.fake_bot_api import FakeBotAPI
from tests.bot.harness import start_bot


async def test_an_unreadable_update_is_logged_and_dropped(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    engine = open_database(f"sqlite:///{tmp_path / 'd.db'}")
    inbox = Inbox(engine)
    inbox.add([Incoming(1, 5, "not json"), Incoming(2, 5, '{"ok": 1}')])
    handled: list[int] = []

    async def handle(item: InboxItem) -> None:
        if item.payload == "not json":
            raise ValueError("unreadable")
        handled.append(item.update_id)

    dispatcher = Dispatcher(inbox, handle, workers=2)
    dispatcher.start()
    for _ in range(100):
        if handled:
            break
        await asyncio.sleep(0.02)
    await dispatcher.stop(grace=1.0)
    assert handled == [2]
    assert inbox.counts() == {DONE: 2}
    [record] = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert "update_id=1 could not be handled; dropped" in record.getMessage()
    engine.dispose()


@pytest.mark.e2e
async def test_polling_goes_on_after_getupdates_fails(api: FakeBotAPI, database: Path) -> None:
    seed = "开多2手 1000 平仓 1020 乘数100"
    api.fail_next("getUpdates", code=409, description="Conflict: terminated by other getUpdates")
    api.fail_next("getUpdates", code=502, description="Bad Gateway")
    async with start_bot(api, database) as bot:
        [call] = await bot.say(seed, user_id=71)
    assert call.text == answer(seed).html
    failed = [c for c in api.calls_to("getUpdates") if not c.ok]
    assert len(failed) == 2
