"""Position P&L vs price: every plotted value checked against hand arithmetic."""

from __future__ import annotations

from decimal import Decimal

from bot.chart import chart_for
from bot.chart.pnl import breakeven_line
from bot.core.breakeven import BreakevenResult
from bot.pipeline import answer
from tests.chart.conftest import chart_of

D = Decimal


def _marks(question: str) -> dict[str, Decimal]:
    [panel] = chart_of(question).panels
    return {mark.role: mark.x for mark in panel.marks}


def test_a_long_position_at_the_current_price() -> None:
    chart = chart_of("开多2手 3500 乘数10 现价3600")
    [panel] = chart.panels
    assert panel.value_at(D(3600)) == D(2000)  # (3600 − 3500) × 10 × 2
    assert panel.value_at(D(3500)) == D(0)
    assert min(panel.xs) < D(3500) < D(3600) < max(panel.xs)
    assert "多头 2手" in chart.title and "乘数10" in chart.title
    assert {m.role: m.x for m in panel.marks} == {"entry": D(3500), "current": D(3600)}


def test_every_grid_point_is_the_hand_formula() -> None:
    [panel] = chart_of("开多2手 3500 乘数10 现价3600").panels
    for x, y in zip(panel.xs, panel.series[0].ys, strict=True):
        assert y == (x - 3500) * 10 * 2


def test_a_short_gains_when_the_price_falls() -> None:
    [panel] = chart_of("开空3手 3500 乘数10 现价3400").panels
    assert panel.value_at(D(3400)) == D(3000)  # (3500 − 3400) × 10 × 3


def test_fees_move_the_break_even_and_lower_the_net() -> None:
    [panel] = chart_of("开多2手 3500 乘数10 手续费3元/手 现价3600").panels
    # opening 3 × 2 = 6 charged, closing 6 more: 2,000 − 6 − 6
    assert panel.value_at(D(3600)) == D(1988)
    # break-even: 12 元 of fees over 10 × 2 per point of price
    assert _marks("开多2手 3500 乘数10 手续费3元/手 现价3600")["breakeven"] == D("3500.6")


def test_stop_and_target_on_the_tick_grid() -> None:
    question = "开多2手 rb 3500 手续费3元/手 目标盈利2000 最多亏1000"
    [panel] = chart_of(question).panels
    marks = _marks(question)
    # rb: multiplier 10, tick 1; fees 3 × 2 per side = 12 round trip
    # target (3500 × 20 + 12 + 2000) / 20 = 3600.6 → 3601; stop (70000 + 12 − 1000) / 20 → 3451
    assert marks["target"] == D(3601)
    assert marks["stop"] == D(3451)
    assert panel.value_at(D(3601)) == D(2008)  # 101 × 20 − 12
    assert panel.value_at(D(3451)) == D(-992)  # −49 × 20 − 12
    assert panel.value_at(D(3501)) == D(8)  # break-even rounded up: 1 × 20 − 12


def test_a_turnover_fee_without_tick_keeps_the_line_exact() -> None:
    reply = answer("开多1手 3500 乘数10 手续费万分之1 保本价")
    assert isinstance(reply.result_model, BreakevenResult)
    line = breakeven_line(reply.result_model)
    # at 3600: 100 × 10 − 3500 × 10 × 0.0001 − 3600 × 10 × 0.0001 = 1000 − 3.5 − 3.6
    assert abs(line.at(D(3600)) - D("992.9")) < D("1e-20")
    assert abs(line.at(D(3500)) - D(-7)) < D("1e-20")


def test_a_short_breakeven_chart_slopes_down() -> None:
    [panel] = chart_of("开空1手 rb 3500 目标盈利1000 保本价").panels
    # short 1 × 10: target 3500 − 1000 / 10 = 3400, worth +1,000
    assert panel.value_at(D(3400)) == D(1000)
    assert panel.value_at(D(3500)) == D(0)


def test_closed_and_locked_trades_have_no_chart() -> None:
    for question in ("开多2手 1000 平仓 1020 乘数100", "开多2手 3500 开空1手 3510 乘数10"):
        reply = answer(question)
        assert reply.ok
        assert chart_for(reply.result_model) is None


def test_a_coin_position_is_counted_in_coins_and_usdt() -> None:
    chart = chart_of("BTC 开多0.5个 60000 现价62000")
    [panel] = chart.panels
    assert panel.value_at(D(62000)) == D(1000)  # (62000 − 60000) × 0.5
    assert chart.title.startswith("多头 0.5个：")
    assert panel.y_label == "盈亏（USDT）"
