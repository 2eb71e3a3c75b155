"""Two bot processes in webhook mode sharing one PostgreSQL inbox (as behind a load balancer
that may deliver an update to both): every update answered exactly once, and together they
keep to Telegram's 30 messages per second."""

from __future__ import annotations

import asyncio
import bisect
import json
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from pathlib import Path

import aiohttp
import pytest

from tests.bot.fake_bot_api import FakeBotAPI
from tests.bot.harness import BotHarness, free_port, sent_html, start_bot

pytestmark = pytest.mark.e2e

SECRET = "shared_secret"


@pytest.fixture
async def api() -> AsyncIterator[FakeBotAPI]:
    async with FakeBotAPI() as server:
        yield server


async def _two_bots(
    stack: AsyncExitStack, api: FakeBotAPI, url: str, tmp_path: Path, **overrides: object
) -> list[tuple[BotHarness, int]]:
    bots = []
    for _ in range(2):
        port = free_port()
        harness = await stack.enter_async_context(
            start_bot(
                api,
                tmp_path / "unused.db",
                database_url=url,
                bot_mode="webhook",
                webhook_url=f"http://127.0.0.1:{port}/hook",
                webhook_secret=SECRET,
                webhook_port=port,
                **overrides,
            )
        )
        bots.append((harness, port))
    return bots


async def _post(session: aiohttp.ClientSession, port: int, update: dict[str, object]) -> int:
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET, "Content-Type": "application/json"}
    url = f"http://127.0.0.1:{port}/hook"
    async with session.post(url, data=json.dumps(update), headers=headers) as response:
        return response.status


async def test_an_update_delivered_to_both_bots_is_answered_once(
    api: FakeBotAPI, postgres_url: str, tmp_path: Path
) -> None:
    asked: dict[tuple[int, int], str] = {}
    async with AsyncExitStack() as stack:
        bots = await _two_bots(stack, api, postgres_url, tmp_path)
        async with aiohttp.ClientSession() as session:
            for i in range(120):
                question = f"开多{i % 9 + 1}手 {3000 + i} 平仓 {3010 + i} 乘数10"
                chat = -100300 - i % 12
                update = {
                    "update_id": 5000 + i,
                    **api.text_update(f"/c {question}", user_id=300 + i % 30, chat_id=chat),
                }
                asked[(chat, update["message"]["message_id"])] = question
                statuses = await asyncio.gather(*(_post(session, port, update) for _, port in bots))
                assert statuses == [200, 200]
        await api.wait_for_calls("sendMessage", 120, timeout=60)
        await asyncio.sleep(0.5)
    answered = Counter((c.chat_id, c.reply_to_message_id) for c in api.calls_to("sendMessage"))
    assert set(answered) == set(asked) and set(answered.values()) == {1}
    for call in api.calls_to("sendMessage"):
        question = asked[(call.chat_id, call.reply_to_message_id)]  # type: ignore[index]
        assert call.text == sent_html(question, call.chat_id)  # groups: the compact form


async def test_together_the_two_bots_send_at_most_30_messages_a_second(
    api: FakeBotAPI, postgres_url: str, tmp_path: Path
) -> None:
    async with AsyncExitStack() as stack:
        bots = await _two_bots(stack, api, postgres_url, tmp_path, rate_limiter=True)
        async with aiohttp.ClientSession() as session:
            for i in range(90):  # 90 private chats, alternately to each bot
                update = {"update_id": 7000 + i, **api.text_update("什么是平仓", user_id=400 + i)}
                assert await _post(session, bots[i % 2][1], update) == 200
        await api.wait_for_calls("sendMessage", 90, timeout=30)
    times = sorted(c.at for c in api.calls_to("sendMessage"))
    busiest = max(bisect.bisect_left(times, t + 1.0) - n for n, t in enumerate(times))
    # Two limiters of their own would let 60 a second through. Slots are reserved 1/30 s
    # apart; a process that wakes late for its slot (a busy machine) can bunch a few.
    assert busiest <= 36
    assert times[-1] - times[0] >= 89 / 30 - 0.1  # 90 messages: 89 gaps of 1/30 s at least
