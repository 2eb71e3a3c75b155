"""Inline mode and the follow-up buttons under an answer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.pipeline import answer
from bot.telegram import texts
from bot.telegram.format import split_html, working_html
from tests.bot.fake_bot_api import BOT_USERNAME, FakeBotAPI
from tests.bot.harness import BotHarness, start_bot

pytestmark = pytest.mark.e2e

SEED = "开多2手 1000 平仓 1020 乘数100"


async def _inline(bot: BotHarness, query: str, chat_type: str = "sender") -> dict[str, Any]:
    before = bot.api.count("answerInlineQuery")
    update = bot.api.inline_query_update(query, user_id=31, chat_type=chat_type)
    bot.api.push_update(update)
    calls = await bot.api.wait_for_calls("answerInlineQuery", before + 1)
    call = calls[-1]
    assert call.ok
    assert call.params["inline_query_id"] == update["inline_query"]["id"]
    return call.params


async def test_inline_query_offers_the_computed_answer(bot: BotHarness) -> None:
    params = await _inline(bot, f"  {SEED} ")
    [first] = params["results"]
    assert first["type"] == "article"
    assert first["title"] == "平仓盈亏 +4,000.00 元"  # (1,020 − 1,000) × 100 × 2
    assert first["description"] == "我理解为：多头 2 手 @1000 → 平仓 @1020，乘数 100"
    assert first["input_message_content"] == {
        "message_text": split_html(answer(SEED).html)[0],
        "parse_mode": "HTML",
        "link_preview_options": {"is_disabled": True},
    }
    assert params["is_personal"] is False  # no settings of this user apply
    assert 60 <= params["cache_time"] <= 3600
    assert "button" not in params


async def test_inline_answer_sent_into_a_group_is_the_compact_form(bot: BotHarness) -> None:
    params = await _inline(bot, SEED, chat_type="supergroup")
    [first] = params["results"]
    text = first["input_message_content"]["message_text"]
    assert (
        text == "平仓盈亏 +4,000.00 元\n<pre>平仓盈亏  +4,000.00 元\n持仓        已全部平仓</pre>"
    )


@pytest.mark.parametrize(
    "query", ["", "开多2手 1000 平仓", "开多2手 1000", "权益10万 开多", "随便说点什么", "好的"]
)
async def test_empty_incomplete_or_unreadable_query_gets_only_the_help_button(
    bot: BotHarness, query: str
) -> None:
    params = await _inline(bot, query)
    assert params["results"] == []  # never an error article while typing
    assert params["button"] == {"text": texts.INLINE_HELP_BUTTON, "start_parameter": "inline_help"}


async def test_the_inline_help_button_opens_help_in_the_private_chat(bot: BotHarness) -> None:
    [call] = await bot.say("/start inline_help", user_id=31)
    assert call.text == texts.help_html(BOT_USERNAME)


async def test_buttons_show_and_hide_the_working_and_answer_the_mirror(bot: BotHarness) -> None:
    reply = answer(SEED)
    [sent] = await bot.say(f"/calc {SEED}", user_id=32)  # private: the full form
    keyboard = sent.params.get("reply_markup")
    assert keyboard is not None, "a calculation answer must carry follow-up buttons"
    labels = [b["text"] for b in keyboard["inline_keyboard"][0]]
    assert labels == ["显示公式", "反向(多↔空)"]
    show, mirror = (b["callback_data"] for b in keyboard["inline_keyboard"][0])

    bot.api.push_update(bot.api.callback_update(sent.result, show, user_id=32))
    [edit] = await bot.api.wait_for_calls("editMessageText", 1)
    assert edit.ok and edit.params["message_id"] == sent.result["message_id"]
    assert edit.text == f"{reply.html}\n\n{working_html(reply)}"
    shown_labels = [b["text"] for b in edit.params["reply_markup"]["inline_keyboard"][0]]
    assert shown_labels == ["隐藏公式", "反向(多↔空)"]

    hide = edit.params["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    bot.api.push_update(bot.api.callback_update(edit.result, hide, user_id=32))
    edits = await bot.api.wait_for_calls("editMessageText", 2)
    assert edits[1].text == reply.html

    assert reply.mirror_text is not None
    bot.api.push_update(bot.api.callback_update(sent.result, mirror, user_id=33))
    calls = await bot.api.wait_for_calls("sendMessage", 2)
    assert calls[1].text == answer(reply.mirror_text).html
    assert calls[1].reply_to_message_id == sent.result["message_id"]
    assert bot.api.count("answerCallbackQuery") == 3


async def test_an_expired_button_says_so(bot: BotHarness) -> None:
    [sent] = await bot.say("/help")
    bot.api.push_update(bot.api.callback_update(sent.result, "f:zzzzz.1", user_id=34))
    [call] = await bot.api.wait_for_calls("answerCallbackQuery", 1)
    assert call.params["text"] == texts.EXPIRED_BUTTON
    assert call.params["show_alert"] is True
    assert bot.api.count("editMessageText") == 0


async def test_buttons_keep_working_after_a_restart(api: FakeBotAPI, database: Path) -> None:
    reply = answer(SEED)
    async with start_bot(api, database) as first:
        [sent] = await first.say(f"/calc {SEED}", user_id=35)
    show = sent.params["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    async with start_bot(api, database) as second:
        second.api.push_update(second.api.callback_update(sent.result, show, user_id=35))
        [edit] = await second.api.wait_for_calls("editMessageText", 1)
    assert edit.text == f"{reply.html}\n\n{working_html(reply)}"
