"""风险度, perpetual and reward/risk charts against hand arithmetic."""

from __future__ import annotations

from decimal import Decimal

from bot.chart import chart_for
from bot.chart.perp import maintenance_rate, margin_ratio_at, net_pnl_at
from bot.core.crypto import PerpResult
from bot.pipeline import answer
from tests.chart.conftest import chart_of

D = Decimal
CLOSE = D("1e-20")
RISK = "权益10万 开多10手 rb 3500 保证金10% 强平价"


def test_risk_degree_at_the_current_price_and_at_the_forced_line() -> None:
    chart = chart_of(RISK)
    [panel] = chart.panels
    # 10 × 10 × 10% × 3500 / 100,000
    assert panel.value_at(D(3500)) == D("0.35")
    # forced: 100 × 0.1 × P = 100,000 + 100 × (P − 3500) → P = 250,000 / 90
    forced = D(250000) / 90
    [liquidation] = [m for m in panel.marks if m.role == "forced"]
    assert abs(liquidation.x - forced) < CLOSE
    value = panel.value_at(liquidation.x)
    assert value is not None and abs(value - 1) < CLOSE
    assert [(b.low, b.high) for b in panel.bands][:2] == [(D("0.8"), D("0.9")), (D("0.9"), D(1))]
    assert {p.label for p in panel.points} == {"2,857.14", "2,812.5", "2,777.78"}


def test_risk_without_a_position_has_no_chart() -> None:
    reply = answer("权益10万 保证金8万 风险度")
    assert reply.ok and chart_for(reply.result_model) is None


def test_perpetual_pnl_and_margin_ratio() -> None:
    reply = answer("BTC 开多1个 60000 10倍 费率0.05% 平仓62000")
    result = reply.result_model
    assert isinstance(result, PerpResult)
    # 2,000 − 60,000 × 0.05% − 62,000 × 0.05%
    assert net_pnl_at(result, D(62000)) == D(1939)
    mu = maintenance_rate(result)
    # Binance isolated: the maintenance rate itself (up to the liquidation price's 28 digits)
    assert abs(mu - D("0.005")) < CLOSE
    # at the entry: 60,000 × 0.5% / 6,000
    assert margin_ratio_at(result, D(60000), mu) == D("0.05")
    assert result.liquidation_price is not None
    ratio = margin_ratio_at(result, result.liquidation_price, mu)
    assert ratio is not None and abs(ratio - 1) < CLOSE
    pnl, margin = chart_of("BTC 开多1个 60000 10倍 费率0.05% 平仓62000").panels
    assert pnl.value_at(D(62000)) == D(1939)
    assert {m.role for m in margin.marks} == {"entry", "liquidation"}


def test_reward_risk_expectancy() -> None:
    [panel] = chart_of("盈亏比3:1 胜率70%").panels
    assert panel.value_at(D("0.7")) == D("1.8")  # 0.7 × 3 − 0.3 × 1
    assert panel.value_at(D("0.25")) == D(0)  # break-even: 1 / (3 + 1)
    assert panel.value_at(D(0)) == D(-1)
    [breakeven] = chart_of("盈亏比3:1").panels[0].marks
    assert breakeven.x == D("0.25")
