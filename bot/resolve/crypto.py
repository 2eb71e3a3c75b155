"""USDT perpetuals: what makes a message crypto, and the perpetual plan (liquidation price,
ROE, funding) with its exchange-specific maintenance defaults."""

from __future__ import annotations

from decimal import ROUND_DOWN, Decimal
from typing import Literal

from bot.core.numbers import amount, num, pct
from bot.parse.spec import LegSpec, MessageSpec
from bot.resolve.context import (
    CRYPTO_QUOTES,
    EX_PERP,
    SIDE_OF_OPEN,
    ZERO,
    Context,
    Plan,
    ask,
    check_leverage_margin,
    margin_amount,
    parse_rate,
    symbol_prefix,
)
from bot.resolve.legs import RLeg, resolve_legs
from bot.resolve.leverage import liq_move_plan, only_leverage_given
from bot.resolve.understood import position

CRYPTO_MARKETS = frozenset({"crypto", "cross", "isolated"})
CRYPTO_STEP = Decimal("0.001")
"""The quantity a crypto position size is rounded down to (Binance's BTC/ETH minimum)."""


def is_crypto(ctx: Context) -> bool:
    spec, info = ctx.spec, ctx.info
    if info is not None:
        if info.contract is not None:
            return info.contract.kind == "crypto"
        if any(quote in info.text.upper() for quote in CRYPTO_QUOTES):
            return True
    return (
        not CRYPTO_MARKETS.isdisjoint(spec.markets)
        or spec.leverage is not None
        or spec.wallet is not None
        or spec.funding_rate is not None
        or spec.exchange is not None
        or spec.has_unit("coins")
    )


def perp_plan(ctx: Context) -> Plan:
    from bot.core.crypto import PerpRequest

    spec = ctx.spec
    if not spec.legs:
        if only_leverage_given(ctx):  # BTC 100倍 多少爆仓: a move, not a price
            return liq_move_plan(ctx, None, None)
        raise ask("算强平价要知道开仓方向（开多/开空）、数量和开仓价", _perp_example(ctx))
    if (
        len(spec.legs) == 1
        and spec.legs[0].price is None
        and spec.legs[0].word in SIDE_OF_OPEN
        and only_leverage_given(ctx)
    ):  # 开多 100倍 多少爆仓
        return liq_move_plan(ctx, SIDE_OF_OPEN[spec.legs[0].word], None)
    legs = resolve_legs(spec.legs, ctx.notes, unit_word="个")
    opens = [leg for leg in legs if leg.action == "open"]
    closes = [leg for leg in legs if leg.action == "close"]
    sides = {leg.side for leg in opens}
    if len(opens) != 1 or len(closes) > 1 or len(sides) != 1:
        raise ask("永续合约请一次算一笔：一个开仓（可加一个平仓价）", EX_PERP)
    leg = opens[0]
    if leg.price is None:
        raise ask("缺少开仓价：请把价格写在数量后面", EX_PERP)
    exit_price = closes[0].price if closes else spec.exit_price
    if closes and exit_price is None:
        raise ask("平仓缺少价格", EX_PERP + " 平仓62000")
    check_leverage_margin(spec, EX_PERP)
    check_perp_fee(spec)
    quantity = leg.lots
    if ctx.spec.multiplier is not None:
        quantity = leg.lots * ctx.spec.multiplier
    sized = _sized_by_margin(ctx, leg, quantity, isolated="cross" not in spec.markets)
    mode: Literal["isolated", "cross"] = "cross" if "cross" in spec.markets else "isolated"
    mmr, fee_rate = _perp_rates(ctx)
    funding_rate, periods = _funding(ctx)
    # 资金 / 权益 of a crypto account is its wallet balance
    wallet = spec.wallet if spec.wallet is not None else spec.equity
    if sized is not None:  # the margin made the size: margin = quantity × price / leverage
        quantity, wallet = sized, None
    if wallet is None and spec.leverage is None:  # 逐仓 保证金3000: the margin on the position
        wallet = position_margin(spec)
    request = PerpRequest(
        side=leg.side,
        quantity=quantity,
        entry_price=leg.price,
        leverage=spec.leverage,
        wallet_balance=wallet,
        mode=mode,
        mmr=mmr,
        maint_amount=spec.maint_amount or ZERO,
        other_maint=spec.other_maint or ZERO,
        other_upnl=spec.other_upnl or ZERO,
        exit_price=exit_price,
        mark_price=spec.mark_price,
        funding_rate=funding_rate,
        funding_periods=periods,
        fee_rate=fee_rate,
        exchange=spec.exchange or "binance",
    )
    symbol = (
        ctx.info.contract.symbol
        if ctx.info and ctx.info.contract
        else (ctx.info.text if ctx.info else "")
    )
    exchange_name = {"binance": "", "bybit": "Bybit ", "okx": "OKX "}[request.exchange]
    understood = [
        exchange_name + (symbol + " " if symbol else "") + ("全仓" if mode == "cross" else "逐仓"),
        position(leg.side, quantity, leg.price, "个"),
        f"{num(spec.leverage)} 倍" if spec.leverage is not None else "",
        f"钱包 {amount(wallet)}" if wallet is not None else "",
        f"维持保证金率 {pct(mmr)}",
        f"速算额 {num(spec.maint_amount)}" if spec.maint_amount else "",
        f"平仓 @{num(exit_price)}" if exit_price is not None else "",
        f"资金费率 {pct(funding_rate)} × {periods} 次" if funding_rate is not None else "",
    ]
    swapped = "开空" if leg.side == "long" else "开多"
    parts = [
        exchange_name + symbol_prefix(ctx) + ("全仓" if mode == "cross" else ""),
        f"钱包{num(wallet)}" if wallet is not None else "",
        f"{swapped}{num(quantity)}个 {num(leg.price)}",
        f"{num(spec.leverage)}倍" if spec.leverage is not None else "",
        f"维持保证金率{pct(mmr)}",
        f"维持保证金额{num(spec.maint_amount)}" if spec.maint_amount else "",
        f"平仓{num(exit_price)}" if exit_price is not None else "",
        f"资金费率{pct(funding_rate)} {periods}次" if funding_rate is not None else "",
        "强平价",
    ]
    mirror = None if spec.other_maint or spec.other_upnl else " ".join(filter(None, parts))
    return Plan("perp", request, tuple(u for u in understood if u), tuple(ctx.notes), mirror)


