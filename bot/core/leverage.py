"""Leverage and margin rate are two views of one number (杠杆多少倍 / 10倍杠杆 保证金率多少).

杠杆 = 合约价值 / 保证金 = 1 / 保证金率, so a price move of x % is a move of leverage × x % on
the margin put up.
"""

from __future__ import annotations

from decimal import Decimal

from pydantic import model_validator

from bot.core.numbers import HUNDRED, ONE
from bot.core.results import CalcResult, CoreModel
from bot.core.risk import require_positive, require_rate, show, show_pct

EXAMPLE = "保证金10% 杠杆多少倍"


class LeverageRequest(CoreModel):
    margin_rate: Decimal | None = None
    leverage: Decimal | None = None

    @model_validator(mode="after")
    def _check(self) -> LeverageRequest:
        if (self.margin_rate is None) == (self.leverage is None):
            raise ValueError("exactly one of margin_rate and leverage")  # a bug, not user input
        if self.margin_rate is not None:
            require_rate(self.margin_rate, "保证金率", EXAMPLE)
        if self.leverage is not None:
            require_positive(self.leverage, "杠杆倍数", EXAMPLE)
            if self.leverage < ONE:
                require_rate(ONE / self.leverage, "保证金率", EXAMPLE)
        return self


class LeverageResult(CalcResult):
    margin_rate: Decimal
    leverage: Decimal
    move_on_margin: Decimal
    """What a 1 % price move is on the margin (leverage × 1 %), as a fraction."""


def compute_leverage(req: LeverageRequest) -> LeverageResult:
    if req.margin_rate is not None:
        rate = req.margin_rate
        leverage = ONE / rate
        step = f"杠杆 = 1 / {show_pct(rate)} = {show(leverage, 2)} 倍"
    else:
        assert req.leverage is not None
        leverage = req.leverage
        rate = ONE / leverage
        step = f"保证金率 = 1 / {show(leverage)} = {show_pct(rate, 2)}"
    move = leverage / HUNDRED
    return LeverageResult(
        margin_rate=rate,
        leverage=leverage,
        move_on_margin=move,
        formula=("杠杆 = 合约价值 / 保证金 = 1 / 保证金率",),
        steps=(step, f"价格变动 1% → 保证金盈亏 {show(leverage, 2)} × 1% = {show_pct(move, 2)}"),
        assumptions=(
            "按交易所或期货公司收取的保证金率计；期货公司通常在交易所标准上加收",
            "杠杆放大盈亏两个方向：价格反向变动 1/杠杆 就亏掉全部保证金"
            "（维持保证金要求会让追保、强平来得更早）",
        ),
    )
