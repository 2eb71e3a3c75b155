"""Stop / take-profit of one position: net P&L at each, reward/risk; wrong-side exits refused."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bot.core.exits import ExitPlanRequest, compute_exit_plan
from bot.core.fees import FeeSchedule
from bot.errors import DomainError
from bot.format.exits import format_exit_plan_result
from tests.core.builders import assert_chinese_domain_error, d


def test_long_rb_stop_3450_target_3600() -> None:
    # 多2手 ×10 at 3500: stop (3450 − 3500) × 20 = −1,000; target (3600 − 3500) × 20 = 2,000;
    # 盈亏比 2,000 / 1,000 = 2; 保本胜率 1,000 / 3,000 = 1/3.
    result = compute_exit_plan(
        ExitPlanRequest(
            side="long",
            lots=d(2),
            entry_price=d(3500),
            multiplier=d(10),
            stop_price=d(3450),
            take_profit=d(3600),
        )
    )
    assert result.loss_at_stop == Decimal(-1000)
    assert result.gain_at_target == Decimal(2000)
    assert result.reward_risk == Decimal(2)
    assert result.breakeven_win_rate == Decimal(1) / Decimal(3)
    assert format_exit_plan_result(result)[0].lines[0] == "盈亏比 2:1"


def test_fees_come_off_both_exits() -> None:
    # 3 元/手 each side, 2 lots: 12 per round trip → −1,012 and +1,988; ratio 1,988 / 1,012.
    result = compute_exit_plan(
        ExitPlanRequest(
            side="long",
            lots=d(2),
            entry_price=d(3500),
            multiplier=d(10),
            stop_price=d(3450),
            take_profit=d(3600),
            fees=FeeSchedule(per_lot=d(3)),
        )
    )
    assert result.loss_at_stop == Decimal(-1012)
    assert result.gain_at_target == Decimal(1988)
    assert result.reward_risk == Decimal(1988) / Decimal(1012)


def test_short_stop_only() -> None:
    # 空2手 at 3500, stop 3550: (3500 − 3550) × 20 = −1,000
    result = compute_exit_plan(
        ExitPlanRequest(
            side="short", lots=d(2), entry_price=d(3500), multiplier=d(10), stop_price=d(3550)
        )
    )
    assert result.loss_at_stop == Decimal(-1000)
    assert result.reward_risk is None
    assert format_exit_plan_result(result)[0].lines[0] == "止损亏损 -1,000.00 元"


@pytest.mark.parametrize(
    ("side", "stop", "target", "phrase"),
    [
        ("long", None, "3400", "多单止盈价应高于开仓价"),
        ("long", None, "3500", "多单止盈价应高于开仓价"),
        ("short", None, "3600", "空单止盈价应低于开仓价"),
        ("long", "3550", None, "多单止损价应低于开仓价"),
        ("short", "3450", None, "空单止损价应高于开仓价"),
        ("long", "-3450", None, "止损价必须大于0"),
        ("long", None, None, "止损价或止盈价"),
    ],
)
def test_wrong_side_exits_are_refused(
    side: str, stop: str | None, target: str | None, phrase: str
) -> None:
    with pytest.raises(DomainError) as excinfo:
        ExitPlanRequest.model_validate(
            {
                "side": side,
                "lots": d(2),
                "entry_price": d(3500),
                "multiplier": d(10),
                "stop_price": None if stop is None else d(stop),
                "take_profit": None if target is None else d(target),
            }
        )
    assert_chinese_domain_error(excinfo)
    assert phrase in excinfo.value.message
