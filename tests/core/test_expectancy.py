"""Expectancy per trade and the break-even win rate of the same average win / loss."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bot.core.expectancy import ExpectancyRequest, compute_expectancy
from bot.errors import DomainError
from bot.format.expectancy import format_expectancy_report
from tests.core.builders import assert_chinese_domain_error, d


def test_win_rate_40_avg_win_3000_avg_loss_1500() -> None:
    # 胜率40% 平均赚3000 平均亏1500: 0.4 × 3000 − 0.6 × 1500 = 1200 − 900 = 300 per trade;
    # break-even win rate 1500 / (3000 + 1500) = 1/3.
    result = compute_expectancy(
        ExpectancyRequest(win_rate=d("0.4"), avg_win=d(3000), avg_loss=d(1500))
    )
    assert result.expectancy == Decimal(300)
    assert result.breakeven_win_rate == Decimal(1) / Decimal(3)
    assert result.reward_risk == Decimal(2)  # 3000 / 1500
    assert result.expectancy_r == Decimal("0.2")  # 300 / 1500
    assert result.edge == Decimal("0.4") - Decimal(1) / Decimal(3)
    blocks = format_expectancy_report(result)
    assert blocks[0].lines[0] == "期望值 +300.00 元/笔"


def test_000_document_3_to_1_at_70_percent() -> None:
    """《平仓》: 盈亏比3:1 → 保本胜率 25 %; 胜率 70 % at 3:1 gives 0.7 × 3 − 0.3 × 1 = 1.8."""
    result = compute_expectancy(ExpectancyRequest(win_rate=d("0.7"), avg_win=d(3), avg_loss=d(1)))
    assert result.breakeven_win_rate == Decimal("0.25")  # 1 / (3 + 1)
    assert result.expectancy == Decimal("1.8")


def test_negative_expectancy_is_warned_right_after_the_figure() -> None:
    # 胜率20%, 平均赚1000, 平均亏500: 0.2 × 1000 − 0.8 × 500 = 200 − 400 = −200.
    result = compute_expectancy(
        ExpectancyRequest(win_rate=d("0.2"), avg_win=d(1000), avg_loss=d(500))
    )
    assert result.expectancy == Decimal(-200)
    blocks = format_expectancy_report(result)
    assert blocks[0].lines[0] == "期望值 -200.00 元/笔"
    assert blocks[1].lines[0].startswith("注意：期望值为负")


@pytest.mark.parametrize(
    ("win_rate", "avg_win", "avg_loss", "phrase"),
    [
        ("0", "3000", "1500", "胜率必须大于0"),
        ("1", "3000", "1500", "胜率必须小于100%"),
        ("0.4", "0", "1500", "平均盈利必须大于0"),
        ("0.4", "3000", "-1500", "平均亏损"),
    ],
)
def test_refusals(win_rate: str, avg_win: str, avg_loss: str, phrase: str) -> None:
    with pytest.raises(DomainError) as excinfo:
        ExpectancyRequest(win_rate=d(win_rate), avg_win=d(avg_win), avg_loss=d(avg_loss))
    assert_chinese_domain_error(excinfo)
    assert phrase in excinfo.value.message
