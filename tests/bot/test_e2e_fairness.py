"""One chat's flood must not hold another chat up; the flood guard covers private chats."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest

from bot.pipeline import answer
from bot.telegram import texts
from tests.bot.fake_bot_api import FakeBotAPI
from tests.bot.harness import GROUP, start_bot

pytestmark = pytest.mark.e2e

SEED = "开多2手 1000 平仓 1020 乘数100"


async def test_a_quiet_chat_is_answered_promptly_while_another_sends_300(
    api: FakeBotAPI, database: Path
) -> None:
    async with start_bot(api, database):
        for i in range(300):
            api.push_update(api.text_update(f"开多{i % 9 + 1}手 1000 平仓 1020 乘数10", user_id=61))
        await api.wait_for_calls("sendMessage", 5)  # the flood is being worked on
        asked_at = time.monotonic()
        api.push_update(api.text_update(SEED, user_id=62))
        while not any(c.chat_id == 62 for c in api.calls_to("sendMessage")):
            assert time.monotonic() - asked_at < 10
            await asyncio.sleep(0.01)
        waited = time.monotonic() - asked_at
        await api.wait_for_calls("sendMessage", 301, timeout=60)
    flood_done = [c.at for c in api.calls_to("sendMessage") if c.chat_id == 61]
    quiet_call = next(c for c in api.calls_to("sendMessage") if c.chat_id == 62)
    assert quiet_call.text == answer(SEED).html
    assert waited < 2.0  # the goal: at most a couple of seconds behind a flood
    assert quiet_call.at < flood_done[-1]  # it did not wait for the flood to finish


async def test_a_group_held_back_by_its_rate_limit_does_not_hold_up_others(
    api: FakeBotAPI, database: Path
) -> None:
    async with start_bot(api, database, rate_limiter=True) as bot:
        for user in range(40):
            api.push_update(api.text_update(f"/c {SEED}", user_id=700 + user, chat_id=GROUP))
        await api.wait_for_calls("sendMessage", 20)  # the group's minute is used up
        asked_at = time.monotonic()
        [private] = await bot.say(SEED, user_id=799)
    assert private.chat_id == 799 and private.at - asked_at < 2.0


async def test_the_flood_guard_applies_in_private_chats_too(
    api: FakeBotAPI, database: Path
) -> None:
    async with start_bot(api, database, flood_private_limit=3) as bot:
        for _ in range(6):
            api.push_update(api.text_update(SEED, user_id=63))
        await api.wait_for_calls("sendMessage", 4)
        await bot.say(SEED, user_id=64)  # another user, once everything before is handled
    sent = [c.text for c in api.calls_to("sendMessage") if c.chat_id == 63]
    assert sent == [answer(SEED).html] * 3 + [texts.FLOOD_HTML]  # 3 answers, 1 notice, silence
