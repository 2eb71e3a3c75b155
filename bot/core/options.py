"""Option premium P&L for the buyer (权利方) and the seller (义务方).

Buyer: P&L = (平仓权利金 − 开仓权利金) × 乘数 × 手数; the most a buyer can lose is the premium
paid. Seller: the sign is flipped; the most a seller can earn is the premium received.
With the option type and strike, the expiry break-even and the bounded maxima are added.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from bot.core.numbers import ZERO
from bot.core.results import CalcResult, CoreModel
from bot.core.risk import require_non_negative, require_positive, require_whole, show

OptionRole = Literal["buyer", "seller"]
OptionKind = Literal["call", "put"]

_EXAMPLE = "买入期权2手 权利金50 平仓80 乘数10"


def intrinsic_value(kind: OptionKind, strike: Decimal, underlying: Decimal) -> Decimal:
    """What an option is worth at expiry (its premium then): the in-the-money part, else 0 —
    max(S − K, 0) for a call, max(K − S, 0) for a put."""
    difference = underlying - strike if kind == "call" else strike - underlying
    return max(difference, ZERO)


class OptionTradeRequest(CoreModel):
    role: OptionRole
    lots: Decimal
    open_premium: Decimal
    """Premium per unit at the open (权利金报价)."""
    close_premium: Decimal | None = None
    """Premium per unit at the close; 0 = expired worthless; None = still open."""
    multiplier: Decimal
    fee_per_lot: Decimal | None = None
    """Fee per lot per side."""
    kind: OptionKind | None = None
    strike: Decimal | None = None


class OptionResult(CalcResult):
    role: OptionRole
    lots: Decimal
    open_premium: Decimal
    close_premium: Decimal | None
    multiplier: Decimal
    kind: OptionKind | None
    strike: Decimal | None
    premium_amount: Decimal
    """open premium × multiplier × lots: paid by the buyer, received by the seller."""
    gross_pnl: Decimal | None
    fees_total: Decimal
    net_pnl: Decimal | None
    return_on_premium: Decimal | None
    """net P&L / premium amount."""
    max_loss: Decimal | None
    """Buyer: premium + open fees. Seller: known only for a put with strike (else None)."""
    max_profit: Decimal | None
    """Seller: premium − open fees. Buyer: known only for a put with strike (else None)."""
    breakeven_price: Decimal | None
    """Underlying price at expiry where the trade breaks even (needs kind and strike)."""


def compute_option(req: OptionTradeRequest) -> OptionResult:
    """Premium P&L, fees, maximum loss / profit and expiry break-even."""
    require_whole(req.lots, "手数", _EXAMPLE)
    require_positive(req.open_premium, "开仓权利金", _EXAMPLE)
    require_positive(req.multiplier, "合约乘数", _EXAMPLE)
    if req.close_premium is not None:
        require_non_negative(req.close_premium, "平仓权利金", _EXAMPLE)
    fee = ZERO
    if req.fee_per_lot is not None:
        fee = require_non_negative(req.fee_per_lot, "手续费", _EXAMPLE)
    if req.strike is not None:
        require_positive(req.strike, "行权价", _EXAMPLE + " 看涨 行权价3000")

    buyer = req.role == "buyer"
    sign = 1 if buyer else -1
    k = req.multiplier * req.lots
    premium = req.open_premium * k
    open_fee = fee * req.lots
    close_fee = fee * req.lots if req.close_premium is not None else ZERO
    fees = open_fee + close_fee
    role_cn = "买方（权利方）" if buyer else "卖方（义务方）"

    formula = ["权利金 = 权利金报价 × 乘数 × 手数"]
    steps = [
        f"权利金 = {show(req.open_premium)} × {show(req.multiplier)} × {show(req.lots)}"
        f" = {show(premium)}"
    ]
    assumptions = [
        f"{role_cn}；手续费 {show(fee)} 元/手/边" if fee else f"{role_cn}；未计手续费",
    ]

    gross: Decimal | None = None
    net: Decimal | None = None
    ret: Decimal | None = None
    if req.close_premium is not None:
        gross = sign * (req.close_premium - req.open_premium) * k
        net = gross - fees
        ret = net / premium
        formula.append(
            "买方盈亏 = (平仓权利金 − 开仓权利金) × 乘数 × 手数"
            if buyer
            else "卖方盈亏 = (开仓权利金 − 平仓权利金) × 乘数 × 手数"
        )
        first, second = (
            (req.close_premium, req.open_premium)
            if buyer
            else (req.open_premium, req.close_premium)
        )
        steps.append(f"盈亏 = ({show(first)} − {show(second)}) × {show(k)} = {show(gross)}")
        if fees:
            steps.append(f"净盈亏 = {show(gross)} − {show(fees)} = {show(net)}")

    breakeven: Decimal | None = None
    if req.kind is not None and req.strike is not None:
        breakeven = (
            req.strike + req.open_premium if req.kind == "call" else req.strike - req.open_premium
        )
        formula.append("到期盈亏平衡点 = 行权价 ± 权利金（看涨加，看跌减）")
        steps.append(f"盈亏平衡点 = {show(breakeven)}")
        assumptions.append("盈亏平衡点按持有到期计算，不含手续费")
    # A put's payoff is bounded (the underlying cannot fall below 0); a call's is not.
    put_value: Decimal | None = None
    if req.kind == "put" and breakeven is not None:
        put_value = max(breakeven, ZERO) * k
    max_loss: Decimal | None
    max_profit: Decimal | None
    if buyer:
        max_loss = premium + open_fee
        max_profit = put_value - open_fee if put_value is not None else None
        assumptions.append("买方最大亏损 = 付出的权利金（含开仓手续费）")
    else:
        max_profit = premium - open_fee
        max_loss = put_value + open_fee if put_value is not None else None
        assumptions.append(
            "卖方最大收益 = 收到的权利金（扣开仓手续费）"
            + (
                "；卖出看跌最大亏损在标的跌到0时"
                if put_value is not None
                else "；卖出看涨的亏损理论上无上限"
            )
        )

    return OptionResult(
        role=req.role,
        lots=req.lots,
        open_premium=req.open_premium,
        close_premium=req.close_premium,
        multiplier=req.multiplier,
        kind=req.kind,
        strike=req.strike,
        premium_amount=premium,
        gross_pnl=gross,
        fees_total=fees,
        net_pnl=net,
        return_on_premium=ret,
        max_loss=max_loss,
        max_profit=max_profit,
        breakeven_price=breakeven,
        formula=tuple(formula),
        steps=tuple(steps),
        assumptions=tuple(assumptions),
    )
