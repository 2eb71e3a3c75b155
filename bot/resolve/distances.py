"""Stop distances as typed become what the calculations read: ticks (止损30跳, 跌5跳) become
price points (ticks × the tick size typed, 跳1, or the contract's minimum price step); a stop
distance beside one priced open becomes a stop price (开多 3500 止损30点 → 止损 3470), and a
move beside one priced open the current price (开多 3500 跌20个点 → 现价 3480)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from bot.core.numbers import amount, num
from bot.parse.spec import MessageSpec
from bot.resolve.context import ask, contract_info


def ticks_to_points(spec: MessageSpec) -> tuple[MessageSpec, str | None]:
    """The spec with ``stop_ticks`` / ``move_ticks`` turned into ``stop_distance`` /
    ``price_move``, and the working line that says how (None when no tick was typed)."""
    if spec.stop_ticks is None and spec.move_ticks is None:
        return spec, None
    ticks = spec.stop_ticks if spec.stop_ticks is not None else spec.move_ticks
    assert ticks is not None
    tick = _tick_size(spec, ticks)
    points = ticks * tick
    working = f"{num(abs(ticks))} 跳 × 最小变动价位 {num(tick)} = {num(abs(points))} 点"
    typed = spec.typed - {"stop_ticks", "move_ticks", "tick"}
    if spec.stop_ticks is not None:
        if spec.stop_distance is not None or spec.move_ticks is not None:
            raise ask("止损写了两次（点数和跳数），请只写一个", f"止损{num(ticks)}跳")
        return replace(
            spec, stop_distance=points, stop_ticks=None, typed=typed | {"stop_distance"}
        ), working
    if spec.price_move is not None:
        raise ask("涨跌写了两次（点数和跳数），请只写一个", f"跌{num(abs(ticks))}跳")
    return replace(spec, price_move=points, move_ticks=None, typed=typed | {"price_move"}), working


def _tick_size(spec: MessageSpec, ticks: Decimal) -> Decimal:
    if spec.tick is not None and spec.tick > 0:
        return spec.tick
    info = contract_info(spec)
    if info is None or info.contract is None:
        raise ask(
            "按“跳”算需要最小变动价位：请写上合约（如 rb），或写“跳1”",
            f"rb 止损{num(abs(ticks))}跳",
        )
    return info.contract.tick


_OPEN_SIDE = {"open_long": Decimal(-1), "open_short": Decimal(1)}
"""Where a stop sits from the entry: below a long, above a short."""


def distance_to_stop_price(spec: MessageSpec) -> tuple[MessageSpec, str | None]:
    """``开多2手 3500 止损30点`` → 止损 3470 (a short's stop is above): one open with a side and
    a price, no stop price typed. Anything else keeps the distance (sizing, 止损50点 2手亏多少)."""
    distance = spec.stop_distance
    if distance is None or spec.stop_price is not None or len(spec.legs) != 1:
        return spec, None
    leg = spec.legs[0]
    sign = _OPEN_SIDE.get(leg.word)
    if sign is None or leg.price is None or distance <= 0:
        return spec, None
    stop = leg.price + sign * distance
    step = f"{num(leg.price)} {'−' if sign < 0 else '+'} {num(distance)}"
    working = f"止损 {num(distance)} 点：{step} = {num(stop)}"
    typed = (spec.typed - {"stop_distance"}) | {"stop_price"}
    return replace(spec, stop_price=stop, stop_distance=None, typed=typed), working


def move_to_now_price(spec: MessageSpec) -> tuple[MessageSpec, str | None]:
    """``开多 rb 2手 3500 跌20个点亏多少`` → 现价 3480: one open with a side and a price, a move,
    and no other price typed. With equity typed, the move is a what-if from now: the equity
    moves with the position (权益10万 多10手 rb 跌100点 → 100,000 − 100 × 10 × 10 = 90,000).
    Anything else keeps the move (IF 涨50点 2手赚多少)."""
    move = spec.price_move
    others = (spec.now_price, spec.mark_price, spec.entry_price, spec.exit_price)
    if move is None or len(spec.legs) != 1 or spec.loose_prices or any(others):
        return spec, None
    leg = spec.legs[0]
    sign = -_OPEN_SIDE.get(leg.word, Decimal(0))  # a long gains what the price gains
    if leg.price is None or not sign:
        return spec, None
    now = leg.price + move
    word = "涨" if move > 0 else "跌"
    step = f"{num(leg.price)} {'+' if move > 0 else '−'} {num(abs(move))}"
    working = f"{word} {num(abs(move))} 点：现价 {step} = {num(now)}"
    typed = (spec.typed - {"price_move"}) | {"mark_price"}
    moved = replace(spec, mark_price=now, price_move=None, typed=typed)
    if spec.equity is None:
        return moved, working
    multiplier = _multiplier(spec)
    if multiplier is None or leg.lots is None:
        return spec, None  # the equity cannot follow the move: the move is asked about
    change = move * multiplier * leg.lots * sign
    equity = spec.equity + change
    working += (
        f"；权益 {amount(spec.equity)} {'+' if change >= 0 else '−'} {num(abs(move))} × "
        f"{num(multiplier)} × {num(leg.lots)} = {amount(equity)}"
    )
    return replace(moved, equity=equity), working


def _multiplier(spec: MessageSpec) -> Decimal | None:
    if spec.multiplier is not None:
        return spec.multiplier
    info = contract_info(spec)
    return info.contract.multiplier if info is not None and info.contract is not None else None
