"""The 看图 button and ``/chart``: a PNG photo replying to the answer."""

from __future__ import annotations

from typing import Any

import pytest

from bot.chart import NO_CHART
from bot.telegram.charts import CHART_USAGE
from tests.bot.fake_bot_api import RecordedCall
from tests.bot.harness import GROUP, BotHarness

pytestmark = pytest.mark.e2e

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
CHARTED = {
    "futures P&L": "开多2手 3500 乘数10 现价3600",
    "risk": "权益10万 开多10手 rb 3500 保证金10% 强平价",
    "crypto": "BTC 开多1个 60000 10倍 强平价",
    "stop/target": "开多2手 rb 3500 手续费3元/手 目标盈利2000 最多亏1000",
}


def _chart_button(call: RecordedCall) -> dict[str, Any] | None:
    keyboard = call.params.get("reply_markup") or {"inline_keyboard": []}
    buttons = [b for row in keyboard["inline_keyboard"] for b in row if "图" in b["text"]]
    assert len(buttons) <= 1
    return buttons[0] if buttons else None


def _photo(call: RecordedCall) -> bytes:
    assert call.ok, call.result
    return call.files["photo"].data


@pytest.mark.parametrize("question", CHARTED.values(), ids=list(CHARTED))
async def test_the_chart_button_sends_a_png_replying_to_the_answer(
    bot: BotHarness, question: str
) -> None:
    [sent] = await bot.say(question, user_id=41)
    button = _chart_button(sent)
    assert button is not None, "a chartable answer must offer 看图"
    bot.api.push_update(bot.api.callback_update(sent.result, button["callback_data"], user_id=41))
    [photo] = await bot.api.wait_for_calls("sendPhoto", 1, timeout=20)
    assert _photo(photo).startswith(PNG_SIGNATURE)
    assert photo.reply_to_message_id == sent.result["message_id"]
    assert photo.params["caption"]  # the chart's title
    [callback] = await bot.api.wait_for_calls("answerCallbackQuery", 1)
    assert callback.ok


async def test_an_answer_without_chart_has_no_chart_button(bot: BotHarness) -> None:
    [sent] = await bot.say("权益10万 保证金8万 风险度", user_id=42)
    assert _chart_button(sent) is None


async def test_the_chart_command_replying_to_an_answer_in_a_group(bot: BotHarness) -> None:
    [sent] = await bot.say(f"/calc {CHARTED['risk']}", user_id=43, chat_id=GROUP)
    bot.api.push_update(
        bot.api.text_update("/chart", user_id=43, chat_id=GROUP, reply_to=sent.result)
    )
    [photo] = await bot.api.wait_for_calls("sendPhoto", 1, timeout=20)
    assert _photo(photo).startswith(PNG_SIGNATURE)
    assert photo.reply_to_message_id == sent.result["message_id"]


async def test_the_chart_command_with_a_question(bot: BotHarness) -> None:
    bot.api.push_update(bot.api.text_update(f"/chart {CHARTED['crypto']}", user_id=44))
    [photo] = await bot.api.wait_for_calls("sendPhoto", 1, timeout=20)
    assert _photo(photo).startswith(PNG_SIGNATURE)


async def test_the_chart_command_on_an_answer_without_chart_says_so(bot: BotHarness) -> None:
    [sent] = await bot.say("权益10万 保证金8万 风险度", user_id=45)
    [note] = await bot.say("/chart", user_id=45, reply_to=sent.result)
    assert note.text == NO_CHART
    [usage] = await bot.say("/chart", user_id=45)
    assert usage.text == CHART_USAGE
    assert bot.api.count("sendPhoto") == 0


async def test_the_chart_command_replying_to_a_question(bot: BotHarness) -> None:
    update = bot.api.text_update(CHARTED["stop/target"], user_id=46)
    bot.api.push_update(update)
    await bot.api.wait_for_calls("sendMessage", 1)
    question = update["message"]
    bot.api.push_update(bot.api.text_update("/chart", user_id=46, reply_to=question))
    [photo] = await bot.api.wait_for_calls("sendPhoto", 1, timeout=20)
    assert _photo(photo).startswith(PNG_SIGNATURE)
    assert photo.reply_to_message_id == question["message_id"]
