"""How far the price can move before an isolated USDT perpetual is liquidated (100倍多少爆仓).

From the Binance one-way formula (see ``bot.core.crypto``) with the isolated margin
``Q × EP / L`` and a bracket deduction of 0, quantity and entry price cancel out:

- long:  LP / EP = (1 − 1/L) / (1 − MMR)
- short: LP / EP = (1 + 1/L) / (1 + MMR)

so the answer is a percentage move, and a price only when an entry price is given.
"""

from __future__ import annotations

from decimal import Decimal

from pydantic import model_validator

from bot.core.crypto import require_leverage
from bot.core.numbers import ONE
from bot.core.results import CalcResult, CoreModel, Side
from bot.core.risk import require_positive, require_rate, show, show_pct
from bot.core.trades import SIDE_CN

EXAMPLE = "BTC 100倍 多少爆仓"


class LiquidationMoveRequest(CoreModel):
    leverage: Decimal
    mmr: Decimal = Decimal("0.005")
    side: Side | None = None
    """None: both sides are answered."""
    entry_price: Decimal | None = None

    @model_validator(mode="after")
    def _check(self) -> LiquidationMoveRequest:
        require_rate(self.mmr, "维持保证金率", EXAMPLE)
        require_leverage(self.leverage, self.mmr, EXAMPLE)
        if self.entry_price is not None:
            require_positive(self.entry_price, "开仓价", EXAMPLE)
        return self


class LiquidationMove(CoreModel):
    side: Side
    ratio: Decimal
    """Liquidation price / entry price."""
    move: Decimal
    """ratio − 1: negative for a long (a fall), positive for a short (a rise)."""
    price: Decimal | None = None
    never: bool = False
    """A long at 1× or less: the formula gives a price ≤ 0, it is never liquidated."""


class LiquidationMoveResult(CalcResult):
    leverage: Decimal
    mmr: Decimal
    entry_price: Decimal | None
    moves: tuple[LiquidationMove, ...]


def compute_liquidation_move(req: LiquidationMoveRequest) -> LiquidationMoveResult:
    sides: tuple[Side, ...] = (req.side,) if req.side else ("long", "short")
    inverse = ONE / req.leverage
    moves: list[LiquidationMove] = []
    steps: list[str] = []
    lev, mmr = show(req.leverage), show_pct(req.mmr)
    for side in sides:
        if side == "long":
            ratio = (ONE - inverse) / (ONE - req.mmr)
            working = f"(1 − 1/{lev}) / (1 − {mmr})"
        else:
            ratio = (ONE + inverse) / (ONE + req.mmr)
            working = f"(1 + 1/{lev}) / (1 + {mmr})"
        never = ratio <= 0
        price = req.entry_price * ratio if req.entry_price is not None and not never else None
        moves.append(
            LiquidationMove(side=side, ratio=ratio, move=ratio - ONE, price=price, never=never)
        )
        line = f"{SIDE_CN[side]}：强平价/开仓价 = {working} = {show(ratio, 6)}"
        if price is not None and req.entry_price is not None:
            line += f"，{show(req.entry_price)} × {show(ratio, 6)} = {show(price)}"
        steps.append(line)
    formula = (
        "多：强平价 = 开仓价 × (1 − 1/杠杆) / (1 − 维持保证金率)",
        "空：强平价 = 开仓价 × (1 + 1/杠杆) / (1 + 维持保证金率)",
    )
    assumptions = (
        f"逐仓，保证金 = 名义价值 / {lev}，Binance 单向持仓公式，速算额 0",
        f"维持保证金率 {mmr}；与开仓价、数量无关（同一档位内），大仓位档位更高、距离更近",
        "未计手续费和强平清算费；实际以交易所标记价格触发",
    )
    return LiquidationMoveResult(
        leverage=req.leverage,
        mmr=req.mmr,
        entry_price=req.entry_price,
        moves=tuple(moves),
        formula=formula,
        steps=tuple(steps),
        assumptions=assumptions,
    )
