"""Follow-ups by reply: replying to one of the bot's answers changes that calculation, and
the link between an answer and its question survives a restart."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.bot.fake_bot_api import FakeBotAPI, html_to_text
from tests.bot.harness import GROUP, BotHarness, start_bot

pytestmark = pytest.mark.e2e

BASE = "开多2手 rb 3500 平仓 3550"  # rb: 10 吨/手

FOLLOW_UPS = [
    ("改成3手", "平仓盈亏 +1,500.00 元"),  # (3,550 − 3,500) × 10 × 3
    ("平仓 3600 呢", "平仓盈亏 +2,000.00 元"),  # (3,600 − 3,500) × 10 × 2
    ("加一手", "平仓盈亏 +1,500.00 元"),  # 3 lots: 50 × 10 × 3
    ("换成 i", "平仓盈亏 +10,000.00 元"),  # i: 100 吨/手, 50 × 100 × 2
    # fee 0.01 % of each side's value: 2 × 3,500 × 10 × 0.0001 = 7.00 and
    # 2 × 3,550 × 10 × 0.0001 = 7.10; 1,000 − 14.10 = 985.90
    ("手续费按万分之一", "净盈亏 +985.90 元（已扣手续费）"),
]


def _headline(text: str) -> str:
    return html_to_text(text).splitlines()[0]


@pytest.mark.parametrize(("said", "expected"), FOLLOW_UPS)
async def test_a_reply_to_an_answer_changes_that_calculation(
    bot: BotHarness, said: str, expected: str
) -> None:
    [answered] = await bot.say(f"/c {BASE}", user_id=401, chat_id=GROUP)
    assert _headline(answered.text) == "平仓盈亏 +1,000.00 元"  # 50 × 10 × 2
    [call] = await bot.say(said, user_id=402, chat_id=GROUP, reply_to=answered.result)
    assert _headline(call.text) == expected
    assert call.reply_to_message_id == bot.api.last_user_message_id(GROUP)


async def test_a_stop_is_changed_in_a_private_chat_too(bot: BotHarness) -> None:
    [answered] = await bot.say("rb 开多2手 3500 止损3400", user_id=403)
    assert _headline(answered.text) == "止损 -2,000.00 元"  # (3,400 − 3,500) × 10 × 2
    [call] = await bot.say("止损改3450", user_id=403, reply_to=answered.result)
    assert _headline(call.text) == "止损 -1,000.00 元"  # (3,450 − 3,500) × 10 × 2


async def test_follow_ups_chain_and_survive_a_restart(api: FakeBotAPI, database: Path) -> None:
    async with start_bot(api, database) as bot:
        [answered] = await bot.say(f"/c {BASE}", user_id=404, chat_id=GROUP)
        [changed] = await bot.say("改成3手", user_id=404, chat_id=GROUP, reply_to=answered.result)
    async with start_bot(api, database) as restarted:
        [call] = await restarted.say(
            "平仓 3600 呢", user_id=404, chat_id=GROUP, reply_to=changed.result
        )
    assert _headline(call.text) == "平仓盈亏 +3,000.00 元"  # (3,600 − 3,500) × 10 × 3


async def test_a_new_question_in_reply_is_its_own_question(bot: BotHarness) -> None:
    [answered] = await bot.say(f"/c {BASE}", user_id=405, chat_id=GROUP)
    [call] = await bot.say(
        "开空1手 rb 3500 平仓 3450", user_id=405, chat_id=GROUP, reply_to=answered.result
    )
    assert _headline(call.text) == "平仓盈亏 +500.00 元"  # (3,500 − 3,450) × 10 × 1


async def test_an_edited_follow_up_edits_its_answer(bot: BotHarness) -> None:
    [answered] = await bot.say(f"/c {BASE}", user_id=406, chat_id=GROUP)
    [changed] = await bot.say("改成3手", user_id=406, chat_id=GROUP, reply_to=answered.result)
    follow = bot.api.message(GROUP, changed.reply_to_message_id or 0)
    assert follow is not None
    bot.api.push_update(bot.api.edited_update(follow, "改成4手"))
    [edit] = await bot.api.wait_for_calls("editMessageText", 1)
    assert edit.params["message_id"] == changed.result["message_id"]
    assert _headline(edit.text) == "平仓盈亏 +2,000.00 元"  # 50 × 10 × 4
