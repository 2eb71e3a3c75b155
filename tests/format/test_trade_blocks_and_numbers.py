"""Number display helpers and the phone-sized blocks of the trade, break-even, settlement
and contract formatters."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bot.contract_table import get_contract_table
from bot.core.breakeven import BreakevenRequest, compute_breakeven
from bot.core.fees import FeeSchedule
from bot.core.settlement import SettlementRequest, compute_settlement
from bot.core.trades import TradeRequest, compute_trades
from bot.format.breakeven import format_breakeven_result
from bot.format.contracts import format_contract, format_unknown_contract
from bot.format.numbers import (
    display_width,
    fmt_lots,
    fmt_money,
    fmt_pct,
    fmt_price,
    fmt_signed_money,
    table_lines,
)
from bot.format.settlement import format_settlement_result
from bot.format.trades import format_trade_result
from bot.reply import Block, Reply
from tests.core.builders import buy_open, d, sell_close, sell_open

PHONE_WIDTH = 44  # display columns: a CJK character counts as two


def text_of(blocks: tuple[Block, ...]) -> str:
    return Reply(ok=True, kind="answer", blocks=blocks).text


def assert_phone_sized(blocks: tuple[Block, ...]) -> None:
    for block in blocks:
        if block.style == "table":
            for line in block.lines:
                assert display_width(line) <= PHONE_WIDTH, line


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("4000", "4,000.00"),
        ("-1234567.005", "-1,234,567.01"),
        ("0.004", "0.00"),
        ("-0.001", "0.00"),
    ],
)
def test_fmt_money(value: str, expected: str) -> None:
    assert fmt_money(Decimal(value)) == expected


def test_fmt_signed_money() -> None:
    assert fmt_signed_money(d(4000)) == "+4,000.00"
    assert fmt_signed_money(d(-300)) == "-300.00"
    assert fmt_signed_money(d(0)) == "0.00"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("3500.00", "3,500"),
        ("57236.18", "57,236.18"),
        ("0.005", "0.005"),
        ("1E+3", "1,000"),
        ("3500.333333333333", "3,500.33333333"),
    ],
)
def test_fmt_price(value: str, expected: str) -> None:
    assert fmt_price(Decimal(value)) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("0.8", "80%"), ("1", "100%"), ("0.125", "12.5%"), ("0.123456", "12.35%"), ("0", "0%")],
)
def test_fmt_pct(value: str, expected: str) -> None:
    assert fmt_pct(Decimal(value)) == expected


def test_fmt_lots() -> None:
    assert fmt_lots(d("2.0")) == "2"
    assert fmt_lots(d("0.50")) == "0.5"


def test_table_lines_align_cjk_labels_and_right_align_values() -> None:
    lines = table_lines([("平仓盈亏", "4,000.00 元"), ("手续费", "12.00 元")])
    assert lines == ("平仓盈亏  4,000.00 元", "手续费       12.00 元")
    assert display_width(lines[0]) == display_width(lines[1])


def test_trade_block_shows_gross_fees_net_and_return() -> None:
    result = compute_trades(
        TradeRequest(
            legs=(buy_open(2, 1000), sell_close(2, 1020)),
            multiplier=d(100),
            fees=FeeSchedule(per_lot=d(3)),
            margin_rate=d("0.1"),
        )
    )
    blocks = format_trade_result(result)
    assert blocks[0].style == "table"
    assert blocks[0].lines[:3] == (
        "平仓盈亏  +4,000.00 元",
        "手续费        12.00 元",
        "净盈亏    +3,988.00 元",
    )
    assert "19.94%" in text_of(blocks)
    assert blocks[-1].style == "note"
    assert any("3元/手" in line for line in blocks[-1].lines)
    assert_phone_sized(blocks)


def test_trade_block_for_partial_close_and_lock() -> None:
    partial = format_trade_result(
        compute_trades(
            TradeRequest(
                legs=(buy_open(10, 1400), sell_close(6, 1415)),
                multiplier=d(300),
                mark_price=d(1420),
            )
        )
    )
    text = text_of(partial)
    assert "+27,000.00 元" in text
    assert "4手 均价1,400" in text
    assert "+24,000.00 元" in text  # floating on the 4 left
    locked = text_of(
        format_trade_result(
            compute_trades(
                TradeRequest(legs=(buy_open(10, 1400), sell_open(6, 1415)), multiplier=d(300))
            )
        )
    )
    assert "锁仓：多10手 + 空6手" in locked


def test_fifo_details_listed_when_several_matches() -> None:
    text = text_of(
        format_trade_result(
            compute_trades(
                TradeRequest(
                    legs=(buy_open(3, 1400), buy_open(3, 1410), sell_close(5, 1415)),
                    multiplier=d(300),
                )
            )
        )
    )
    assert "多3手 1,400→1,415  +13,500.00" in text
    assert "多2手 1,410→1,415  +3,000.00" in text


def test_settlement_block_shows_both_views() -> None:
    result = compute_settlement(
        SettlementRequest(
            multiplier=d(300),
            prev_settle=d(1500),
            settle=d(1515),
            carried_long=d(10),
            carried_long_open=d(1480),
            trades=(buy_open(8, 1505), sell_close(5, 1510)),
        )
    )
    blocks = format_settlement_result(result)
    text = text_of(blocks)
    assert "当日盈亏  +61,500.00 元" in text
    assert "平仓盈亏  +45,000.00 元" in text  # 逐笔
    assert "收盘持仓：昨多5手、今多8手" in text
    assert_phone_sized(blocks)


def test_settlement_block_marks_unknowns() -> None:
    result = compute_settlement(
        SettlementRequest(
            multiplier=d(300),
            prev_settle=d(1500),
            carried_long=d(10),
            trades=(sell_close(5, 1510),),
        )
    )
    text = text_of(format_settlement_result(result))
    assert "持仓盈亏     缺今结算价" in text
    assert "平仓盈亏  缺昨仓开仓价" in text


def test_breakeven_block() -> None:
    result = compute_breakeven(
        BreakevenRequest(
            side="long",
            lots=d(2),
            entry_price=d(3500),
            multiplier=d(10),
            fees=FeeSchedule(per_lot=d(3)),
            tick=d(1),
            max_loss=d(1000),
        )
    )
    blocks = format_breakeven_result(result)
    text = text_of(blocks)
    assert blocks[0].lines[0] == "保本价         3,501"
    assert "精确值     3,500.6" in text
    assert "止损价         3,451" in text
    assert "往返手续费  12.00 元" in text
    assert_phone_sized(blocks)


def test_contract_block() -> None:
    table = get_contract_table()
    rb = table.lookup("rb2505")
    assert rb is not None
    blocks = format_contract(rb, month="2505")
    text = text_of(blocks)
    assert blocks[0].lines == ("螺纹钢 rb2505（上期所）",)
    assert "合约乘数      10 吨/手" in text
    assert "每跳盈亏      10 元/手" in text
    assert "数据截至 2026-11-22" in text
    assert_phone_sized(blocks)
    ts = table.lookup("TS")
    assert ts is not None
    assert "需再核对（check:conflict）" in text_of(format_contract(ts))


def test_unknown_contract_suggests() -> None:
    table = get_contract_table()
    text = text_of(format_unknown_contract("铜铜", table.suggest("铜")))
    assert "没有找到品种“铜铜”" in text
    assert "铜(cu)" in text
