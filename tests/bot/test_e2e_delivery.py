"""Sending under the faults a real deployment meets (injected by the fake Bot API): 429 storms,
5xx, HTML Telegram refuses, users who blocked the bot. Nothing lost, nothing twice, in order."""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from pathlib import Path

import pytest

from bot.pipeline import answer
from bot.telegram import texts
from bot.telegram.delivery import as_plain_text
from tests.bot.fake_bot_api import FakeBotAPI
from tests.bot.harness import sent_html, start_bot

pytestmark = pytest.mark.e2e


def _question(i: int) -> str:
    return f"开多{i % 9 + 1}手 {1000 + i} 平仓 {1010 + i} 乘数10"


def _push_group_questions(api: FakeBotAPI, count: int, groups: int) -> dict[tuple[int, int], str]:
    """``count`` /c questions spread over ``groups`` groups; (chat, message_id) → question."""
    asked: dict[tuple[int, int], str] = {}
    for i in range(count):
        chat = -100700 - i % groups
        update = api.text_update(f"/c {_question(i)}", user_id=7000 + i % 50, chat_id=chat)
        api.push_update(update)
        asked[(chat, update["message"]["message_id"])] = _question(i)
    return asked


def _delivered(api: FakeBotAPI) -> Counter[tuple[int | str | None, int | None]]:
    return Counter((c.chat_id, c.reply_to_message_id) for c in api.calls_to("sendMessage") if c.ok)


async def _wait_delivered(api: FakeBotAPI, count: int, within: float) -> None:
    deadline = asyncio.get_running_loop().time() + within
    while sum(1 for c in api.calls_to("sendMessage") if c.ok) < count:
        assert asyncio.get_running_loop().time() < deadline, "replies missing"
        await asyncio.sleep(0.05)


async def test_a_429_storm_delays_answers_but_loses_none(api: FakeBotAPI, database: Path) -> None:
    # Every sendMessage is refused with retry_after=1 for 3 s while 60 questions arrive:
    # each waits 1 s per refusal (three or four refusals), more than the old limit of 2.
    api.fail_for("sendMessage", 3.0, code=429, description="Too Many Requests", retry_after=1)
    async with start_bot(api, database):
        asked = _push_group_questions(api, 60, groups=6)
        await _wait_delivered(api, 60, within=20)
        await asyncio.sleep(0.3)
    delivered = _delivered(api)
    assert set(delivered) == set(asked) and set(delivered.values()) == {1}
    refused = [c for c in api.calls_to("sendMessage") if not c.ok]
    assert refused and all("Too Many Requests" in str(c.result) for c in refused)
    for call in api.calls_to("sendMessage"):
        if call.ok:
            question = asked[(call.chat_id, call.reply_to_message_id)]  # type: ignore[index]
            assert call.text == sent_html(question, call.chat_id)


async def test_502_on_a_tenth_of_sends_is_retried_until_every_answer_is_in(
    api: FakeBotAPI, database: Path, caplog: pytest.LogCaptureFixture
) -> None:
    api.fail_randomly("sendMessage", 0.10, code=502, description="Bad Gateway")
    async with start_bot(api, database):
        asked = _push_group_questions(api, 300, groups=10)
        await _wait_delivered(api, 300, within=60)
        await asyncio.sleep(0.3)
    delivered = _delivered(api)
    assert set(delivered) == set(asked) and set(delivered.values()) == {1}
    failed = [c for c in api.calls_to("sendMessage") if not c.ok]
    assert len(failed) >= 10  # about 10 % of 300+ calls were refused
    assert all(c.text != texts.APOLOGY_HTML for c in api.calls_to("sendMessage"))
    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []


async def test_answers_in_one_chat_keep_their_order_through_retries(
    api: FakeBotAPI, database: Path
) -> None:
    api.fail_randomly("sendMessage", 0.3, code=500, description="Internal Server Error", seed=3)
    async with start_bot(api, database):
        asked = _push_group_questions(api, 30, groups=1)
        await _wait_delivered(api, 30, within=30)
    order = [c.reply_to_message_id for c in api.calls_to("sendMessage") if c.ok]
    assert order == [message_id for _, message_id in asked]  # the order they were asked in


async def test_html_telegram_refuses_is_sent_once_more_as_plain_text(
    api: FakeBotAPI, database: Path
) -> None:
    question = "开多2手 1000 平仓 1020 乘数100"
    api.fail_next("sendMessage", description="Bad Request: can't parse entities: injected")
    async with start_bot(api, database) as bot:
        refused, plain = await bot.say(question, user_id=41, answers=2)
    assert not refused.ok and refused.params["parse_mode"] == "HTML"
    assert plain.ok and "parse_mode" not in plain.params
    expected = as_plain_text({"text": answer(question).html})["text"]
    assert plain.text == expected and "<" not in expected
    assert api.count("sendMessage") == 2  # no apology after it


def test_plain_text_drops_tags_and_decodes_entities() -> None:
    plain = as_plain_text({"text": "<b>盈亏</b> &lt;1&gt; &amp; 2", "parse_mode": "HTML", "a": 1})
    assert plain == {"text": "盈亏 <1> & 2", "a": 1}


async def test_a_user_who_blocked_the_bot_is_logged_and_dropped(
    api: FakeBotAPI, database: Path, caplog: pytest.LogCaptureFixture
) -> None:
    api.fail_next("sendMessage", code=403, description="Forbidden: bot was blocked by the user")
    async with start_bot(api, database) as bot:
        [blocked] = await bot.say("开多2手 1000 平仓 1020 乘数100", user_id=42)
        [next_one] = await bot.say("开多1手 1000 平仓 1020 乘数100", user_id=43)
    assert not blocked.ok and next_one.ok and next_one.chat_id == 43
    assert api.count("sendMessage") == 2  # no retry, no apology to someone who blocked us
    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []
    assert any("bot was blocked" in r.getMessage() for r in caplog.records)
