"""Formatters of engineer B's results: the key figures reach the phone-sized reply."""

from __future__ import annotations

from decimal import Decimal

from bot.core.crypto import PerpRequest, compute_perp
from bot.core.maintenance import MaintenanceRequest, compute_maintenance
from bot.core.options import OptionTradeRequest, compute_option
from bot.core.risk import AccountRiskRequest, RiskPosition, compute_account_risk
from bot.core.sizing import (
    PositionSizeRequest,
    breakeven_win_rate,
    compute_position_size,
    expectancy,
    system_ratio,
)
from bot.core.stocks import StockTradeRequest, compute_stock, stock_costs
from bot.format.crypto import format_perp_result
from bot.format.maintenance import format_maintenance_result
from bot.format.options import format_option_result
from bot.format.risk import format_account_risk_result
from bot.format.sizing import (
    format_expectancy_result,
    format_position_size_result,
    format_system_ratio_result,
    format_win_rate_result,
)
from bot.format.stocks import format_stock_costs, format_stock_result
from bot.reply import Block, Reply

D = Decimal


def _text(blocks: tuple[Block, ...]) -> str:
    assert blocks, "a formatter must produce at least one block"
    assert blocks[0].style == "table", "figures come first, as an aligned table"
    return Reply(ok=True, kind="answer", blocks=blocks).text


def _assert_phone_sized(blocks: tuple[Block, ...]) -> None:
    table = blocks[0].lines
    assert len(table) <= 12
    assert all(len(line) <= 32 for line in table), table


def test_risk_block_shows_ratio_status_and_remedy() -> None:
    pos = RiskPosition(
        side="long", lots=D(10), price=D(5000), multiplier=D(20), margin_rate=D("0.1")
    )
    blocks = format_account_risk_result(
        compute_account_risk(AccountRiskRequest(equity=D(100000), positions=(pos,)))
    )
    text = _text(blocks)
    _assert_phone_sized(blocks)
    assert "100,000.00 元" in text
    assert "100% 强平" in text
    assert "追加 25,000.00 元" in text
    assert "平仓 2 手" in text
    assert "风险度 = 保证金占用 / 客户权益" in text
    assert blocks[-1].style == "note"


def test_risk_block_80_percent_and_line_prices() -> None:
    pos = RiskPosition(
        side="long", lots=D(10), price=D(3500), multiplier=D(10), margin_rate=D("0.1")
    )
    text = _text(
        format_account_risk_result(
            compute_account_risk(AccountRiskRequest(equity=D(100000), positions=(pos,)))
        )
    )
    assert "35% 安全" in text
    assert "强平线 100%" in text
    assert "价格 2,777.78" in text
    margin_only = _text(
        format_account_risk_result(
            compute_account_risk(AccountRiskRequest(equity=D(100000), margin_used=D(80000)))
        )
    )
    assert "80% 预警" in margin_only
    assert "无需追加保证金" in margin_only and "追加 " not in margin_only


def test_maintenance_block_shows_4800() -> None:
    result = compute_maintenance(
        MaintenanceRequest(
            side="long",
            lots=D(1),
            entry_price=D(5000),
            multiplier=D(10),
            initial_rate=D("0.12"),
            maintenance_rate=D("0.08"),
            current_price=D(4350),
        )
    )
    blocks = format_maintenance_result(result)
    text = _text(blocks)
    _assert_phone_sized(blocks)
    assert "50,000.00 元" in text
    assert "6,000.00 元" in text
    assert "4,000.00 元" in text
    assert "4,800" in text
    assert "已穿仓" in text and "500.00 元" in text


def test_perp_block_shows_liquidation_price_rounded_for_display() -> None:
    result = compute_perp(
        PerpRequest(
            side="long",
            quantity=D(1),
            entry_price=D(60000),
            leverage=D(20),
            mmr=D("0.005"),
            maint_amount=D(50),
            exit_price=D(61000),
        )
    )
    blocks = format_perp_result(result)
    text = _text(blocks)
    _assert_phone_sized(blocks)
    assert "57,236.18" in text
    assert "+1,000.00" in text
    assert "33.33%" in text
    assert "Binance 单向持仓公式" in text


def test_option_stock_and_sizing_blocks() -> None:
    option = _text(
        format_option_result(
            compute_option(
                OptionTradeRequest(
                    role="buyer",
                    lots=D(2),
                    open_premium=D(50),
                    close_premium=D(80),
                    multiplier=D(10),
                )
            )
        )
    )
    assert "+600.00 元" in option
    assert "1,000.00 元" in option

    stock = _text(
        format_stock_result(compute_stock(StockTradeRequest(buy_price=D(10), quantity=10000)))
    )
    assert "100,000.00" in stock and "26.00" in stock and "10.02" in stock
    sell = _text(format_stock_costs(stock_costs(D(100000), sell=True)))
    assert "76.00" in sell and "50.00" in sell

    size = _text(
        format_position_size_result(
            compute_position_size(
                PositionSizeRequest(
                    equity=D(100000),
                    entry_price=D(3500),
                    stop_price=D(3450),
                    multiplier=D(10),
                    fee_per_lot=D(3),
                )
            )
        )
    )
    assert "3 手" in size and "1,518.00 元" in size

    assert "25%" in _text(format_win_rate_result(breakeven_win_rate(D(3), D(1))))
    ratio = _text(format_system_ratio_result(system_ratio(D("0.7"), D(3), D(1))))
    assert "7:1" in ratio and "70%" in ratio
    assert "100.00 元" in _text(format_expectancy_result(expectancy(D("0.6"), D(300), D(200))))
