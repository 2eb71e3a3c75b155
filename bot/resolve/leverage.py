"""``BTC 100倍 多少爆仓``: a leverage and a liquidation question, but no position to price.

With isolated margin the distance to liquidation does not depend on the entry price or the
quantity (``bot.core.liq_move``), so the answer is a percentage move for each side — or for
the side named (``开多 100倍 多少爆仓``), with prices when one entry price is given
(``BTC 60000 100倍 强平价``).
"""

from __future__ import annotations

from decimal import Decimal

from bot.core.numbers import num, pct
from bot.defaults import ChatDefaults
from bot.parse.spec import MessageSpec
from bot.resolve.context import Context, Plan, Side, ask, margin_amount, parse_rate
from bot.resolve.understood import SIDE_WORD

EX_MOVE = "BTC 100倍 多少爆仓"


def only_leverage_given(ctx: Context) -> bool:
    """Isolated, Binance formula, nothing but leverage (and perhaps a maintenance rate):
    anything more (a wallet, funding, an exit price …) needs a real position."""
    spec = ctx.spec
    return (
        spec.leverage is not None
        and "liquidation" in spec.questions
        and "cross" not in spec.markets
        and spec.exchange in (None, "binance")
        and spec.wallet is None
        and spec.equity is None
        and margin_amount(spec) is None
        and not spec.maint_amount
        and spec.exit_price is None
        and spec.mark_price is None
        and spec.funding_rate is None
    )


def liq_move_plan(ctx: Context, side: Side | None, price: Decimal | None) -> Plan:
    from bot.core.liq_move import LiquidationMoveRequest

    spec = ctx.spec
    assert spec.leverage is not None
    if spec.maintenance is not None:
        mmr = parse_rate(spec.maintenance, "维持保证金率", EX_MOVE + " 维持保证金率0.5%")
    else:
        mmr = ctx.defaults.crypto_mmr
        ctx.notes.append(f"维持保证金率按默认 {pct(mmr)}（以交易所档位为准）")
    request = LiquidationMoveRequest(leverage=spec.leverage, mmr=mmr, side=side, entry_price=price)
    symbol = ""
    if ctx.info is not None:
        symbol = ctx.info.contract.symbol if ctx.info.contract else ctx.info.text
    understood = (
        (symbol + " " if symbol else "") + "逐仓",
        SIDE_WORD[side] if side else "多空两个方向",
        f"开仓价 {num(price)}" if price is not None else "",
        f"{num(spec.leverage)} 倍",
        f"维持保证金率 {pct(mmr)}",
        "价格反向波动多少强平",
    )
    return Plan("liq_move", request, tuple(filter(None, understood)), tuple(ctx.notes))


EX_LEVERAGE = "保证金10% 杠杆多少倍"


def leverage_plan(spec: MessageSpec, defaults: ChatDefaults) -> Plan:
    """保证金10% 杠杆多少倍 / 10倍杠杆 保证金率多少: one number from the other."""
    from bot.core.leverage import LeverageRequest

    notes: list[str] = []
    leverage = spec.leverage if spec.leverage is not None else spec.x_factor
    rate = parse_rate(spec.margin, "保证金率", EX_LEVERAGE) if spec.margin is not None else None
    if rate is not None and leverage is not None:
        raise ask("保证金率和杠杆写一个就够了：另一个由它算出", EX_LEVERAGE)
    if rate is None and leverage is None:
        if defaults.margin_rate is None:
            raise ask("请写保证金率（如“保证金10%”）或杠杆倍数（如“10倍杠杆”）", EX_LEVERAGE)
        rate = defaults.margin_rate
        notes.append("保证金率按本群默认设置")
    given = (rate is not None and spec.margin is not None) + (leverage is not None)
    if spec.numbers != given + len(spec.loose_prices):
        raise ask("杠杆只需要保证金率或杠杆倍数，其他数字请分开问", EX_LEVERAGE)
    if spec.loose_prices:
        notes.append("杠杆与价格无关：按比例换算")
    request = LeverageRequest(margin_rate=rate, leverage=leverage)
    if rate is not None:
        understood = (f"保证金 {pct(rate)}，求杠杆倍数",)
    else:
        assert leverage is not None
        understood = (f"{num(leverage)} 倍杠杆，求保证金率",)
    return Plan("leverage", request, understood, tuple(notes))
