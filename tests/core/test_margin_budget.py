"""Margin a risk-degree cap allows: 权益 × 风险度上限, the headroom and the lots it buys."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bot.core.margin_cap import MarginBudgetRequest, compute_margin_budget
from bot.errors import DomainError
from bot.format.caps import format_margin_budget_result
from tests.core.builders import d


def test_002_rule_of_thumb_80_percent_of_100k() -> None:
    """《平仓线》: 总持仓风险度控制在80%以下 — 权益10万 allows 80,000 of margin."""
    result = compute_margin_budget(MarginBudgetRequest(equity=d(100000)))
    assert result.margin_allowed == Decimal(80000)  # 100,000 × 80 %
    assert (
        format_margin_budget_result(result)[0].lines[0] == "保证金上限 80,000.00 元（风险度 80%）"
    )


def test_headroom_and_lots() -> None:
    # 100,000 × 80 % − 50,000 = 30,000; one rb lot at 3500 × 10 × 10 % = 3,500 → ⌊30,000/3,500⌋ = 8
    result = compute_margin_budget(
        MarginBudgetRequest(equity=d(100000), margin_used=d(50000), margin_per_lot=d(3500))
    )
    assert result.headroom == Decimal(30000)
    assert result.lots_more == Decimal(8)


def test_over_the_cap_warns() -> None:
    # 100,000 × 80 % − 90,000 = −10,000: no lot more, a warning second.
    result = compute_margin_budget(
        MarginBudgetRequest(equity=d(100000), margin_used=d(90000), margin_per_lot=d(3500))
    )
    assert result.headroom == Decimal(-10000)
    assert result.lots_more == Decimal(0)
    assert format_margin_budget_result(result)[1].lines[0].startswith("注意：已超出上限 10,000.00")


@pytest.mark.parametrize(
    ("kwargs", "phrase"),
    [
        ({"equity": d(0)}, "权益必须大于0"),
        ({"max_risk_ratio": d("1.2")}, "不能超过100%"),
        ({"margin_used": d(-1)}, "不能是负数"),
    ],
)
def test_refusals(kwargs: dict[str, object], phrase: str) -> None:
    with pytest.raises(DomainError) as excinfo:
        MarginBudgetRequest.model_validate({"equity": d(100000), **kwargs})
    assert phrase in excinfo.value.message
