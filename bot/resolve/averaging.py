"""One open position asked about as a whole: the average entry after adds (加仓/补仓), and the
what-if ladder (涨跌1% 2% 5% 盈亏)."""

from __future__ import annotations

from decimal import Decimal

from bot.core.numbers import amount, num, pct
from bot.resolve.context import (
    Context,
    Plan,
    ask,
    contract_part,
    fee_schedule,
    fee_text,
    margin_rate_of,
    resolve_multiplier,
)
from bot.resolve.crypto import is_crypto
from bot.resolve.futures import risk_lines
from bot.resolve.legs import require_prices, resolve_legs, single_position
from bot.resolve.understood import SIDE_WORD, position

EX_AVERAGING = "开多2手 rb 3500 补仓2手 3400 均价"
EX_LADDER = "开多2手 rb 3500 涨跌1% 2% 5% 盈亏"


def _multiplier(ctx: Context, coins: bool, example: str) -> Decimal:
    """The contract size; 1 for crypto (coins), and for an average with no contract at all."""
    spec, info = ctx.spec, ctx.info
    if spec.multiplier is None and (info is None or info.contract is None):
        if coins:
            ctx.notes.append("数字货币按 1 张 = 1 个币计算（可写“乘数”改）")
            return Decimal(1)
        if info is None and example == EX_AVERAGING:
            ctx.notes.append(
                "没写合约和乘数：均价与乘数无关，金额按每点 1 元计算（写上合约可得实际金额）"
            )
            return Decimal(1)
    return resolve_multiplier(ctx, example)


def averaging_plan(ctx: Context) -> Plan | None:
    """开多2手 3500 补仓2手 3400 均价: the new average entry, break-even and P&L at a price.
    None when the legs are not one side opened several times (then the trade answers it)."""
    from bot.core.averaging import AveragingRequest, Fill

    spec = ctx.spec
    coins = is_crypto(ctx)
    unit = "个" if coins else "手"
    legs = resolve_legs(spec.legs, ctx.notes, unit_word=unit)
    if len(legs) < 2 or any(leg.action != "open" for leg in legs):
        return None
    if len({leg.side for leg in legs}) > 1:
        raise ask("多空两边都有开仓（锁仓）：均价请每边分开问", EX_AVERAGING)
    require_prices(legs)
    multiplier = _multiplier(ctx, coins, EX_AVERAGING)
    fees = fee_schedule(ctx)
    tick = spec.tick
    if tick is None and ctx.info is not None and ctx.info.contract is not None:
        tick = ctx.info.contract.tick
    side = legs[0].side
    request = AveragingRequest(
        side=side,
        fills=tuple(Fill(lots=leg.lots, price=leg.price or Decimal(0)) for leg in legs),
        multiplier=multiplier,
        fees=fees,
        price=spec.mark_price,
        tick=tick,
        counted_in="coins" if coins else "lots",
    )
    fills = " + ".join(f"{num(f.lots)} {unit} @{num(f.price)}" for f in request.fills)
    understood = (
        f"{SIDE_WORD[side]} {fills}",
        contract_part(ctx, multiplier),
        fee_text(fees),
        f"现价 {num(spec.mark_price)}" if spec.mark_price is not None else "",
        "求加仓后的均价",
    )
    return Plan("averaging", request, tuple(filter(None, understood)), tuple(ctx.notes))


def ladder_plan(ctx: Context) -> Plan:
    """开多2手 rb 3500 涨跌1% 2% 5%: P&L (and 风险度 with equity) at each move up and down."""
    from bot.core.ladder import LadderRequest

    spec = ctx.spec
    if not spec.legs:
        raise ask("涨跌盈亏要知道持仓：开仓方向、手数和开仓价", EX_LADDER)
    coins = is_crypto(ctx)
    unit = "个" if coins else "手"
    legs = resolve_legs(spec.legs, ctx.notes, unit_word=unit)
    side, lots, entry = single_position(legs, EX_LADDER)
    multiplier = _multiplier(ctx, coins, EX_LADDER)
    margin_rate = None
    if spec.equity is not None:
        margin_rate = margin_rate_of(ctx, required=True, example=f"权益10万 {EX_LADDER} 保证金10%")
    forced = risk_lines(ctx)[1]
    points = spec.ladder_points or ()
    fields: dict[str, object] = {}
    if not points and spec.ladder_pcts:
        fields["percents"] = spec.ladder_pcts
    request = LadderRequest(
        side=side,
        lots=lots,
        entry_price=entry,
        multiplier=multiplier,
        base_price=spec.mark_price,
        points=points,
        equity=spec.equity,
        margin_rate=margin_rate,
        forced_line=forced,
        counted_in="coins" if coins else "lots",
        **fields,
    )
    moves = (
        "、".join(f"{num(p)}点" for p in points)
        if points
        else "、".join(pct(p) for p in request.percents)
    )
    understood = (
        position(side, lots, entry, unit),
        contract_part(ctx, multiplier),
        f"现价 {num(spec.mark_price)}" if spec.mark_price is not None else "",
        f"权益 {amount(spec.equity)}" if spec.equity is not None else "",
        f"保证金 {pct(margin_rate)}" if margin_rate is not None else "",
        f"涨跌 {moves} 的盈亏",
    )
    return Plan("ladder", request, tuple(filter(None, understood)), tuple(ctx.notes))
