"""Which chart an answer gets, from the type of its core result model."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.core.breakeven import BreakevenResult
from bot.core.crypto import PerpResult
from bot.core.risk import AccountRiskResult
from bot.core.sizing import ExpectancyResult, SystemRatioResult, WinRateResult
from bot.core.trades import TradeResult

if TYPE_CHECKING:
    from pydantic import BaseModel

    from bot.chart.model import Chart
    from bot.reply import Reply

NO_CHART = "这条回答没有可画的图：持仓盈亏、保本/目标/止损价、风险度、强平价和盈亏比才有图。"


def chart_for(model: BaseModel | None) -> Chart | None:
    """The chart of a result model, or None (no model, or nothing that varies with price)."""
    if isinstance(model, TradeResult):
        from bot.chart.pnl import trade_chart

        return trade_chart(model)
    if isinstance(model, BreakevenResult):
        from bot.chart.pnl import breakeven_chart

        return breakeven_chart(model)
    if isinstance(model, AccountRiskResult):
        from bot.chart.risk import risk_chart

        return risk_chart(model)
    if isinstance(model, PerpResult):
        from bot.chart.perp import perp_chart

        return perp_chart(model)
    if isinstance(model, WinRateResult | SystemRatioResult | ExpectancyResult):
        from bot.chart.ratio import ratio_chart

        return ratio_chart(model)
    return None


def has_chart(reply: Reply) -> bool:
    """True when the reply's answer has a chart (the 看图 button is offered)."""
    if not reply.ok:
        return False
    model = reply.result_model
    if isinstance(model, TradeResult):
        return len(model.positions) == 1
    if isinstance(model, AccountRiskResult):
        return len(model.positions) == 1
    return isinstance(
        model,
        BreakevenResult | PerpResult | WinRateResult | SystemRatioResult | ExpectancyResult,
    )
