"""AIORateLimiter kept on: Telegram's 20 messages per minute per group, and 429 retries."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot.pipeline import answer
from tests.bot.fake_bot_api import FakeBotAPI
from tests.bot.harness import GROUP, sent_html, start_bot

pytestmark = pytest.mark.e2e

SEED = "开多2手 1000 平仓 1020 乘数100"


async def test_the_21st_group_message_in_a_minute_waits_other_chats_do_not(
    api: FakeBotAPI, database: Path
) -> None:
    async with start_bot(api, database, rate_limiter=True) as bot:
        for user in range(21):
            api.push_update(api.text_update(f"/c {SEED}", user_id=700 + user, chat_id=GROUP))
        await api.wait_for_calls("sendMessage", 20)
        await asyncio.sleep(0.3)
        assert api.count("sendMessage") == 20  # the 21st is held back by the group limit
        [private] = await bot.say(SEED, user_id=799)  # a private chat is not held back
        assert private.chat_id == 799
        await api.wait_for_calls("sendMessage", 22, timeout=10)

    group = [c for c in api.calls_to("sendMessage") if c.chat_id == GROUP]
    assert len(group) == 21 and all(c.ok and c.text == sent_html(SEED) for c in group)
    first = group[0].at
    assert group[19].at - first < 2.0
    assert group[20].at - first >= 2.5  # 60 s / 20 messages = one more every 3 s
    assert private.at < group[20].at


async def test_a_429_answer_is_retried_after_the_time_telegram_asks_for(
    api: FakeBotAPI, database: Path
) -> None:
    async with start_bot(api, database, rate_limiter=True) as bot:
        api.fail_next(
            "sendMessage", code=429, description="Too Many Requests: retry after 1", retry_after=1
        )
        calls = await bot.say(SEED, user_id=801, answers=2)
    failed, sent = calls
    assert (failed.ok, sent.ok) == (False, True)
    assert sent.at - failed.at >= 1.0
    assert sent.text == answer(SEED).html
