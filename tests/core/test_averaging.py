"""Average entry after adding to a position (加仓/补仓), break-even and P&L at a price."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bot.core.averaging import AveragingRequest, Fill, compute_averaging
from bot.core.fees import FeeSchedule
from bot.errors import DomainError
from bot.format.averaging import format_averaging_result
from tests.core.builders import assert_chinese_domain_error, d


def fills(*pairs: tuple[int, int]) -> tuple[Fill, ...]:
    return tuple(Fill(lots=d(lots), price=d(price)) for lots, price in pairs)


def test_long_2_at_3500_add_2_at_3400_averages_3450() -> None:
    # (2 × 3500 + 2 × 3400) / 4 = 13,800 / 4 = 3,450; no fees → break-even = average.
    # At 3500: (3500 − 3450) × 10 × 4 = 2,000.
    result = compute_averaging(
        AveragingRequest(
            side="long", fills=fills((2, 3500), (2, 3400)), multiplier=d(10), price=d(3500)
        )
    )
    assert result.avg_price == Decimal(3450)
    assert result.lots == Decimal(4)
    assert result.breakeven.price == Decimal(3450)
    assert result.pnl_gross == Decimal(2000)
    assert result.pnl_net is None
    assert format_averaging_result(result)[0].lines[0] == "新均价 3,450.00"


def test_fees_move_the_break_even_above_the_average() -> None:
    # 3 元/手 each side: open fees 3 × 4 = 12, close fee 3 × 4 = 12 → 24 over 4 × 10 = 40
    # per point: break-even 3450 + 24 / 40 = 3450.6; on a 1-point tick (long: up) 3451.
    # At 3500: 2,000 − 24 = 1,976.
    result = compute_averaging(
        AveragingRequest(
            side="long",
            fills=fills((2, 3500), (2, 3400)),
            multiplier=d(10),
            fees=FeeSchedule(per_lot=d(3)),
            price=d(3500),
            tick=d(1),
        )
    )
    assert result.breakeven.exact == Decimal("3450.6")
    assert result.breakeven.price == Decimal(3451)
    assert result.open_fees == Decimal(12)
    assert result.pnl_net == Decimal(1976)


def test_rate_fees_over_several_fills_equal_one_fill_at_the_average() -> None:
    # 万分之1 per side. Open fees: 0.0001 × 10 × (1 × 3500 + 2 × 3410) = 0.0001 × 10 × 10,320
    # = 10.32; the average is 10,320 / 3 = 3440, and 0.0001 × 3440 × 10 × 3 = 10.32 too.
    result = compute_averaging(
        AveragingRequest(
            side="long",
            fills=fills((1, 3500), (2, 3410)),
            multiplier=d(10),
            fees=FeeSchedule(rate=d("0.0001")),
        )
    )
    assert result.avg_price == Decimal(3440)
    assert result.open_fees == Decimal("10.32")


def test_short_adds_higher() -> None:
    # 空1手 4000 + 加空3手 4100: (4000 + 3 × 4100) / 4 = 16,300 / 4 = 4,075;
    # at 4000 with ×300: (4075 − 4000) × 300 × 4 = 90,000.
    result = compute_averaging(
        AveragingRequest(
            side="short", fills=fills((1, 4000), (3, 4100)), multiplier=d(300), price=d(4000)
        )
    )
    assert result.avg_price == Decimal(4075)
    assert result.pnl_gross == Decimal(90000)


@pytest.mark.parametrize(
    ("kwargs", "phrase"),
    [
        ({"fills": fills((2, 3500))}, "至少一笔加仓"),
        ({"fills": (Fill(lots=d("0.5"), price=d(3500)), Fill(lots=d(1), price=d(3400)))}, "整数"),
        ({"multiplier": d(0)}, "合约乘数必须大于0"),
    ],
)
def test_refusals(kwargs: dict[str, object], phrase: str) -> None:
    base: dict[str, object] = {
        "side": "long",
        "fills": fills((2, 3500), (2, 3400)),
        "multiplier": d(10),
    }
    with pytest.raises(DomainError) as excinfo:
        AveragingRequest.model_validate({**base, **kwargs})
    assert_chinese_domain_error(excinfo)
    assert phrase in excinfo.value.message


def test_a_negative_price_is_refused() -> None:
    with pytest.raises(DomainError) as excinfo:
        Fill(lots=d(1), price=d(-3400))
    assert "价格必须大于0" in excinfo.value.message
