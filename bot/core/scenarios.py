"""Exit scenarios of an open position: the net P&L of closing it at the stop or the target
typed beside it, and the reward/risk ratio (盈亏比) of the two.

Each outcome is computed by ``compute_trades`` on the trade's legs plus that close, so fees of
both the open and the close are counted exactly as in the trade's own answer.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from bot.core.results import CoreModel
from bot.core.trades import Leg, QuantityKind, TradeRequest, compute_trades

ExitLabel = Literal["止损", "止盈"]
RATIO_PLACES = Decimal("0.01")


class ExitScenarioRequest(CoreModel):
    trade: TradeRequest
    stop: Decimal | None = None
    target: Decimal | None = None


class ExitOutcome(CoreModel):
    label: ExitLabel
    price: Decimal
    net_pnl: Decimal
    """What the position makes closed at ``price``: its P&L less every fee (the open's too)."""


class ExitScenarioResult(CoreModel):
    outcome: Literal["computed", "all_closed", "both_sides"]
    """``all_closed``: nothing is held; ``both_sides``: long and short both held (锁仓)."""
    exits: tuple[ExitOutcome, ...] = ()
    ratio: Decimal | None = None
    """Reward/risk (target gain ÷ stop loss), rounded to 0.01, when a loss and a gain."""
    with_fees: bool = False
    counted_in: QuantityKind = "lots"
    """Lots settle in 元, coins in USDT (as the trade's own result)."""


def compute_exit_scenarios(req: ExitScenarioRequest) -> ExitScenarioResult:
    base = compute_trades(req.trade)
    if not base.positions:
        return ExitScenarioResult(outcome="all_closed")
    if len(base.positions) != 1:
        return ExitScenarioResult(outcome="both_sides")
    held = base.positions[0]
    exits: list[ExitOutcome] = []
    asked: tuple[tuple[ExitLabel, Decimal | None], ...] = (
        ("止损", req.stop),
        ("止盈", req.target),
    )
    for label, price in asked:
        if price is None:
            continue
        close = Leg(action="close", side=held.side, lots=held.lots, price=price)
        after = compute_trades(req.trade.model_copy(update={"legs": (*req.trade.legs, close)}))
        net = after.realized_net - base.realized_gross
        exits.append(ExitOutcome(label=label, price=price, net_pnl=net))
    by_label = {exit_.label: exit_.net_pnl for exit_ in exits}
    loss, gain = by_label.get("止损"), by_label.get("止盈")
    ratio = (gain / -loss).quantize(RATIO_PLACES) if loss and gain and loss < 0 < gain else None
    return ExitScenarioResult(
        outcome="computed",
        exits=tuple(exits),
        ratio=ratio,
        with_fees=req.trade.fees is not None,
        counted_in=base.counted_in,
    )
