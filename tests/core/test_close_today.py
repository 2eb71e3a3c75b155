"""平今 / 平昨: closes matched by lot age (today's lots vs yesterday's), not blindly FIFO."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bot.core.fees import FeeSchedule
from bot.core.trades import CloseRule, Leg, TradeRequest, compute_trades
from bot.errors import DomainError
from bot.format.trades import format_trade_result
from tests.core.builders import assert_chinese_domain_error, buy_open, d, sell_close


def carried_long(lots: int, price: int) -> Leg:
    """昨多: a long lot carried from yesterday."""
    return Leg(action="open", side="long", lots=d(lots), price=d(price), carried=True)


def today_long(lots: int, price: int) -> Leg:
    """今开多: a long lot opened today."""
    return Leg(action="open", side="long", lots=d(lots), price=d(price), carried=False)


def test_close_today_takes_todays_lot_not_the_oldest() -> None:
    # rb 昨多2手 3500 今开多1手 3520 平今1手 3560, ×10:
    # 平今 closes the 3520 lot: (3560 − 3520) × 10 × 1 = +400 (FIFO would give +600).
    result = compute_trades(
        TradeRequest(
            legs=(carried_long(2, 3500), today_long(1, 3520), sell_close(1, 3560, today=True)),
            multiplier=d(10),
        )
    )
    assert result.realized_gross == Decimal(400)
    (match,) = result.matches
    assert (match.open_price, match.open_carried, match.close_today) == (
        Decimal(3520),
        False,
        True,
    )
    assert result.matching == ("平今1手：配对今开 3,520",)
    # yesterday's 2 lots are still there, never dropped
    (pos,) = result.positions
    assert (pos.lots, pos.carried_lots, pos.avg_price) == (Decimal(2), Decimal(2), Decimal(3500))


def test_close_yesterday_takes_yesterdays_lot_even_when_typed_after_todays() -> None:
    # 今开多1手 3520, 昨多2手 3500, 平昨1手 3560: (3560 − 3500) × 10 × 1 = +600.
    result = compute_trades(
        TradeRequest(
            legs=(today_long(1, 3520), carried_long(2, 3500), sell_close(1, 3560, today=False)),
            multiplier=d(10),
        )
    )
    assert result.realized_gross == Decimal(600)
    assert result.matching == ("平昨1手：配对昨仓 3,500",)
    (pos,) = result.positions
    # left: 1 carried @3500 + 1 today @3520 → average (3500 + 3520) / 2 = 3510
    assert (pos.lots, pos.carried_lots, pos.avg_price) == (Decimal(2), Decimal(1), Decimal(3510))


@pytest.mark.parametrize("rule", ["earliest_first", "yesterday_first"])
def test_plain_close_takes_yesterdays_lots_first_then_todays(rule: CloseRule) -> None:
    # 今开多1手 3520 typed first, 昨多1手 3500, plain 平仓 2手 3560:
    # yesterday's first: (3560 − 3500) × 10 = 600, then today's (3560 − 3520) × 10 = 400 → 1,000.
    result = compute_trades(
        TradeRequest(
            legs=(today_long(1, 3520), carried_long(1, 3500), sell_close(2, 3560)),
            multiplier=d(10),
            close_rule=rule,
        )
    )
    assert [m.open_price for m in result.matches] == [Decimal(3500), Decimal(3520)]
    assert result.realized_gross == Decimal(1000)
    assert result.matching == ("平仓2手：配对昨仓 3,500×1手、今开 3,520×1手",)


def test_shfe_plain_close_of_a_today_lot_says_the_order_needs_close_today() -> None:
    result = compute_trades(
        TradeRequest(
            legs=(today_long(1, 3520), sell_close(1, 3560)),
            multiplier=d(10),
            close_rule="yesterday_first",
        )
    )
    assert result.realized_gross == Decimal(400)  # (3560 − 3520) × 10
    assert any("须注明“平今”" in line for line in result.assumptions)
    assert any(line.startswith("上期所") for line in result.assumptions)


def test_close_today_more_than_todays_lots_is_refused() -> None:
    with pytest.raises(DomainError) as excinfo:
        compute_trades(
            TradeRequest(
                legs=(carried_long(2, 3500), today_long(1, 3520), sell_close(2, 3560, today=True)),
                multiplier=d(10),
            )
        )
    assert_chinese_domain_error(excinfo)
    assert "今多头持仓（1手）" in excinfo.value.message


def test_close_yesterday_with_no_yesterday_lot_is_refused() -> None:
    with pytest.raises(DomainError) as excinfo:
        compute_trades(
            TradeRequest(
                legs=(today_long(1, 3520), sell_close(1, 3560, today=False)), multiplier=d(10)
            )
        )
    assert "昨多头持仓（0手）" in excinfo.value.message


def test_lots_of_unsaid_age_stay_fifo_and_keep_the_old_answer() -> None:
    # 开多1手 3500 开多1手 3520 平今1手 3560 with no 昨/今 on the opens: old FIFO answer
    # (3560 − 3500) × 10 = 600, and the fee is the 平今 fee (5 元) as before.
    result = compute_trades(
        TradeRequest(
            legs=(buy_open(1, 3500), buy_open(1, 3520), sell_close(1, 3560, today=True)),
            multiplier=d(10),
            fees=FeeSchedule(per_lot=d(3), close_today_per_lot=d(5)),
        )
    )
    assert result.realized_gross == Decimal(600)
    assert result.fees_total == Decimal(11)  # 3 + 3 + 5
    assert result.matching == ("平今1手：配对开仓 3,500",)


def test_close_today_prefers_a_today_lot_over_one_of_unsaid_age() -> None:
    # 开多1手 3500 (age not said), 今开多1手 3520, 平今1手 3560 → the 今开 lot: +400.
    result = compute_trades(
        TradeRequest(
            legs=(buy_open(1, 3500), today_long(1, 3520), sell_close(1, 3560, today=True)),
            multiplier=d(10),
        )
    )
    assert result.realized_gross == Decimal(400)


def test_no_age_said_keeps_fifo_wording() -> None:
    """《平仓盈亏》: the closing order changes 逐笔 P&L; with no 平今/平昨 said it stays FIFO."""
    result = compute_trades(
        TradeRequest(legs=(buy_open(2, 1000), sell_close(2, 1020)), multiplier=d(100))
    )
    assert result.aged is False
    assert result.assumptions[0].startswith("平仓按先开先平")
    assert result.realized_gross == Decimal(4000)  # (1020 − 1000) × 100 × 2


def test_formatter_says_which_lot_was_closed() -> None:
    result = compute_trades(
        TradeRequest(
            legs=(carried_long(2, 3500), today_long(1, 3520), sell_close(1, 3560, today=True)),
            multiplier=d(10),
        )
    )
    lines = [line for block in format_trade_result(result) for line in block.lines]
    assert "平今1手：配对今开 3,520" in lines
    assert "多头持仓含昨仓 2手" in lines


def test_fractional_futures_lots_are_refused() -> None:
    with pytest.raises(DomainError) as excinfo:
        TradeRequest(legs=(buy_open("0.5", 1000), sell_close("0.5", 1020)), multiplier=d(100))
    assert_chinese_domain_error(excinfo)
    assert "整数" in excinfo.value.message


def test_fractional_coins_are_allowed() -> None:
    # 0.5 BTC bought at 60000, sold at 61000: (61000 − 60000) × 1 × 0.5 = 500 USDT
    result = compute_trades(
        TradeRequest(
            legs=(buy_open("0.5", 60000), sell_close("0.5", 61000)),
            multiplier=d(1),
            counted_in="coins",
        )
    )
    assert result.realized_gross == Decimal(500)


def test_once_a_lot_is_said_carried_the_unsaid_ones_are_todays() -> None:
    # 昨多2手 3500, 开多1手 3520 (age not said → today's), 平今1手 3560 → +400 as with 今开.
    result = compute_trades(
        TradeRequest(
            legs=(carried_long(2, 3500), buy_open(1, 3520), sell_close(1, 3560, today=True)),
            multiplier=d(10),
        )
    )
    assert result.realized_gross == Decimal(400)  # (3560 − 3520) × 10 × 1
    assert result.matching == ("平今1手：配对今开 3,520",)
