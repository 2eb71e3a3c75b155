"""Account equity from the day's statement (002 document): 客户权益 = 上日结存 + 入金 − 出金
+ 当日盈亏 − 手续费, where 当日盈亏 = 平仓盈亏 + 持仓盈亏 (逐日盯市). With the margin in use, the
risk degree 保证金占用 / 客户权益 follows. Pure Decimal arithmetic, no rounding until display.
"""

from __future__ import annotations

from decimal import Decimal

from pydantic import model_validator

from bot.core.numbers import ZERO, plain
from bot.core.results import CalcResult, CoreModel
from bot.errors import DomainError

EXAMPLE = "上日结存10万 入金2万 当日盈亏-5000 手续费200 权益多少"


class EquityRequest(CoreModel):
    prev_balance: Decimal
    """上日结存: yesterday's closing balance."""
    cash_in: Decimal = ZERO
    """入金 (deposits today)."""
    cash_out: Decimal = ZERO
    """出金 (withdrawals today)."""
    close_pnl: Decimal = ZERO
    """平仓盈亏 today (逐日盯市)."""
    hold_pnl: Decimal = ZERO
    """持仓盈亏 today (逐日盯市)."""
    daily_pnl: Decimal | None = None
    """当日盈亏 when typed as one figure (instead of 平仓盈亏 + 持仓盈亏)."""
    fees: Decimal = ZERO
    """Today's fees, an amount in 元."""
    margin_used: Decimal | None = None

    @model_validator(mode="after")
    def _check(self) -> EquityRequest:
        for value, what in ((self.cash_in, "入金"), (self.cash_out, "出金"), (self.fees, "手续费")):
            if value < 0:
                raise DomainError(f"{what}不能是负数（收到 {plain(value)}）", example=EXAMPLE)
        if self.margin_used is not None and self.margin_used < 0:
            raise DomainError("保证金占用不能是负数", example=EXAMPLE)
        if self.cash_out > self.prev_balance + self.cash_in:
            raise DomainError(
                f"出金 {plain(self.cash_out)} 超过了账户资金（上日结存 {plain(self.prev_balance)}"
                f" + 入金 {plain(self.cash_in)}），取不出来",
                example=EXAMPLE,
            )
        return self


class EquityResult(CalcResult):
    prev_balance: Decimal
    cash_in: Decimal
    cash_out: Decimal
    daily_pnl: Decimal
    fees: Decimal
    equity: Decimal
    margin_used: Decimal | None = None
    available: Decimal | None = None
    """客户权益 − 保证金占用."""
    close_pnl: Decimal | None = None
    """平仓盈亏, when the day's P&L was typed as 平仓盈亏 + 持仓盈亏 (else None)."""
    hold_pnl: Decimal | None = None
    """持仓盯市盈亏, as ``close_pnl``."""
    closing_balance: Decimal | None = None
    """当日结存 = 上日结存 + 入金 − 出金 + 平仓盈亏 − 手续费 (a CTP settlement statement's line;
    客户权益 = 当日结存 + 持仓盯市盈亏), when the day's P&L was typed split."""
    risk_ratio: Decimal | None = None


def _term(value: Decimal) -> str:
    """A figure inside a sum: negatives in brackets (3,000 + (-1,000))."""
    text = plain(value, 2)
    return f"({text})" if value < 0 else text


def compute_equity(req: EquityRequest) -> EquityResult:
    """客户权益 = 上日结存 + 入金 − 出金 + 当日盈亏 − 手续费; 风险度 when the margin is known."""
    daily = req.daily_pnl if req.daily_pnl is not None else req.close_pnl + req.hold_pnl
    equity = req.prev_balance + req.cash_in - req.cash_out + daily - req.fees
    formula = ["客户权益 = 上日结存 + 入金 − 出金 + 当日盈亏 − 手续费（002 文档）"]
    steps = []
    closing = None
    if req.daily_pnl is None:
        formula.append("当日盈亏 = 平仓盈亏 + 持仓盈亏（逐日盯市）")
    if req.daily_pnl is None and not req.model_fields_set.isdisjoint(("close_pnl", "hold_pnl")):
        closing = req.prev_balance + req.cash_in - req.cash_out + req.close_pnl - req.fees
        formula.append(
            "当日结存 = 上日结存 + 入金 − 出金 + 平仓盈亏 − 手续费；客户权益 = 当日结存 + 持仓盈亏"
        )
        steps.append(
            f"当日盈亏 = {_term(req.close_pnl)} + {_term(req.hold_pnl)} = {plain(daily, 2)}"
        )
    steps.append(
        f"客户权益 = {plain(req.prev_balance, 2)} + {plain(req.cash_in, 2)}"
        f" − {plain(req.cash_out, 2)} + {_term(daily)} − {plain(req.fees, 2)}"
        f" = {plain(equity, 2)}"
    )
    available = ratio = None
    if req.margin_used is not None:
        available = equity - req.margin_used
        formula.append("风险度 = 保证金占用 / 客户权益")
        if equity > 0:
            ratio = req.margin_used / equity
            steps.append(
                f"风险度 = {plain(req.margin_used, 2)} / {plain(equity, 2)}"
                f" = {plain(ratio * 100, 2)}%"
            )
    assumptions = ["当日盈亏按逐日盯市（结算单口径）；手续费为当天合计金额"]
    if equity <= 0:
        assumptions.append("权益已不大于0：亏损超过了账户资金（穿仓），要补足欠款")
    return EquityResult(
        prev_balance=req.prev_balance,
        cash_in=req.cash_in,
        cash_out=req.cash_out,
        daily_pnl=daily,
        fees=req.fees,
        equity=equity,
        margin_used=req.margin_used,
        available=available,
        risk_ratio=ratio,
        close_pnl=None if closing is None else req.close_pnl,
        hold_pnl=None if closing is None else req.hold_pnl,
        closing_balance=closing,
        formula=tuple(formula),
        steps=tuple(steps),
        assumptions=tuple(assumptions),
    )