def _perp_rates(ctx: Context) -> tuple[Decimal, Decimal | None]:
    """The maintenance margin rate (typed, else the default, noted) and the taker fee rate."""
    spec = ctx.spec
    if spec.maintenance is not None:
        mmr = parse_rate(spec.maintenance, "维持保证金率", EX_PERP)
    else:
        mmr = ctx.defaults.crypto_mmr
        ctx.notes.append(f"维持保证金率按默认 {pct(mmr)}（以交易所档位为准）")
    fee_rate = _maker_or_taker(ctx)
    if fee_rate is None and spec.fee is not None and spec.fee.rate is not None:
        fee_rate = spec.fee.rate
    return mmr, fee_rate


def _maker_or_taker(ctx: Context) -> Decimal | None:
    """The fee rate from a taker (吃单) and/or maker (挂单) rate. With both and no word on how
    the orders filled, the taker rate: fees are then never understated (said in a note)."""
    spec = ctx.spec
    taker = maker = None
    if spec.taker_fee is not None:
        taker = parse_rate(spec.taker_fee, "费率", EX_PERP + " 费率0.05%")
    if spec.maker_fee is not None:
        maker = parse_rate(spec.maker_fee, "挂单费率", EX_PERP + " 挂单0.02%")
    if maker is None:
        return taker
    if taker is None:
        ctx.notes.append(f"手续费按挂单费率 {pct(maker)} 计算（开仓、平仓都以限价挂单成交）")
        return maker
    ctx.notes.append(
        f"挂单费率 {pct(maker)}、吃单费率 {pct(taker)}：开平手续费按吃单（市价成交）计算，"
        "只多不少；开平都以限价挂单成交时只写挂单费率"
    )
    return taker


def position_margin(spec: MessageSpec) -> Decimal | None:
    """保证金1000U / 保证金3000: the margin put on the position, as an amount."""
    return spec.margin_used if spec.margin_used is not None else margin_amount(spec)


def check_perp_fee(spec: MessageSpec) -> None:
    """A USDT perpetual charges a rate on the notional: 元/手 does not fit it (asked)."""
    fee = spec.fee
    if fee is None or fee.per_lot is None:
        return
    raise ask(
        f"USDT 永续的手续费按成交额的比例收取（如 0.05%），“手续费{fee.text}”是按手收的写法，"
        "不适用：请写手续费率（吃单一般 0.05%）",
        EX_PERP + " 手续费0.05%",
    )


def _sized_by_margin(
    ctx: Context, leg: RLeg, quantity: Decimal, *, isolated: bool
) -> Decimal | None:
    """保证金1000U 20倍 60000: the position is margin × leverage of notional, so the quantity is
    margin × leverage / price (rounded down to 0.001); typed beside a quantity, both must agree.
    Isolated, 本金1000U with no quantity is that margin too. None: the size is not from a margin.
    """
    spec = ctx.spec
    margin, leverage, price = position_margin(spec), spec.leverage, leg.price
    if margin is None and isolated and leg.lots_defaulted:
        margin = spec.wallet if spec.wallet is not None else spec.equity
    if margin is None or leverage is None or price is None:
        return None
    if not leg.lots_defaulted:
        implied = quantity * price / leverage
        if implied != margin:
            raise ask(
                f"{num(quantity)} 个 × {num(price)} / {num(leverage)} 倍"
                f" = 保证金 {amount(implied)}，"
                f"和你写的保证金 {amount(margin)} 不一致：以哪个为准？请只写数量或只写保证金",
                EX_PERP,
            )
        return None
    if margin <= 0:
        raise ask(f"保证金必须大于0（收到 {num(margin)}）", EX_PERP)
    sized = (margin * leverage / price).quantize(CRYPTO_STEP, rounding=ROUND_DOWN)
    if sized <= 0:
        raise ask(
            f"保证金 {amount(margin)} × {num(leverage)} 倍不够开 {num(CRYPTO_STEP)} 个",
            EX_PERP,
        )
    ctx.notes[:] = [note for note in ctx.notes if not note.startswith(f"“{leg.text}”没写手数")]
    exact = "" if sized * price == margin * leverage else "，向下取到 0.001 个"
    ctx.notes.append(
        f"数量 = 保证金 × 杠杆 / 开仓价 = {amount(margin)} × {num(leverage)} / {num(price)}"
        f" = {num(sized)} 个{exact}"
    )
    return sized


