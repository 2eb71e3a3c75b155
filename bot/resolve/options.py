"""Options: premium P&L of a bought or sold option, also held to expiry (intrinsic value)."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from bot.core.numbers import num
from bot.resolve.context import (
    CLOSE_WORDS,
    DEFAULT_LOTS,
    EX_OPTION,
    Context,
    Plan,
    ask,
    fee_parts,
)

EX_OPTION_EXPIRY = "期权 买入看涨 权利金50 行权价3500 到期3600 乘数10 1手"


def expiry_value(ctx: Context, kind: Literal["call", "put"] | None, underlying: Decimal) -> Decimal:
    """The premium an option is worth at expiry: its intrinsic value (实值部分, else 0)."""
    strike = ctx.spec.strike
    if kind is None or strike is None:
        raise ask(
            "算到期盈亏要知道看涨还是看跌，以及行权价（如“看涨 行权价3500”）", EX_OPTION_EXPIRY
        )
    from bot.core.options import intrinsic_value

    value = intrinsic_value(kind, strike, underlying)
    formula = (
        f"{num(underlying)} − {num(strike)}"
        if kind == "call"
        else f"{num(strike)} − {num(underlying)}"
    )
    ctx.notes.append(f"到期按内在价值结算：max({formula}, 0) = {num(value)}")
    return value


def option_plan(ctx: Context) -> Plan:
    from bot.core.options import OptionTradeRequest

    spec = ctx.spec
    markets = set(spec.markets)
    if not spec.legs:
        raise ask("期权请写买入/卖出开仓、手数和权利金", EX_OPTION)
    opens = [leg for leg in spec.legs if leg.word not in CLOSE_WORDS]
    closes = [leg for leg in spec.legs if leg.word in CLOSE_WORDS] + opens[1:]
    first = opens[0] if opens else None
    if "seller" in markets or (first is not None and first.word in ("open_short", "sell")):
        role: Literal["buyer", "seller"] = "seller"
    elif "buyer" in markets or (first is not None and first.word in ("open_long", "buy")):
        role = "buyer"
    else:
        raise ask("期权是买方还是卖方？请写“买入开仓”或“卖出开仓”", EX_OPTION)
    open_premium = spec.premium if spec.premium is not None else (first.price if first else None)
    if open_premium is None:
        raise ask("缺少开仓权利金：请写“权利金50”", EX_OPTION)
    if len(closes) > 1:
        raise ask("期权请一次算一笔：一个开仓加一个平仓", EX_OPTION)
    close_premium = closes[0].price if closes else None
    kind: Literal["call", "put"] | None = (
        "call" if "call" in markets else "put" if "put" in markets else None
    )
    if spec.expiry_price is not None:
        if closes:
            raise ask("写了到期价就不用再写平仓：到期按内在价值结算", EX_OPTION_EXPIRY)
        close_premium = expiry_value(ctx, kind, spec.expiry_price)
    lots = next((leg.lots for leg in (*opens, *closes) if leg.lots is not None), None)
    if lots is None:
        lots = DEFAULT_LOTS
        ctx.notes.append("没写手数，按 1 手计算")
    if spec.multiplier is None:
        raise ask("期权请写合约乘数（每手多少份），例如“乘数10000”", EX_OPTION)
    fee_per_lot = None
    if spec.fee is not None:
        fee_per_lot, rate = fee_parts(spec.fee, "手续费")
        if rate is not None:
            raise ask("期权手续费请按每手写，例如“手续费5元/手”", EX_OPTION + " 手续费5元/手")
    request = OptionTradeRequest(
        role=role,
        lots=lots,
        open_premium=open_premium,
        close_premium=close_premium,
        multiplier=spec.multiplier,
        fee_per_lot=fee_per_lot,
        kind=kind,
        strike=spec.strike,
    )
    understood = [
        f"期权{'买方' if role == 'buyer' else '卖方'} {num(lots)} 手",
        f"开仓权利金 {num(open_premium)}",
        (
            f"到期 {num(spec.expiry_price)}（内在价值 {num(close_premium)}）"
            if spec.expiry_price is not None
            else f"平仓权利金 {num(close_premium)}"
        )
        if close_premium is not None
        else "",
        f"乘数 {num(spec.multiplier)}",
        f"手续费 {num(fee_per_lot)}元/手" if fee_per_lot is not None else "",
    ]
    return Plan("option", request, tuple(understood), tuple(ctx.notes))
