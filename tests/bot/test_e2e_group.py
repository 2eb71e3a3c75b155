"""Trader groups with privacy mode: commands, mentions, replies; silence otherwise."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.telegram import texts
from tests.bot.fake_bot_api import BOT_USERNAME, FakeBotAPI
from tests.bot.harness import GROUP, BotHarness, sent_html, start_bot

pytestmark = pytest.mark.e2e

SEED = "开多2手 1000 平仓 1020 乘数100"


def _asking_id(bot: BotHarness) -> int | None:
    """message_id of the last message a user pushed into GROUP."""
    return bot.api.last_user_message_id(GROUP)


async def test_command_for_this_bot_is_answered_as_a_reply(bot: BotHarness) -> None:
    [call] = await bot.say(f"/calc@{BOT_USERNAME} {SEED}", user_id=11, chat_id=GROUP)
    assert call.ok and call.chat_id == GROUP
    assert call.text == sent_html(SEED)
    assert call.reply_to_message_id == _asking_id(bot)
    assert call.result["reply_to_message"]["message_id"] == _asking_id(bot)


async def test_plain_command_in_a_group_is_answered_too(bot: BotHarness) -> None:
    [call] = await bot.say(f"/pnl {SEED}", user_id=11, chat_id=GROUP)
    assert call.text == sent_html(SEED)
    assert call.reply_to_message_id == _asking_id(bot)


async def test_other_bots_commands_and_chatter_are_ignored(bot: BotHarness) -> None:
    ignored = [
        f"/calc@OtherTradingBot {SEED}",
        "今天螺纹又跌了，谁还拿着多单？",
        SEED,
        f"@SomeoneElse {SEED}",
        "/foo",
        "/foo@OtherTradingBot",
    ]
    for text in ignored:
        bot.api.push_update(bot.api.text_update(text, user_id=12, chat_id=GROUP))
    last = bot.api.push_update(
        bot.api.text_update(f"/c@{BOT_USERNAME} {SEED}", user_id=12, chat_id=GROUP)
    )
    [marker] = await bot.api.wait_for_calls("sendMessage", 1)
    await bot.settle(last)
    assert bot.api.calls_to("sendMessage") == [marker]
    assert marker.reply_to_message_id == _asking_id(bot)


async def test_a_mention_is_answered_without_the_mention(bot: BotHarness) -> None:
    [call] = await bot.say(f"@{BOT_USERNAME} {SEED}", user_id=13, chat_id=GROUP)
    assert call.text == sent_html(SEED)
    assert call.reply_to_message_id == _asking_id(bot)
    [call] = await bot.say(f"请问 @{BOT_USERNAME.lower()} 什么是穿仓", user_id=13, chat_id=GROUP)
    assert call.text == sent_html("请问 什么是穿仓")


async def test_a_bare_mention_gets_a_hint(bot: BotHarness) -> None:
    [call] = await bot.say(f"@{BOT_USERNAME}", user_id=13, chat_id=GROUP)
    assert call.text == texts.MENTION_ONLY_HTML


async def test_a_reply_to_the_bot_is_answered_a_reply_to_someone_else_is_not(
    bot: BotHarness,
) -> None:
    [help_call] = await bot.say(f"/help@{BOT_USERNAME}", user_id=14, chat_id=GROUP)
    bot_message = help_call.result
    [call] = await bot.say(
        "开空2手 1020 平仓 1000 乘数100", user_id=15, chat_id=GROUP, reply_to=bot_message
    )
    assert call.text == sent_html("开空2手 1020 平仓 1000 乘数100")
    assert call.reply_to_message_id == _asking_id(bot)

    someone = bot.api.text_update("我也这么想", user_id=16, chat_id=GROUP)["message"]
    last = bot.api.push_update(
        bot.api.text_update(SEED, user_id=15, chat_id=GROUP, reply_to=someone)
    )
    await bot.settle(last)
    assert bot.api.count("sendMessage") == 2


async def test_unknown_command_addressed_to_us_gets_a_hint(bot: BotHarness) -> None:
    [call] = await bot.say(f"/foo@{BOT_USERNAME}", user_id=17, chat_id=GROUP)
    assert call.text == texts.UNKNOWN_COMMAND_HTML
    assert call.reply_to_message_id == _asking_id(bot)


async def test_start_in_a_group_explains_how_to_ask(bot: BotHarness) -> None:
    [call] = await bot.say(f"/start@{BOT_USERNAME}", user_id=17, chat_id=GROUP)
    assert call.text == texts.start_html(private=False)


async def test_flood_guard_answers_a_few_then_warns_once_then_stays_silent(
    api: FakeBotAPI, database: Path
) -> None:
    async with start_bot(api, database, flood_limit=3, flood_window_seconds=60) as bot:
        for i in range(6):
            bot.api.push_update(
                bot.api.text_update(
                    f"/c 开多{i + 1}手 1000 平仓 1020 乘数100", user_id=21, chat_id=GROUP
                )
            )
        await bot.api.wait_for_calls("sendMessage", 4)
        [other] = await bot.say(f"/c {SEED}", user_id=22, chat_id=GROUP)
        assert other.text == sent_html(SEED)
        private = await bot.say(SEED, user_id=21)  # the guard is for groups only
        assert private[0].chat_id == 21
        sent = [c.text for c in bot.api.calls_to("sendMessage") if c.chat_id == GROUP]
        answers = sorted(sent_html(f"开多{i + 1}手 1000 平仓 1020 乘数100") for i in range(3))
        assert sorted(sent[:4]) == sorted([*answers, texts.FLOOD_HTML])
        assert sent.count(texts.FLOOD_HTML) == 1
        assert len(sent) == 5  # 3 answers + 1 warning for user 21, 1 answer for user 22
