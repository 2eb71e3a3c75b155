"""1,000 updates at once from 50 users in 10 groups: every one answered exactly once."""

from __future__ import annotations

import logging
import time
from collections import Counter

import pytest

from tests.bot.harness import BotHarness, sent_html

pytestmark = pytest.mark.e2e

USERS = 50
CHATS = 10
UPDATES = 1000


async def test_a_burst_of_1000_updates_is_answered_exactly_once_each(
    bot: BotHarness, caplog: pytest.LogCaptureFixture
) -> None:
    asked: dict[tuple[int, int], str] = {}
    started = time.monotonic()
    for i in range(UPDATES):
        user = 5000 + i % USERS
        chat = -100500 - (user % CHATS)  # 5 users in each of 10 groups
        question = f"开多{i % 9 + 1}手 {1000 + i} 平仓 {1010 + i} 乘数10"
        update = bot.api.text_update(f"/c {question}", user_id=user, chat_id=chat)
        bot.api.push_update(update)
        asked[(chat, update["message"]["message_id"])] = question
    assert len(asked) == UPDATES

    calls = await bot.api.wait_for_calls("sendMessage", UPDATES, timeout=60)
    elapsed = time.monotonic() - started
    await bot.settle(max(u for u in range(1, UPDATES + 1)))

    sent = bot.api.calls_to("sendMessage")
    assert len(sent) == UPDATES  # nothing answered twice
    answered = Counter((c.chat_id, c.reply_to_message_id) for c in sent)
    assert set(answered) == set(asked)  # none lost
    assert set(answered.values()) == {1}
    assert all(c.ok for c in calls)
    for call in sent:
        assert call.text == sent_html(asked[(call.chat_id, call.reply_to_message_id)], call.chat_id)  # type: ignore[index]
    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []
    print(f"\n{UPDATES} updates answered in {elapsed:.2f} s")
