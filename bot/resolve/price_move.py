"""A move with no prices: ``IF 涨50点 2手赚多少``, ``开空5手 rb 跌20点``, ``止损20个点 1手亏多少``.

The money is points × multiplier × lots; the side, when named, picks the sign. A move typed
together with prices is asked about (the current or exit price says the same, exactly), and so
is anything else typed that the move does not use.
"""

from __future__ import annotations

from bot.core.numbers import num
from bot.defaults import ChatDefaults
from bot.parse.spec import MessageSpec
from bot.resolve.context import (
    DEFAULT_LOTS,
    SIDE_OF_OPEN,
    Context,
    Plan,
    Side,
    ask,
    contract_info,
)
from bot.resolve.context import resolve_multiplier as multiplier_of
from bot.resolve.understood import SIDE_WORD

EX_MOVE = "IF 涨50点 2手赚多少"


def _stop_loss_only(spec: MessageSpec) -> bool:
    """止损20点 and lots, no entry, no equity: the loss at the stop, not a sizing question."""
    return (
        spec.stop_distance is not None
        and "size" not in spec.questions
        and spec.equity is None
        and spec.risk_fraction is None
        and spec.entry_price is None
        and not spec.loose_prices
        and all(leg.price is None for leg in spec.legs)
    )


def price_move_plan(spec: MessageSpec, defaults: ChatDefaults) -> Plan | None:
    from bot.core.price_move import PriceMoveRequest

    move = spec.price_move
    if move is None:
        if not _stop_loss_only(spec):
            return None
        assert spec.stop_distance is not None
        points, direction = spec.stop_distance, "against"
    else:
        priced = [leg.price for leg in spec.legs if leg.price is not None]
        if priced or spec.loose_prices or spec.entry_price or spec.mark_price or spec.now_price:
            raise ask(
                "写了价格时，涨跌请直接写成现价或平仓价（如“现价3550”）；“涨50点”用于没写价格的问题",
                "开多2手 rb 3500 现价3550",
            )
        points, direction = abs(move), ("up" if move > 0 else "down")
    if len(spec.legs) > 1:
        raise ask("涨跌幅度一次算一个持仓：请只写一个方向和手数", EX_MOVE)
    side: Side | None = None
    lots = spec.loose_lots
    if spec.legs:
        leg = spec.legs[0]
        side = SIDE_OF_OPEN.get(leg.word)
        lots = leg.lots if leg.lots is not None else lots
    used = 1 + (lots is not None) + (spec.multiplier is not None)
    if spec.numbers != used:
        raise ask("涨跌幅度只需要合约（或乘数）和手数，其他数字请分开问", EX_MOVE)
    ctx = Context(spec, defaults, contract_info(spec))
    multiplier = multiplier_of(ctx, EX_MOVE)
    if lots is None:
        lots = DEFAULT_LOTS
        ctx.notes.append("没写手数，按 1 手计算")
    request = PriceMoveRequest(
        points=points, direction=direction, multiplier=multiplier, lots=lots, side=side
    )
    what = {"up": "上涨", "down": "下跌", "against": "止损"}[direction]
    understood = (
        ctx.info.label if ctx.info else "",
        f"乘数 {num(multiplier)}",
        (f"{SIDE_WORD[side]} " if side else "") + f"{num(lots)} 手",
        f"{what} {num(points)} 点",
    )
    return Plan("price_move", request, tuple(filter(None, understood)), tuple(ctx.notes))
