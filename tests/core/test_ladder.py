"""What-if ladder: P&L and risk degree for ±% or ±points moves."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bot.core.ladder import LadderRequest, compute_ladder
from bot.errors import DomainError
from bot.format.ladder import format_ladder_result
from bot.format.width import overwide_lines
from tests.core.builders import assert_chinese_domain_error, d


def test_long_2_lots_rb_3500_percent_moves() -> None:
    # 1 % of 3500 = 35 points × 10 × 2 = 700; 2 % → 1,400; 5 % → 175 × 20 = 3,500.
    result = compute_ladder(
        LadderRequest(side="long", lots=d(2), entry_price=d(3500), multiplier=d(10))
    )
    assert result.per_unit == Decimal(700)
    assert [(r.move, r.price, r.pnl_move) for r in result.rows] == [
        (Decimal("0.05"), Decimal(3675), Decimal(3500)),
        (Decimal("0.02"), Decimal(3570), Decimal(1400)),
        (Decimal("0.01"), Decimal(3535), Decimal(700)),
        (Decimal("-0.01"), Decimal(3465), Decimal(-700)),
        (Decimal("-0.02"), Decimal(3430), Decimal(-1400)),
        (Decimal("-0.05"), Decimal(3325), Decimal(-3500)),
    ]
    blocks = format_ladder_result(result)
    assert blocks[0].lines[0] == "每1%变动 ±700.00 元"
    assert overwide_lines(blocks) == ()


def test_risk_degree_per_row_and_warning_at_the_forced_line() -> None:
    # 多10手 3500 ×10, 保证金10%, 权益5万. At −5 % (3325): equity 50,000 − 175 × 100 = 32,500,
    # margin 3325 × 100 × 10% = 33,250 → 33,250 / 32,500 = 102.31 % ≥ 100 %: forced.
    # At −2 % (3430): equity 50,000 − 7,000 = 43,000, margin 34,300 → 79.77 %.
    result = compute_ladder(
        LadderRequest(
            side="long",
            lots=d(10),
            entry_price=d(3500),
            multiplier=d(10),
            equity=d(50000),
            margin_rate=d("0.1"),
        )
    )
    by_move = {row.move: row for row in result.rows}
    assert by_move[Decimal("-0.05")].risk_ratio == Decimal(33250) / Decimal(32500)
    assert by_move[Decimal("-0.05")].forced is True
    assert by_move[Decimal("-0.02")].risk_ratio == Decimal(34300) / Decimal(43000)
    assert by_move[Decimal("-0.02")].forced is False
    assert result.risk_ratio_now == Decimal("0.7")  # 35,000 / 50,000
    blocks = format_ladder_result(result)
    assert blocks[1].lines[0] == "注意：跌5% 即触及强平线 100%"
    assert overwide_lines(blocks) == ()


def test_short_in_points_with_a_base_price() -> None:
    # 空3手 IF 开仓4000, 最新价 3950, ×300, 涨跌50/100点: a rise of 50 costs 50 × 300 × 3 = 45,000;
    # at 4050 the position is (4000 − 4050) × 900 = −45,000 against the entry.
    result = compute_ladder(
        LadderRequest(
            side="short",
            lots=d(3),
            entry_price=d(4000),
            base_price=d(3950),
            multiplier=d(300),
            points=(d(50), d(100)),
        )
    )
    assert result.per_unit == Decimal(900)
    row = next(r for r in result.rows if r.move == Decimal(100))
    assert row.price == Decimal(4050)
    assert row.pnl_move == Decimal(-90000)  # −100 × 900
    assert row.pnl_total == Decimal(-45000)
    assert format_ladder_result(result)[0].lines[0] == "每点变动 ±900.00 元"


def test_wiped_out_row() -> None:
    # 多1手 ×10 at 1000, equity 500, margin 50 %: −5 % → 950, equity 500 − 500 = 0 → 穿仓.
    result = compute_ladder(
        LadderRequest(
            side="long",
            lots=d(1),
            entry_price=d(1000),
            multiplier=d(10),
            equity=d(500),
            margin_rate=d("0.5"),
        )
    )
    row = next(r for r in result.rows if r.move == Decimal("-0.05"))
    assert row.wiped_out is True
    assert row.risk_ratio is None


def test_big_crypto_table_fits_32_columns() -> None:
    result = compute_ladder(
        LadderRequest(
            side="long",
            lots=d(50),
            entry_price=d(65000),
            multiplier=d(1),
            counted_in="coins",
            equity=d(400000),
            margin_rate=d("0.05"),
        )
    )
    assert overwide_lines(format_ladder_result(result)) == ()


@pytest.mark.parametrize(
    ("kwargs", "phrase"),
    [
        ({"percents": (d(1),)}, "小于100%"),
        ({"points": (d(-50),)}, "涨跌幅度必须大于0"),
        ({"lots": d("0.5")}, "整数"),
        ({"entry_price": d(0)}, "开仓价必须大于0"),
        ({"percents": ()}, "1到5档"),
    ],
)
def test_refusals(kwargs: dict[str, object], phrase: str) -> None:
    base: dict[str, object] = {
        "side": "long",
        "lots": d(2),
        "entry_price": d(3500),
        "multiplier": d(10),
    }
    with pytest.raises(DomainError) as excinfo:
        LadderRequest.model_validate({**base, **kwargs})
    assert_chinese_domain_error(excinfo)
    assert phrase in excinfo.value.message
