"""Inline mode and the follow-up buttons under an answer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.pipeline import answer
from bot.telegram import texts
from bot.telegram.format import split_html, working_html
from tests.bot.fake_bot_api import FakeBotAPI
from tests.bot.harness import BotHarness, start_bot

pytestmark = pytest.mark.e2e

SEED = "开多2手 1000 平仓 1020 乘数100"


async def _inline(bot: BotHarness, query: str) -> dict[str, Any]:
    before = bot.api.count("answerInlineQuery")
    update = bot.api.inline_query_update(query, user_id=31)
    bot.api.push_update(update)
    calls = await bot.api.wait_for_calls("answerInlineQuery", before + 1)
    call = calls[-1]
    assert call.ok
    assert call.params["inline_query_id"] == update["inline_query"]["id"]
    return call.params


async def test_inline_query_offers_the_answer_as_a_sendable_result(bot: BotHarness) -> None:
    params = await _inline(bot, f"  {SEED} ")
    first = params["results"][0]
    assert first["type"] == "article"
    assert first["title"] in (SEED, f"没看懂：{SEED}")
    assert first["input_message_content"] == {
        "message_text": split_html(answer(SEED).html)[0],
        "parse_mode": "HTML",
        "link_preview_options": {"is_disabled": True},
    }
    assert params["is_personal"] is True
    others = [e for e in texts.START_EXAMPLES if e != SEED]  # examples follow an unclear query
    expected_titles = [] if answer(SEED).ok else others
    assert [r["title"].removeprefix("没看懂：") for r in params["results"][1:]] == expected_titles


async def test_empty_inline_query_offers_examples(bot: BotHarness) -> None:
    params = await _inline(bot, "")
    results = params["results"]
    assert [r["title"].removeprefix("没看懂：") for r in results] == list(texts.START_EXAMPLES)
    assert [r["input_message_content"]["message_text"] for r in results] == [
        answer(example).html for example in texts.START_EXAMPLES
    ]


async def test_unparseable_inline_query_shows_the_error_then_examples(bot: BotHarness) -> None:
    query = "随便说点什么"
    reply = answer(query)
    assert not reply.ok
    results = (await _inline(bot, query))["results"]
    assert results[0]["title"] == f"没看懂：{query}"
    assert results[0]["input_message_content"]["message_text"] == reply.html
    assert len(results) == 1 + len(texts.START_EXAMPLES)


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
