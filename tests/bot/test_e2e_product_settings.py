"""Per-product fee and margin settings, and the exchange standard under an answer with no fee."""

from __future__ import annotations

import pytest

from tests.bot.fake_bot_api import html_to_text
from tests.bot.harness import GROUP, BotHarness

pytestmark = pytest.mark.e2e

ADMIN = 501


def _lines(text: str) -> list[str]:
    return html_to_text(text).splitlines()


async def test_each_product_gets_its_own_fee_and_margin(bot: BotHarness) -> None:
    bot.api.set_member_status(GROUP, ADMIN, "administrator")
    await bot.say("/settings 手续费 5元/手", user_id=ADMIN, chat_id=GROUP)  # chat-wide
    await bot.say("/settings rb 手续费 3元/手", user_id=ADMIN, chat_id=GROUP)
    await bot.say("/settings IF 手续费 万分之0.23 平今万分之2.3", user_id=ADMIN, chat_id=GROUP)
    [shown] = await bot.say("/settings rb 保证金 12%", user_id=ADMIN, chat_id=GROUP)
    assert "rb  手续费3元/手 保证金12%" in _lines(shown.text)

    [rb] = await bot.say("/c 开多2手 rb 3500 平仓 3550", user_id=502, chat_id=GROUP)
    # (3,550 − 3,500) × 10 × 2 = 1,000; fee 3 元 × 2 lots × 2 sides = 12 → 988
    assert _lines(rb.text)[0] == "净盈亏 +988.00 元（已扣手续费）"

    [index] = await bot.say("/c 开多2手 IF 3800 平仓 3850", user_id=502, chat_id=GROUP)
    # (3,850 − 3,800) × 300 × 2 = 30,000; fee 0.0023 % of each side, not 元/手:
    # 2 × 3,800 × 300 × 0.000023 = 52.44, 2 × 3,850 × 300 × 0.000023 = 53.13 → 29,894.43
    assert _lines(index.text)[0] == "净盈亏 +29,894.43 元（已扣手续费）"

    [other] = await bot.say("/c 开多2手 i 800 平仓 810", user_id=502, chat_id=GROUP)
    # i keeps the chat-wide 5 元/手: 10 × 100 × 2 = 2,000 − 5 × 2 × 2 = 1,980
    assert _lines(other.text)[0] == "净盈亏 +1,980.00 元（已扣手续费）"

    [risk] = await bot.say("/c 权益10万 开多10手 rb 3500 风险度", user_id=502, chat_id=GROUP)
    # rb margin 12 %: 10 × 3,500 × 10 × 0.12 = 42,000 of 100,000
    assert _lines(risk.text)[0] == "风险度 42%"


async def test_a_typed_fee_beats_the_product_setting(bot: BotHarness) -> None:
    await bot.say("/settings rb 手续费 3元/手", user_id=503)
    [call] = await bot.say("开多2手 rb 3500 平仓 3550 手续费1元/手", user_id=503)
    # 1,000 − 1 × 2 × 2 = 996
    assert _lines(call.text)[0] == "净盈亏 +996.00 元（已扣手续费）"


async def test_with_no_fee_the_answer_stays_gross_plus_the_exchange_net(bot: BotHarness) -> None:
    [call] = await bot.say("开多2手 rb 3500 平仓 3550", user_id=504)
    first, second = _lines(call.text)[:2]
    assert first == "平仓盈亏 +1,000.00 元"  # gross: (3,550 − 3,500) × 10 × 2
    # rb exchange fee 0.01 % a side: 2 × 3,500 × 10 × 0.0001 = 7.00 + 7.10 on closing
    assert second == "净盈亏 +985.90 元（按交易所标准，未含期货公司加收，2026-09-11）"


async def test_product_settings_need_an_admin_and_can_be_removed(bot: BotHarness) -> None:
    [refused] = await bot.say("/settings rb 手续费 3元/手", user_id=505, chat_id=GROUP)
    assert _lines(refused.text)[0].startswith("只有群管理员")
    await bot.say("/settings rb 手续费 3元/手", user_id=506)
    [removed] = await bot.say("/settings rb 重置", user_id=506)
    assert _lines(removed.text)[1] == "rb 按通用设置"
    [call] = await bot.say("开多2手 rb 3500 平仓 3550", user_id=506)
    assert _lines(call.text)[0] == "平仓盈亏 +1,000.00 元"


async def test_a_crypto_fee_is_a_percentage_of_the_value(bot: BotHarness) -> None:
    await bot.say("/settings BTC 手续费 0.05%", user_id=507)
    [call] = await bot.say("BTC 开多1个 60000 平仓 61000", user_id=507)
    # 1 × (61,000 − 60,000) = 1,000; fee 0.05 % of 60,000 + 0.05 % of 61,000 = 30 + 30.5
    assert _lines(call.text)[0] == "净盈亏 +939.50 USDT（已扣手续费）"


async def test_inline_answers_use_the_users_product_settings(bot: BotHarness) -> None:
    await bot.say("/settings rb 手续费 3元/手", user_id=508)
    bot.api.push_update(bot.api.inline_query_update("开多2手 rb 3500 平仓 3550", user_id=508))
    [call] = await bot.api.wait_for_calls("answerInlineQuery", 1)
    [result] = call.params["results"]
    assert result["title"] == "净盈亏 +988.00 元（已扣手续费）"  # 1,000 − 3 × 2 × 2
    assert call.params["is_personal"] is True


async def test_with_no_margin_rate_the_exchange_minimum_is_used_and_said(bot: BotHarness) -> None:
    [call] = await bot.say("权益10万 开多10手 rb 3500 风险度", user_id=509)
    first, second = _lines(call.text)[:2]
    # rb exchange minimum 7 %: 10 × 3,500 × 10 × 0.07 = 24,500 of 100,000
    assert first == "风险度 24.5%"
    assert second == "保证金按交易所标准 7%（未含期货公司加收，2026-09-11）"
    [unknown] = await bot.say("权益10万 开多10手 IF 3500 风险度", user_id=509)
    assert _lines(unknown.text)[0].startswith("需要保证金率")  # no exchange margin on file
