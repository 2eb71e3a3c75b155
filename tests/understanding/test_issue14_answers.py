"""Issue 14: the new calculations answer the asked figure first (the first line, before
我理解为), the yes/no questions start with 会/不会, 要/不用, and values a calculation does
not use are named. Figures are worked by hand in the comments and compared as numbers."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from bot.pipeline import answer

NUMBER = re.compile(r"[-+]?[0-9][0-9,]*(?:\.[0-9]+)?")


def first_figure_line(text: str) -> str:
    """The first line: the asked figure (what was understood comes next)."""
    reply = answer(text)
    assert reply.ok, reply.text
    assert reply.blocks[1].lines[0].startswith("我理解为")
    return reply.blocks[0].lines[0]


def number_in(line: str) -> Decimal:
    match = NUMBER.search(line)
    assert match is not None, line
    return Decimal(match.group().replace(",", ""))


@pytest.mark.parametrize(
    ("text", "label", "value", "unit"),
    [
        # 0.4 × 3000 − 0.6 × 1500 = 300 per trade
        ("胜率40% 平均赚3000 平均亏1500 期望值", "期望值", "300", "元/笔"),
        # (2 × 3500 + 2 × 3400) / 4 = 3450
        ("开多2手 3500 补仓2手 3400 均价", "新均价", "3450", ""),
        # 3500 × 1% × 10 × 2 = 700 per 1 %
        ("开多2手 rb 3500 涨跌1% 2% 5%盈亏", "每1%变动", "700", "元"),
        # 10 × 2 = 20 per point
        ("开多2手 rb 3500 涨跌50点 100点", "每点变动", "20", "元"),
        # 60000 × (1 + 50% / 20) = 61500
        ("BTC 20倍 开多 60000 ROE 50% 目标价", "目标价", "61500", ""),
        # 100000 × 80% = 80000
        ("权益10万 风险度不超过80% 保证金最多多少", "保证金上限", "80000", "元"),
        # (7000 + 8000) / 100000 = 15 %
        ("rb 多2手 3500 i 空1手 800 权益10万 保证金10%", "风险度", "15", "%"),
    ],
)
def test_new_calculations_lead_with_the_asked_figure(
    text: str, label: str, value: str, unit: str
) -> None:
    line = first_figure_line(text)
    assert line.startswith(label), line
    assert number_in(line.removeprefix(label)) == Decimal(value)
    assert unit in line


@pytest.mark.parametrize(
    ("text", "answer_word", "deciding", "figure"),
    [
        # equity 100000 − 10000 = 90000, margin 34000: 37.78 % of the 100 % line
        ("权益10万 开多10手 rb 3500 保证金10% 跌到3400会不会爆仓", "不会", "风险度", "37.78"),
        # equity 40000 − 30000 = 10000, margin 32000: 320 %
        ("权益4万 开多10手 rb 3500 保证金10% 跌到3200会不会爆仓", "会", "风险度", "320"),
        # 35000 / 100000 = 35 %
        ("权益10万 开多10手 rb 3500 保证金10% 还要追保吗", "不用", "风险度", "35"),
        # 35000 / 30000 = 116.67 %
        ("权益3万 开多10手 rb 3500 保证金10% 要追保吗", "要", "风险度", "116.67"),
        # 003 model: equity 6000 − (5000 − 4700) × 10 = 3000 at 4700
        (
            "开多1手 5000 乘数10 保证金12% 维持保证金8% 权益6000 跌到4700会不会爆仓",
            "会",
            "权益",
            "3000",
        ),
    ],
)
def test_yes_no_questions_answer_first_then_the_deciding_figure(
    text: str, answer_word: str, deciding: str, figure: str
) -> None:
    line = first_figure_line(text)
    head, _, rest = line.partition("：")
    assert head == answer_word, line
    _, _, after = rest.partition(deciding)
    assert number_in(after) == Decimal(figure), line


def test_verdict_at_a_price_values_the_position_at_its_entry() -> None:
    # the price asked is not the latest price: the margin at 3400 against equity 90000
    reply = answer("权益10万 开多10手 rb 3500 保证金10% 跌到3400会不会爆仓")
    assert reply.result is not None
    assert reply.result["price"] == "3400"
    assert Decimal(reply.result["risk_ratio"]).quantize(Decimal("0.0001")) == Decimal("0.3778")
    assert "未给现价" not in reply.text


def test_yes_no_without_a_price_still_gives_the_liquidation_prices() -> None:
    # 会不会爆仓 with no price: the forced line's price answers it (risk plan)
    reply = answer("权益10万 开多10手 rb 3500 保证金10% 会不会爆仓")
    assert reply.ok and reply.result is not None
    forced = reply.result["lines"][-1]
    # (100000 − 100 × 3500) / (100 × (10% − 1)) = 2777.78
    assert Decimal(forced["price"]).quantize(Decimal("0.01")) == Decimal("2777.78")


def test_unused_values_are_named_for_new_calculations() -> None:
    reply = answer("胜率40% 平均赚3000 平均亏1500 止损3450 期望值")
    assert reply.ok
    assert "没有用到：止损价" in reply.text


@pytest.mark.parametrize(
    "text",
    [
        "权益10万 开多10手 rb 3500 保证金10% 涨跌1% 2% 5%",
        "rb 多2手 3500 i 空1手 800 权益10万 保证金10%",
        "BTC 20倍 开多 60000 手续费0.05% ROE 50% 目标价",
        "开多2手 rb 3500 补仓2手 3400 手续费3元/手 现价3480 均价",
    ],
)
def test_new_tables_fit_a_phone(text: str) -> None:
    from bot.format.width import overwide_lines

    reply = answer(text)
    assert reply.ok
    assert any(block.style == "table" for block in reply.blocks)
    assert overwide_lines(reply.blocks) == ()


def test_several_products_refuse_a_shared_latest_price() -> None:
    reply = answer("rb 多2手 3500 i 空1手 800 权益10万 保证金10% 现价3400")
    assert not reply.ok
    assert "现价各不相同" in reply.text


def test_money_target_asks_nothing_more_than_the_break_even_plan() -> None:
    # 想净赚1000 net of 3 元/手 each side: 3500 + (1000 + 12) / 20 = 3550.6
    reply = answer("开多2手 rb 3500 手续费3元/手 想净赚1000 目标价")
    assert reply.ok and reply.result is not None
    assert Decimal(reply.result["target"]["exact"]) == Decimal("3550.6")
