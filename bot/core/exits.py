"""Stop-loss and take-profit of one open position: the net P&L at each and the reward/risk.

净盈亏(P) = 方向 × (P − 开仓价) × 乘数 × 手数 − 开仓费 − 平仓费(P) (``bot.core.breakeven``);
盈亏比 = 止盈净盈利 / 止损净亏损; 保本胜率 = 亏损 / (盈利 + 亏损).
A take-profit on the losing side of the entry (a long's 止盈 below the entry) or a stop on the
winning side is refused: the answer would be a silent wrong number.
"""

from __future__ import annotations

from decimal import Decimal

from pydantic import model_validator

from bot.core.breakeven import BreakevenRequest, net_pnl_at
from bot.core.fees import FeeSchedule
from bot.core.numbers import ZERO, plain
from bot.core.results import CalcResult, CoreModel, Side
from bot.core.trades import NO_FEES_HINT, SIDE_CN, UNIT_WORDS, QuantityKind, check_positive
from bot.errors import DomainError

EXITS_EXAMPLE = "开多2手 rb 3500 止损3450 止盈3600 盈亏比"


class ExitPlanRequest(CoreModel):
    side: Side
    lots: Decimal
    entry_price: Decimal
    multiplier: Decimal
    stop_price: Decimal | None = None
    take_profit: Decimal | None = None
    fees: FeeSchedule | None = None
    close_today: bool = False
    """Exit the same day (平今 fees, when the schedule has them)."""
    counted_in: QuantityKind = "lots"

    @model_validator(mode="after")
    def _check(self) -> ExitPlanRequest:
        check_positive(self.lots, "手数", EXITS_EXAMPLE)
        check_positive(self.entry_price, "开仓价", EXITS_EXAMPLE)
        check_positive(self.multiplier, "合约乘数", EXITS_EXAMPLE)
        if self.stop_price is None and self.take_profit is None:
            raise DomainError("请给止损价或止盈价", example=EXITS_EXAMPLE)
        long = self.side == "long"
        entry = plain(self.entry_price)
        if self.take_profit is not None:
            check_positive(self.take_profit, "止盈价", EXITS_EXAMPLE)
            if (
                (self.take_profit <= self.entry_price)
                if long
                else (self.take_profit >= self.entry_price)
            ):
                where = "高于" if long else "低于"
                raise DomainError(
                    f"{SIDE_CN[self.side]}单止盈价应{where}开仓价（止盈 {plain(self.take_profit)}，"
                    f"开仓 {entry}）：在那里平仓是亏损",
                    example=EXITS_EXAMPLE,
                )
        if self.stop_price is not None:
            check_positive(self.stop_price, "止损价", EXITS_EXAMPLE)
            if (
                (self.stop_price >= self.entry_price)
                if long
                else (self.stop_price <= self.entry_price)
            ):
                where = "低于" if long else "高于"
                raise DomainError(
                    f"{SIDE_CN[self.side]}单止损价应{where}开仓价（止损 {plain(self.stop_price)}，"
                    f"开仓 {entry}）",
                    example=EXITS_EXAMPLE,
                )
        if self.counted_in == "lots" and self.lots != self.lots.to_integral_value():
            raise DomainError(
                f"期货手数必须是整数（收到 {plain(self.lots)}手）", example=EXITS_EXAMPLE
            )
        return self


class ExitPlanResult(CalcResult):
    side: Side
    lots: Decimal
    entry_price: Decimal
    stop_price: Decimal | None
    take_profit: Decimal | None
    loss_at_stop: Decimal | None
    """Net P&L of closing at the stop (negative), fees included when given."""
    gain_at_target: Decimal | None
    """Net P&L of closing at the take-profit, fees included when given."""
    reward_risk: Decimal | None
    """gain / |loss| when both are known and the gain is positive."""
    breakeven_win_rate: Decimal | None
    """|loss| / (gain + |loss|)."""
    fees_counted: bool
    counted_in: QuantityKind = "lots"


def compute_exit_plan(req: ExitPlanRequest) -> ExitPlanResult:
    """Net P&L at the stop and at the take-profit, the reward/risk and break-even win rate."""
    position = BreakevenRequest(
        side=req.side,
        lots=req.lots,
        entry_price=req.entry_price,
        multiplier=req.multiplier,
        fees=req.fees,
        close_today=req.close_today,
        counted_in=req.counted_in,
    )
    loss = None if req.stop_price is None else net_pnl_at(position, req.stop_price)
    gain = None if req.take_profit is None else net_pnl_at(position, req.take_profit)
    ratio = rate = None
    steps = []
    size = f"{plain(req.multiplier)} × {plain(req.lots)}"
    for name, price, value in (("止损", req.stop_price, loss), ("止盈", req.take_profit, gain)):
        if price is None or value is None:
            continue
        diff = (
            f"({plain(price)} − {plain(req.entry_price)})"
            if req.side == "long"
            else f"({plain(req.entry_price)} − {plain(price)})"
        )
        fee_part = " − 开平手续费" if req.fees is not None else ""
        steps.append(f"{name}：{diff} × {size}{fee_part} = {plain(value, 2)}")
    if loss is not None and gain is not None and loss < ZERO < gain:
        ratio = gain / -loss
        rate = -loss / (gain - loss)
        steps.append(f"盈亏比 = {plain(gain, 2)} / {plain(-loss, 2)} = {plain(ratio, 4)}")
        steps.append(
            f"保本胜率 = {plain(-loss, 2)} / ({plain(gain, 2)} + {plain(-loss, 2)})"
            f" = {plain(rate * 100, 2)}%"
        )
    unit = UNIT_WORDS[req.counted_in][0]
    return ExitPlanResult(
        side=req.side,
        lots=req.lots,
        entry_price=req.entry_price,
        stop_price=req.stop_price,
        take_profit=req.take_profit,
        loss_at_stop=loss,
        gain_at_target=gain,
        reward_risk=ratio,
        breakeven_win_rate=rate,
        fees_counted=req.fees is not None,
        counted_in=req.counted_in,
        formula=(
            "净盈亏 = (平仓价 − 开仓价) × 乘数 × 手数 − 开平手续费（空头取反）",
            "盈亏比 = 止盈净盈利 / 止损净亏损；保本胜率 = 亏损 / (盈利 + 亏损)",
        ),
        steps=tuple(steps),
        assumptions=(
            f"{SIDE_CN[req.side]}头{plain(req.lots)}{unit} @{plain(req.entry_price)}，"
            f"乘数{plain(req.multiplier)}；按止损/止盈价成交（不计滑点）",
            req.fees.describe() if req.fees is not None else NO_FEES_HINT[req.counted_in],
        ),
    )
