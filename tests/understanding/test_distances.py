"""Stops and moves in ticks (止损30跳, 跌5跳), a stop distance beside a priced open
(开多 3500 止损30点) and a move beside one (开多 3500 跌20个点): worked by hand from the
contract table's tick and multiplier."""

from __future__ import annotations

import pytest

from bot.pipeline import answer


@pytest.mark.parametrize(
    ("text", "first", "working"),
    [
        # rb tick 1: 30 ticks = 30 points; a long from 3500 stops at 3470;
        # (3470 − 3500) × 10 × 2 = −600
        ("rb 多2手 3500 止损30跳", "止损 -600.00 元", "30 跳 × 最小变动价位 1 = 30 点"),
        # a short's stop is above: 3500 + 30 = 3530; (3500 − 3530) × 10 × 2 = −600
        ("rb 开空2手 3500 止损30点", "止损 -600.00 元", "止损 30 点：3500 + 30 = 3530"),
        # i tick 0.5: 5 ticks = 2.5 points; 2.5 × 100 × 2 = 500 either way
        (
            "i 2手 跌5跳 亏多少",
            "2 手：多头 -500.00 元 / 空头 +500.00 元",
            "5 跳 × 最小变动价位 0.5 = 2.5 点",
        ),
        # 50,000 × 2 % = 1,000 to risk; 30 ticks × 1 × 10 = 300 a lot → ⌊1,000 / 300⌋ = 3
        (
            "本金5万 单笔亏损不超过2% rb 止损30跳 开几手",
            "可开 3 手",
            "30 跳 × 最小变动价位 1 = 30 点",
        ),
        # a move beside a priced open is the current price: 3500 − 20 = 3480;
        # (3480 − 3500) × 10 × 2 = −400
        (
            "开多 rb 2手 3500 跌20个点亏多少",
            "浮动盈亏 -400.00 元",
            "跌 20 点：现价 3500 − 20 = 3480",
        ),
        # a short: 3650 + 15 = 3665; (3650 − 3665) × 10 × 3 = −450
        ("rb 空3手 3650 涨15点 亏多少", "浮动盈亏 -450.00 元", "涨 15 点：现价 3650 + 15 = 3665"),
        # with equity, a move is a what-if from now: the equity moves with the position,
        # 100,000 − 100 × 10 × 10 = 90,000; margin at 3400: 3400 × 10 × 10 × 10 % = 34,000;
        # 34,000 / 90,000 = 37.78 %
        (
            "rb 多10手 3500 权益10万 保证金10% 跌100点风险度多少",
            "风险度 37.78%",
            "跌 100 点：现价 3500 − 100 = 3400；权益 100,000 − 100 × 10 × 10 = 90,000",
        ),
        # a short loses when the price rises: 90,000; margin 3600 × 100 × 10 % = 36,000 → 40 %
        (
            "rb 空10手 3500 权益10万 保证金10% 涨100点风险度多少",
            "风险度 40%",
            "涨 100 点：现价 3500 + 100 = 3600；权益 100,000 − 100 × 10 × 10 = 90,000",
        ),
        # the tick typed (跳1) is the one used, and not said unused
        ("rb 跳1 止损30跳 开几手 权益5万 风险2%", "可开 3 手", "30 跳 × 最小变动价位 1 = 30 点"),
    ],
)
def test_ticks_and_stop_distances_are_worked_out(text: str, first: str, working: str) -> None:
    reply = answer(text)
    assert reply.ok, reply.text
    lines = reply.text.splitlines()
    assert lines[0] == first
    assert working in lines
    assert not any(line.startswith("没有用到") for line in lines)


def test_ticks_without_a_contract_ask_for_one() -> None:
    reply = answer("止损30跳 2手 亏多少")
    assert not reply.ok
    assert "最小变动价位" in reply.text and "rb 止损30跳" in reply.text
