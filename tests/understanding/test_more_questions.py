"""Questions traders ask without a full position: 合约价值 / 名义价值 at a price, coin trades
counted in 个 and USDT, 盈亏比 with the side read off the stop and target."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bot.contract_table import get_contract_table
from bot.core.value import ContractValueRequest, compute_contract_value
from bot.errors import DomainError
from bot.pipeline import answer


def multiplier_of(symbol: str) -> Decimal:
    contract = get_contract_table().lookup(symbol)
    assert contract is not None
    return contract.multiplier


@pytest.mark.parametrize(
    ("text", "symbol", "price", "lots"),
    [
        ("rb 3500 合约价值", "rb", "3500", "1"),
        ("rb2505 现价3500 合约价值", "rb", "3500", "1"),
        ("合约价值 rb 3500 2手", "rb", "3500", "2"),
        ("IF 3800 一手价值", "IF", "3800", "1"),
        ("螺纹 3500 3手 货值", "rb", "3500", "3"),
    ],
)
def test_futures_value_is_price_times_table_multiplier(
    text: str, symbol: str, price: str, lots: str
) -> None:
    reply = answer(text)
    assert reply.ok, reply.text
    assert reply.result is not None
    per_lot = Decimal(price) * multiplier_of(symbol)
    assert Decimal(reply.result["per_unit"]) == per_lot
    assert Decimal(reply.result["total"]) == per_lot * Decimal(lots)
    assert f"{per_lot:,.2f} 元/手" in reply.text
    assert reply.working[0].startswith(f"合约价值 = {Decimal(price):,} × ")
    if lots == "1":
        assert "没写手数，按 1 手计算" in reply.text
    else:
        assert f"{lots} 手合约价值" in reply.text


def test_crypto_value_is_in_usdt_per_coin() -> None:
    reply = answer("BTC 60000 0.5个 名义价值")
    assert reply.ok, reply.text
    assert reply.result is not None
    assert Decimal(reply.result["total"]) == Decimal("30000")
    assert "60,000.00 USDT/个" in reply.text
    assert "0.5 个名义价值" in reply.text and "元" not in reply.text


@pytest.mark.parametrize(
    "text",
    [
        "rb 3500 3600 合约价值",  # two prices: which one?
        "xyz 3500 合约价值",  # no such contract
    ],
)
def test_unclear_value_questions_ask_back(text: str) -> None:
    reply = answer(text)
    assert not reply.ok
    assert "例如" in reply.text


def test_plain_contract_question_still_shows_the_card_only() -> None:
    reply = answer("rb 合约价值")
    assert reply.ok
    assert "合约乘数" in reply.text and "合约价值 @" not in reply.text


def test_value_needs_a_positive_price() -> None:
    contract = get_contract_table().lookup("rb")
    assert contract is not None
    with pytest.raises(DomainError, match="价格必须大于0"):
        ContractValueRequest(contract=contract, price=Decimal(0), quantity=Decimal(1))
    result = compute_contract_value(
        ContractValueRequest(contract=contract, price=Decimal("3500.5"), quantity=Decimal(3))
    )
    assert result.total == Decimal("3500.5") * contract.multiplier * 3


@pytest.mark.parametrize(
    ("text", "gross"),
    [
        ("BTC 开多1个 60000 平仓 62000", "+2,000.00 USDT"),
        ("ETH 开空2个 3000 现价2900", "+200.00 USDT"),
    ],
)
def test_coin_trades_are_counted_in_coins_and_usdt(text: str, gross: str) -> None:
    reply = answer(text)
    assert reply.ok, reply.text
    assert gross in reply.text
    assert " 元" not in reply.text and "手数" not in reply.text
    assert "× 数量" in reply.text


def test_futures_trades_keep_lots_and_yuan() -> None:
    reply = answer("开空2手 rb 3500 现价3450")
    assert "+1,000.00 元" in reply.text and "2手 均价3,500" in reply.text
    assert "× 乘数 × 手数" in reply.text


def test_a_quantity_without_direction_is_quoted_in_the_unit_typed() -> None:
    reply = answer("BTC 2个 60000 20倍 保证金")
    assert not reply.ok
    assert "“2个”没有写方向" in reply.text and "开多1个" in reply.text


@pytest.mark.parametrize(
    ("text", "ratio", "side_note"),
    [
        ("rb 3500 止损3450 止盈3600 盈亏比", "盈亏比 2:1", "按多头计算"),
        ("ag 3500 止损3550 止盈3300 盈亏比", "盈亏比 4:1", "按空头计算"),
    ],
)
def test_reward_risk_without_a_direction(text: str, ratio: str, side_note: str) -> None:
    reply = answer(text)
    assert reply.ok, reply.text
    assert ratio in reply.text and side_note in reply.text


def test_break_even_answer_keeps_the_stop_and_target_typed_beside_it() -> None:
    reply = answer("做空2手 IF 3800 止损3850 止盈3700 盈亏比 保本价")
    assert reply.ok, reply.text
    assert "保本价" in reply.text
    assert "若在止损 3850 平仓：-30,000.00 元" in reply.text
    assert "若在止盈 3700 平仓：+60,000.00 元" in reply.text and "盈亏比 2:1" in reply.text


@pytest.mark.parametrize("text", ["rb 乘数20", "rb 跳5"])
def test_values_a_contract_card_does_not_use_are_said(text: str) -> None:
    reply = answer(text)
    assert reply.ok and "合约乘数" in reply.text
    assert "没有用到你写的数字" in reply.text


def test_a_plain_contract_card_has_no_such_note() -> None:
    for text in ("rb", "rb2505 合约", "螺纹2505"):
        assert "没有用到" not in answer(text).text


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("开多2手 rb 3500 平3550 杠杆10倍", "杠杆"),
        ("开多2手 rb 3500 平3550 风险2%", "单笔风险"),
        ("开多2手 rb 3500 平3550 行权价3600", "行权价"),
    ],
)
def test_values_a_trade_does_not_use_are_named(text: str, label: str) -> None:
    reply = answer(text)
    assert reply.ok and "+1,000.00 元" in reply.text
    assert f"没有用到：{label}" in reply.text


def test_stop_after_everything_is_closed_is_said_plainly() -> None:
    reply = answer("开多2手 rb 3500 平3550 止损3400")
    assert "已全部平仓：止损/止盈价没有用到" in reply.text


@pytest.mark.parametrize(
    ("text", "contract", "opened_at"),
    [
        ("开多2手 螺纹 2505 3500 平3550", "rb2505 螺纹钢", "@3500"),
        ("rb 2505 开多2手 3500 平仓3550", "rb2505 螺纹钢", "@3500"),
        ("MA 2410 开多2手 平2480", "MA 甲醇", "@2410"),
    ],
)
def test_a_spaced_month_is_the_month_only_when_a_price_would_be_left_over(
    text: str, contract: str, opened_at: str
) -> None:
    understood = answer(text).text.splitlines()[1]  # after the asked figure
    assert contract in understood
    assert f"多头 2 手 {opened_at}" in understood


@pytest.mark.parametrize(
    ("text", "side", "scenario", "note"),
    [
        ("rb 3500 止损3450 亏多少 2手", "多头 2 手", "止损 3450 平仓：-1,000.00", "止损低于价格"),
        ("rb 3500 止损3550 2手", "空头 2 手", "止损 3550 平仓：-1,000.00", "止损高于价格"),
        ("rb 3500 止盈3600 2手 赚多少", "多头 2 手", "止盈 3600 平仓：+2,000.00", "止盈高于价格"),
    ],
)
def test_a_stop_or_target_alone_gives_the_side(
    text: str, side: str, scenario: str, note: str
) -> None:
    reply = answer(text)
    assert reply.ok
    assert side in reply.text and scenario in reply.text
    assert f"没写方向：{note}" in reply.text


def test_the_line_prices_say_how_far_the_price_may_go() -> None:
    lines = answer("rb 3500 开多10手 跌多少会爆仓 权益5万 保证金10%").text.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("强平线 100%"))
    # too wide for one phone line (11 + 2 + 25 > 32 columns): the value on the next line
    assert lines[at] == "强平线 100%"
    assert lines[at + 1].strip() == "价格 3,333.33（跌 166.67）"
    short = answer("权益10万 开空10手 rb 3500 保证金10% 强平价").text
    assert "价格 4,000（涨 500）" in short
    reached = answer("权益10万 保证金占用9万 开多10手 rb 3500 要平几手").text
    assert "价格 3,684.21（已触及）" in reached


def test_a_ratio_with_no_contract_is_worked_per_point() -> None:
    text = answer("开多 3500 止损 3450 止盈 3650 盈亏比").text
    assert "盈亏比 3:1" in text and "金额按每点 1 元计算" in text
    assert not answer("开多 3500 平仓 3550").ok  # a P&L still asks for the contract size
