"""What a price move is worth (涨50点 1手赚多少, 止损20点 亏多少): points × multiplier × lots.

A long gains what a short loses; with no side named both are given. A stop distance is a move
against the position, whichever side it is.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import model_validator

from bot.core.results import CalcResult, CoreModel, Side, side_sign
from bot.core.risk import require_positive, show

EXAMPLE = "IF 涨50点 2手赚多少"
MoveDirection = Literal["up", "down", "against"]


class PriceMoveRequest(CoreModel):
    points: Decimal
    """Size of the move in price points (always positive)."""
    direction: MoveDirection
    multiplier: Decimal
    lots: Decimal
    side: Side | None = None

    @model_validator(mode="after")
    def _check(self) -> PriceMoveRequest:
        require_positive(self.points, "涨跌点数", EXAMPLE)
        require_positive(self.multiplier, "合约乘数", EXAMPLE)
        require_positive(self.lots, "手数", EXAMPLE)
        return self


class SidePnl(CoreModel):
    side: Side
    pnl: Decimal


class PriceMoveResult(CalcResult):
    points: Decimal
    direction: MoveDirection
    lots: Decimal
    per_lot: Decimal
    """Money per lot for the move (unsigned)."""
    total: Decimal
    """Money for all lots (unsigned)."""
    by_side: tuple[SidePnl, ...]
    """Signed P&L per side; empty for a move against the position (always a loss)."""


def compute_price_move(req: PriceMoveRequest) -> PriceMoveResult:
    per_lot = req.points * req.multiplier
    total = per_lot * req.lots
    by_side: tuple[SidePnl, ...] = ()
    if req.direction != "against":
        move_sign = 1 if req.direction == "up" else -1
        sides: tuple[Side, ...] = (req.side,) if req.side else ("long", "short")
        by_side = tuple(
            SidePnl(side=side, pnl=side_sign(side) * move_sign * total) for side in sides
        )
    steps = (f"{show(req.points)} × {show(req.multiplier)} × {show(req.lots)} = {show(total)}",)
    assumptions = (
        "未计手续费；按合约乘数换算，价格单位与报价一致",
        "止损按止损价成交（不计滑点）" if req.direction == "against" else "多头涨赚跌亏，空头相反",
    )
    return PriceMoveResult(
        points=req.points,
        direction=req.direction,
        lots=req.lots,
        per_lot=per_lot,
        total=total,
        by_side=by_side,
        formula=("盈亏 = 价格变动 × 乘数 × 手数",),
        steps=steps,
        assumptions=assumptions,
    )