def _perp_example(ctx: Context) -> str:
    """EX_PERP with what the user already typed (BTC 100倍 → BTC 开多1个 60000 100倍 强平价)."""
    spec = ctx.spec
    if ctx.info is None and spec.leverage is None:
        return EX_PERP
    symbol = ctx.info.text if ctx.info is not None else "BTC"
    leverage = num(spec.leverage) if spec.leverage is not None else "20"
    code = symbol.upper()
    typical = "60000" if code.startswith("BTC") else "3000" if code.startswith("ETH") else "100"
    price = num(spec.entry_price) if spec.entry_price is not None else typical
    return f"{symbol} 开多1个 {price} {leverage}倍 强平价"


def _funding(ctx: Context) -> tuple[Decimal | None, int | None]:
    """The funding rate and how many periods it is paid: 3次, or 持仓3天 at 3 a day."""
    spec = ctx.spec
    funding_rate = (
        parse_rate(spec.funding_rate, "资金费率", "资金费率0.01% 3次")
        if spec.funding_rate
        else None
    )
    if funding_rate is None and "funding" in spec.questions:
        raise ask("算资金费要资金费率，例如“资金费率0.01% 持仓3天”", "资金费率0.01% 持仓3天")
    periods = None
    if spec.funding_periods is not None:
        if spec.funding_periods != spec.funding_periods.to_integral_value():
            raise ask("资金费次数应为整数", "资金费率0.01% 3次")
        periods = int(spec.funding_periods)
        if spec.funding_days is not None:
            raise ask("资金费次数和持仓天数写一个就够了", "资金费率0.01% 持仓3天")
    elif spec.funding_days is not None:
        periods = _periods_of_days(spec.funding_days)
        ctx.notes.append(
            f"资金费每 8 小时结算一次：{num(spec.funding_days)} 天 × 3 = {periods} 次"
            "（各币种、各交易所的结算间隔可能不同）"
        )
    elif funding_rate is not None:
        periods = 1
        ctx.notes.append("资金费按 1 次计算（可写“3次”）")
    return funding_rate, periods


def _periods_of_days(days: Decimal) -> int:
    periods = days * 3
    if days <= 0 or periods != periods.to_integral_value():
        raise ask(
            "持仓天数要能换算成整数次资金费（每天 3 次），也可以直接写次数，如“9次”",
            "资金费率0.01% 持仓3天",
        )
    return int(periods)


EX_COIN_SIZE = "BTC 10倍 保证金5000U 60000 能开几个"


def coin_size_plan(ctx: Context) -> Plan:
    """``BTC 10倍 保证金5000U 60000 能开几个``: coins = margin × leverage / price, rounded down
    to the step (the side does not change it; the figures below are a long's)."""
    spec = ctx.spec
    typed = (spec.entry_price, spec.mark_price, spec.now_price, *spec.loose_prices)
    prices = [leg.price for leg in spec.legs if leg.price is not None] or [
        price for price in typed if price is not None
    ]
    if len(spec.legs) > 1 or len(prices) != 1 or spec.leverage is None:
        raise ask("能开多少个要知道保证金、杠杆和价格", EX_COIN_SIZE)
    if position_margin(spec) is None and spec.wallet is None and spec.equity is None:
        raise ask("能开多少个要知道保证金（如“保证金5000U”）", EX_COIN_SIZE)
    if spec.legs and spec.legs[0].word != "open_any":
        return perp_plan(ctx)
    ctx.notes.append("能开多少与多空方向无关；下面的强平价按开多计算")
    leg = LegSpec("open_long", "开仓", price=prices[0])
    bare = spec.updated(
        legs=(leg,), loose_prices=(), entry_price=None, mark_price=None, now_price=None
    )
    return perp_plan(Context(bare, ctx.defaults, ctx.info, ctx.notes))


def check_return_price(spec: MessageSpec) -> None:
    """``BTC 开多 1个 60000 10倍 ROE``: a return needs the price it is counted at."""
    if "return" not in spec.questions or spec.target_return is not None:
        return
    priced = (spec.exit_price, spec.mark_price, spec.now_price, spec.settle)
    closing = any(leg.word.startswith("close") or leg.word == "sell" for leg in spec.legs[1:])
    if closing or any(price is not None for price in priced):
        return
    raise ask(
        "算收益率(ROE)要平仓价或现价：请加上“平仓62000”或“现价62000”",
        "BTC 开多 1个 60000 10倍 现价62000 收益率",
    )
