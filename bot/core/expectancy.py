"""Expectancy of a trading system from its win rate and average win / loss.

期望值 = 胜率 × 平均盈利 − (1 − 胜率) × 平均亏损 per trade; the break-even win rate of the same
average win / loss is 平均亏损 / (平均盈利 + 平均亏损) (``bot.core.sizing.breakeven_win_rate``).
`胜率40% 平均赚3000 平均亏1500` → 0.4 × 3000 − 0.6 × 1500 = 300 元/笔, break-even 1500 / 4500
= 33.33 %.
"""

from __future__ import annotations

from decimal import Decimal

from pydantic import model_validator

from bot.core.numbers import ONE
from bot.core.results import CalcResult, CoreModel
from bot.core.risk import require_positive, require_rate, show, show_pct
from bot.core.sizing import breakeven_win_rate, expectancy

EXPECTANCY_EXAMPLE = "胜率40% 平均赚3000 平均亏1500 期望值"


class ExpectancyRequest(CoreModel):
    win_rate: Decimal
    """Fraction of trades that win (0.4 = 40 %), strictly between 0 and 1."""
    avg_win: Decimal
    """Average profit of a winning trade, a positive amount."""
    avg_loss: Decimal
    """Average loss of a losing trade, a positive amount."""
    currency: str = "元"
    """The unit of the amounts (元, or USDT for crypto)."""

    @model_validator(mode="after")
    def _check(self) -> ExpectancyRequest:
        require_rate(self.win_rate, "胜率", EXPECTANCY_EXAMPLE)
        require_positive(self.avg_win, "平均盈利", EXPECTANCY_EXAMPLE)
        require_positive(self.avg_loss, "平均亏损（按正数输入）", EXPECTANCY_EXAMPLE)
        return self


class ExpectancyReport(CalcResult):
    win_rate: Decimal
    avg_win: Decimal
    avg_loss: Decimal
    currency: str
    expectancy: Decimal
    """Per trade: win rate × avg win − loss rate × avg loss."""
    expectancy_r: Decimal
    """expectancy / avg loss: the same in units of the average loss."""
    reward_risk: Decimal
    """avg win / avg loss."""
    breakeven_win_rate: Decimal
    """avg loss / (avg win + avg loss): the win rate at which expectancy is 0."""
    edge: Decimal
    """win rate − break-even win rate (positive: the system makes money)."""


def compute_expectancy(req: ExpectancyRequest) -> ExpectancyReport:
    """期望值 per trade and the break-even win rate of the same average win / loss."""
    per_trade = expectancy(req.win_rate, req.avg_win, req.avg_loss)
    breakeven = breakeven_win_rate(req.avg_win, req.avg_loss)
    rate = breakeven.breakeven_win_rate
    edge = req.win_rate - rate
    verdict = "高于" if edge > 0 else ("等于" if edge == 0 else "低于")
    return ExpectancyReport(
        win_rate=req.win_rate,
        avg_win=req.avg_win,
        avg_loss=req.avg_loss,
        currency=req.currency,
        expectancy=per_trade.expectancy,
        expectancy_r=per_trade.expectancy_r,
        reward_risk=req.avg_win / req.avg_loss,
        breakeven_win_rate=rate,
        edge=edge,
        formula=(
            "期望值 = 胜率 × 平均盈利 − (1 − 胜率) × 平均亏损",
            "保本胜率 = 平均亏损 / (平均盈利 + 平均亏损)",
        ),
        steps=(
            *per_trade.steps,
            f"保本胜率 = {show(req.avg_loss)} / ({show(req.avg_win)} + {show(req.avg_loss)})"
            f" = {show_pct(rate, 2)}",
            f"胜率 {show_pct(req.win_rate, 2)} {verdict}保本胜率 {show_pct(rate, 2)}",
        ),
        assumptions=(
            "平均盈利、平均亏损按每笔金额（亏损按正数）；不计手续费和滑点",
            f"败率 = 1 − 胜率 = {show_pct(ONE - req.win_rate, 2)}",
        ),
    )
