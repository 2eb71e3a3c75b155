"""Target / stop prices from a return: % of margin (ROE), % of equity, money net of fees."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bot.core.fees import FeeSchedule
from bot.core.targets import TargetRequest, compute_target
from bot.errors import DomainError
from bot.format.targets import format_target_result
from tests.core.builders import assert_chinese_domain_error, d

TWENTY_X = Decimal(1) / Decimal(20)


def test_btc_20x_long_60000_roe_50_percent() -> None:
    # 60000 × (1 + 50% / 20) = 60000 × 1.025 = 61,500 before fees.
    result = compute_target(
        TargetRequest(
            side="long",
            entry_price=d(60000),
            basis="margin",
            amount=d("0.5"),
            margin_rate=TWENTY_X,
            counted_in="coins",
            lots_given=False,
        )
    )
    assert result.price_before_fees == Decimal(61500)
    assert result.price_with_fees is None
    assert result.margin == Decimal(3000)  # 60000 / 20
    assert result.wanted == Decimal(1500)  # 50 % × 3000
    assert format_target_result(result)[0].lines[0] == "目标价 61,500（未计手续费）"


def test_roe_with_taker_fees_gives_both_prices() -> None:
    # Fee 0.05 % per side, 1 BTC: open fee 30; long P = (60000 + 30 + 1500) / (1 − 0.0005)
    # = 61,530 / 0.9995 = 61,560.7803901950975...
    result = compute_target(
        TargetRequest(
            side="long",
            entry_price=d(60000),
            basis="margin",
            amount=d("0.5"),
            margin_rate=TWENTY_X,
            fees=FeeSchedule(rate=d("0.0005")),
            counted_in="coins",
        )
    )
    assert result.price_before_fees == Decimal(61500)
    assert result.price_with_fees == Decimal(61530) / Decimal("0.9995")
    lines = [line for block in format_target_result(result) for line in block.lines]
    assert lines[0] == "目标价 61,560.78（含开平手续费）"
    before = next(line for line in lines if line.startswith("未计手续费 "))
    assert before.split()[-1] == "61,500"


def test_crypto_stop_from_half_the_margin() -> None:
    # 亏损不超过保证金的50%: long stop = 60000 × (1 − 50% / 20) = 58,500 before fees.
    result = compute_target(
        TargetRequest(
            side="long",
            entry_price=d(60000),
            basis="margin",
            goal="loss",
            amount=d("0.5"),
            margin_rate=TWENTY_X,
            counted_in="coins",
        )
    )
    assert result.price_before_fees == Decimal(58500)
    assert result.wanted == Decimal(-1500)
    assert format_target_result(result)[0].lines[0].startswith("止损价 58,500")


def test_short_stop_from_margin_is_above_the_entry() -> None:
    # short 10x at 2000: stop = 2000 × (1 + 50% / 10) = 2,100.
    result = compute_target(
        TargetRequest(
            side="short",
            entry_price=d(2000),
            basis="margin",
            goal="loss",
            amount=d("0.5"),
            margin_rate=d("0.1"),
            counted_in="coins",
        )
    )
    assert result.price_before_fees == Decimal(2100)


def test_money_target_net_of_fees_short() -> None:
    # 想净赚1000, 空2手 3500 ×10, 3 元/手: before fees 3500 − 1000 / 20 = 3,450;
    # net: (3500 × 20 − 6 − 6 − 1000) / 20 = 68,988 / 20 = 3,449.4.
    result = compute_target(
        TargetRequest(
            side="short",
            entry_price=d(3500),
            basis="money",
            amount=d(1000),
            lots=d(2),
            multiplier=d(10),
            fees=FeeSchedule(per_lot=d(3)),
        )
    )
    assert result.price_before_fees == Decimal(3450)
    assert result.price_with_fees == Decimal("3449.4")


def test_percent_of_equity() -> None:
    # 权益10万, 赚权益的5% = 5,000; 多2手 rb 3500 ×10: 3500 + 5000 / 20 = 3,750.
    result = compute_target(
        TargetRequest(
            side="long",
            entry_price=d(3500),
            basis="equity",
            amount=d("0.05"),
            equity=d(100000),
            lots=d(2),
            multiplier=d(10),
        )
    )
    assert result.wanted == Decimal(5000)
    assert result.price_before_fees == Decimal(3750)
    assert result.move_pct == Decimal(250) / Decimal(3500)


def test_short_target_beyond_zero_is_unreachable() -> None:
    # short 1x... margin rate 50 %, ROE 300 %: 100 × (1 − 3 × 0.5) = −50 → none.
    result = compute_target(
        TargetRequest(
            side="short", entry_price=d(100), basis="margin", amount=d(3), margin_rate=d("0.5")
        )
    )
    assert result.price_before_fees is None
    assert "无法达到" in format_target_result(result)[0].lines[0]


@pytest.mark.parametrize(
    ("kwargs", "phrase"),
    [
        ({"basis": "margin"}, "杠杆或保证金率"),
        ({"basis": "equity"}, "账户权益"),
        ({"entry_price": d(-1)}, "开仓价必须大于0"),
        ({"amount": d(0)}, "目标收益必须大于0"),
        ({"goal": "loss", "basis": "margin", "margin_rate": d("0.1"), "amount": d(1)}, "100%"),
        ({"lots": d("1.5")}, "整数"),
    ],
)
def test_refusals(kwargs: dict[str, object], phrase: str) -> None:
    base: dict[str, object] = {
        "side": "long",
        "entry_price": d(3500),
        "basis": "money",
        "amount": d(1000),
        "multiplier": d(10),
    }
    with pytest.raises(DomainError) as excinfo:
        TargetRequest.model_validate({**base, **kwargs})
    assert_chinese_domain_error(excinfo)
    assert phrase in excinfo.value.message
