"""Target and stop prices from a return: ROE (% of margin), % of equity; a stop from a share of
the margin (亏损不超过保证金的50%). A money target (想赚2万) is the break-even plan's."""

from __future__ import annotations

from decimal import Decimal

from bot.core.numbers import amount, num, pct
from bot.resolve.context import (
    ONE,
    Context,
    Plan,
    ask,
    contract_part,
    fee_schedule,
    fee_text,
    margin_rate_of,
    parse_rate,
    resolve_multiplier,
)
from bot.resolve.crypto import is_crypto
from bot.resolve.legs import resolve_legs, single_position
from bot.resolve.understood import position

EX_TARGET = "BTC 20倍 开多 60000 ROE 50% 目标价"
EX_EQUITY_TARGET = "权益10万 开多2手 rb 3500 赚权益的5% 目标价"


def asks_target_return(ctx: Context) -> bool:
    spec = ctx.spec
    return (
        spec.target_return is not None
        or spec.stop_return is not None
        or spec.equity_return is not None
    )


def _margin_rate(ctx: Context) -> Decimal:
    spec = ctx.spec
    if spec.leverage is not None:
        if spec.leverage <= 0:
            raise ask(f"杠杆必须大于0（收到 {num(spec.leverage)}）", EX_TARGET)
        return ONE / spec.leverage
    rate = margin_rate_of(
        ctx, required=True, example=EX_TARGET + " 或 开多2手 rb 3500 保证金10% ROE 50% 目标价"
    )
    assert rate is not None
    return rate


def target_plan(ctx: Context) -> Plan:
    """目标价 for a return on margin or equity, or 止损价 for a loss of a share of the margin."""
    from bot.core.targets import TargetRequest

    spec = ctx.spec
    if not spec.legs:
        raise ask("目标价要知道开仓方向、数量和开仓价", EX_TARGET)
    given = [r for r in (spec.target_return, spec.stop_return, spec.equity_return) if r is not None]
    if len(given) > 1:
        raise ask("收益率、权益收益和保证金亏损比例写一个就够了", EX_TARGET)
    coins = is_crypto(ctx)
    unit = "个" if coins else "手"
    defaulted_before = len(ctx.notes)
    legs = resolve_legs(spec.legs, ctx.notes, unit_word=unit)
    lots_given = not any(leg.lots_defaulted for leg in legs)
    if not lots_given:
        del ctx.notes[defaulted_before:]  # the price does not depend on the size: said below
    side, lots, entry = single_position(legs, EX_TARGET)
    if coins and spec.multiplier is None and (ctx.info is None or ctx.info.contract is None):
        multiplier = Decimal(1)
    else:
        multiplier = resolve_multiplier(ctx, EX_TARGET)
    fees = fee_schedule(ctx)
    margin_rate: Decimal | None = None
    if spec.equity_return is not None:
        if spec.equity is None:
            raise ask("按权益百分比算目标价需要账户权益，请加上“权益10万”", EX_EQUITY_TARGET)
        basis, rate = "equity", parse_rate(spec.equity_return, "权益收益", EX_EQUITY_TARGET)
        word = f"赚权益的 {pct(rate)}"
    else:
        margin_rate = _margin_rate(ctx)
        typed = spec.target_return if spec.target_return is not None else spec.stop_return
        assert typed is not None
        basis, rate = "margin", parse_rate(typed, "收益率", EX_TARGET)
        word = (
            f"收益率 {pct(rate)}（按保证金）"
            if spec.target_return is not None
            else f"亏损不超过保证金的 {pct(rate)}"
        )
    request = TargetRequest(
        side=side,
        entry_price=entry,
        basis=basis,
        goal="loss" if spec.stop_return is not None else "profit",
        amount=rate,
        lots=lots,
        multiplier=multiplier,
        margin_rate=margin_rate,
        equity=spec.equity,
        fees=fees,
        counted_in="coins" if coins else "lots",
        lots_given=lots_given,
    )
    understood = (
        position(side, lots, entry, unit)
        if lots_given
        else f"{position(side, lots, entry, unit)}（数量未给）",
        contract_part(ctx, multiplier) if not coins or ctx.info is not None else "",
        f"{num(ONE / margin_rate)} 倍" if spec.leverage is not None and margin_rate else "",
        f"保证金 {pct(margin_rate)}" if margin_rate is not None and spec.leverage is None else "",
        f"权益 {amount(spec.equity)}" if spec.equity is not None else "",
        fee_text(fees),
        word,
    )
    return Plan("target", request, tuple(filter(None, understood)), tuple(ctx.notes))
