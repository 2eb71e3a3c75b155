"""Plans for the other markets and rules of thumb: crypto perpetuals, options, A-shares,
position sizing, break-even win rate / system ratio, and contract lookups.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from bot.core.numbers import amount, num, pct
from bot.parsing.context import (
    CLOSE_WORDS,
    CRYPTO_QUOTES,
    DEFAULT_LOTS,
    EX_OPTION,
    EX_PERP,
    EX_SIZE,
    EX_STOCK,
    EX_WIN_RATE,
    ONE,
    SIDE_OF_OPEN,
    ZERO,
    Context,
    Plan,
    Side,
    ask,
    contract_part,
    fee_parts,
    margin_amount,
    margin_rate_of,
    parse_rate,
    resolve_multiplier,
    symbol_prefix,
)
from bot.parsing.legs import resolve_legs
from bot.parsing.plans_liq import liq_move_plan, only_leverage_given
from bot.parsing.spec import MessageSpec
from bot.parsing.understood import SIDE_WORD, position

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
    quantity = leg.lots
    if ctx.spec.multiplier is not None:
        quantity = leg.lots * ctx.spec.multiplier
    mode: Literal["isolated", "cross"] = "cross" if "cross" in spec.markets else "isolated"
    if spec.maintenance is not None:
        mmr = parse_rate(spec.maintenance, "维持保证金率", EX_PERP)
    else:
        mmr = ctx.defaults.crypto_mmr
        ctx.notes.append(f"维持保证金率按默认 {pct(mmr)}（以交易所档位为准）")
    fee_rate = None
    if spec.taker_fee is not None:
        fee_rate = parse_rate(spec.taker_fee, "费率", EX_PERP + " 费率0.05%")
    elif spec.fee is not None and spec.fee.rate is not None:
        fee_rate = spec.fee.rate
    funding_rate = (
        parse_rate(spec.funding_rate, "资金费率", "资金费率0.01% 3次")
        if spec.funding_rate
        else None
    )
    periods = None
    if spec.funding_periods is not None:
        if spec.funding_periods != spec.funding_periods.to_integral_value():
            raise ask("资金费次数应为整数", "资金费率0.01% 3次")
        periods = int(spec.funding_periods)
    elif funding_rate is not None:
        periods = 1
        ctx.notes.append("资金费按 1 次计算（可写“3次”）")
    # 资金 / 权益 of a crypto account is its wallet balance
    wallet = spec.wallet if spec.wallet is not None else spec.equity
    if wallet is None:  # 逐仓 保证金3000: the margin put on the position
        wallet = margin_amount(spec)
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


def _stock_quantity(spec: MessageSpec) -> Decimal:
    """The one number of shares of the trade (a whole, positive number)."""
    quantities = {leg.lots for leg in spec.legs if leg.lots is not None}
    if not quantities:
        raise ask("请写股数，例如“1000股”", EX_STOCK)
    if len(quantities) > 1:
        raise ask("买入和卖出的股数不同，请分开计算", EX_STOCK)
    quantity = quantities.pop()
    if quantity != quantity.to_integral_value() or quantity <= 0:
        raise ask(f"股数必须是正整数（收到 {num(quantity)}）", EX_STOCK)
    return quantity


def _stock_rates(spec: MessageSpec) -> dict[str, Decimal]:
    """The costs typed for a stock trade, under the core's keyword names."""
    rates: dict[str, Decimal] = {}
    if spec.commission is not None and spec.fee is not None:
        raise ask("股票的佣金和手续费写一个就够了", EX_STOCK + " 佣金万2.5")
    commission_typed = spec.commission or spec.fee  # 手续费万3 on a stock is its commission
    if commission_typed is not None:
        rate = fee_parts(commission_typed, "佣金")[1]
        if rate is None:
            raise ask("股票佣金请写费率，例如“佣金万2.5”", EX_STOCK + " 佣金万2.5")
        rates["commission_rate"] = rate
    if spec.min_commission is not None:
        rates["min_commission"] = spec.min_commission
    if spec.stamp_duty is not None:
        rates["stamp_duty_rate"] = parse_rate(spec.stamp_duty, "印花税", "印花税0.05%")
    if spec.transfer_fee is not None:
        rates["transfer_fee_rate"] = parse_rate(spec.transfer_fee, "过户费", "过户费0.001%")
    return rates


def stock_plan(ctx: Context) -> Plan:
    from bot.core.stocks import (
        DEFAULT_COMMISSION_RATE,
        DEFAULT_MIN_COMMISSION,
        DEFAULT_STAMP_DUTY_RATE,
        DEFAULT_TRANSFER_FEE_RATE,
        StockTradeRequest,
    )

    spec = ctx.spec
    buys = [leg for leg in spec.legs if leg.word in ("buy", "open_long")]
    sells = [leg for leg in spec.legs if leg.word in ("sell", "close_long", "close_any")]
    if len(buys) > 1 or len(sells) > 1 or len(buys) + len(sells) != len(spec.legs):
        raise ask("股票请写一次买入（可加一次卖出）", EX_STOCK)
    quantity = _stock_quantity(spec)
    rates = _stock_rates(spec)
    commission = rates.get("commission_rate", DEFAULT_COMMISSION_RATE)
    minimum = rates.get("min_commission", DEFAULT_MIN_COMMISSION)
    rate_text = (
        f"佣金 万分之{num(commission * 10000)}（最低 {num(minimum)} 元），"
        f"印花税 {pct(rates.get('stamp_duty_rate', DEFAULT_STAMP_DUTY_RATE))}（卖出），"
        f"过户费 {pct(rates.get('transfer_fee_rate', DEFAULT_TRANSFER_FEE_RATE))}"
    )
    if not buys:
        sell = sells[0]
        if sell.price is None:
            raise ask("缺少卖出价", EX_STOCK)
        request_costs: dict[str, Decimal | bool] = {
            "turnover": sell.price * quantity,
            "sell": True,
            **rates,
        }
        understood = [f"卖出 {num(quantity)} 股 @{num(sell.price)}", rate_text]
        return Plan("stock_costs", request_costs, tuple(understood), tuple(ctx.notes))
    buy = buys[0]
    if buy.price is None:
        raise ask("缺少买入价", EX_STOCK)
    sell_price = sells[0].price if sells else None
    if sells and sell_price is None:
        raise ask("缺少卖出价", EX_STOCK)
    if sell_price is None and spec.mark_price is not None:  # 买入2000股 15.3 现价16
        sell_price = spec.mark_price
        ctx.notes.append(f"按现价 {num(sell_price)} 卖出估算持仓盈亏（含卖出费用）")
    request = StockTradeRequest(
        buy_price=buy.price, sell_price=sell_price, quantity=int(quantity), **rates
    )
    understood = [
        f"买入 {num(quantity)} 股 @{num(buy.price)}",
        f"卖出 @{num(sell_price)}" if sells and sell_price is not None else "",
        f"现价 {num(sell_price)}" if not sells and sell_price is not None else "",
        rate_text,
    ]
    return Plan("stock", request, tuple(understood), tuple(ctx.notes))


def margin_cap_plan(ctx: Context, entry: Decimal) -> Plan:
    """权益10万 rb 3500 保证金10% 最多开几手: no stop, so the lots the margin allows."""
    from bot.core.margin_cap import MarginCapRequest

    spec = ctx.spec
    assert spec.equity is not None
    multiplier = resolve_multiplier(ctx, EX_SIZE)
    margin_rate = margin_rate_of(ctx, required=True, example=EX_SIZE)
    assert margin_rate is not None
    request = MarginCapRequest(
        equity=spec.equity, entry_price=entry, multiplier=multiplier, margin_rate=margin_rate
    )
    understood = (
        f"权益 {amount(spec.equity)}",
        contract_part(ctx, multiplier),
        f"价格 {num(entry)}",
        f"保证金 {pct(margin_rate)}",
        "保证金最多够开几手（没写止损）",
    )
    return Plan("margin_cap", request, tuple(filter(None, understood)), tuple(ctx.notes))


def _risk_budget(ctx: Context, equity: Decimal) -> Decimal:
    """The share of equity one trade may lose: typed (风险2%), from 最多亏3000, or the default."""
    from bot.core.sizing import DEFAULT_RISK_FRACTION

    spec = ctx.spec
    if spec.risk_fraction is not None:
        return parse_rate(spec.risk_fraction, "风险", EX_SIZE)
    if spec.max_loss is not None:  # 10万本金 … 最多亏3000 开几手: the budget as a share
        risk = _loss_share(spec.max_loss, equity)
        ctx.notes.append(
            f"单笔风险 = 最多亏损 {amount(spec.max_loss)} ÷ 权益 {amount(equity)} = {pct(risk)}"
        )
        return risk
    ctx.notes.append(f"单笔风险按权益的 {pct(DEFAULT_RISK_FRACTION)} 计算（可写“风险1%”）")
    return DEFAULT_RISK_FRACTION


def size_plan(ctx: Context) -> Plan:
    from bot.core.sizing import PositionSizeRequest

    spec = ctx.spec
    coins = is_crypto(ctx)  # BTC 60000 止损57000: 0.666 BTC, not 0 lots
    if spec.equity is None:
        raise ask("算能开几手需要账户权益，请加上“权益10万”", EX_SIZE)
    if spec.max_loss is not None and spec.risk_fraction is not None:
        raise ask("单笔风险比例和最多亏损写一个就够了", EX_SIZE)
    side: Side | None = None
    entry = spec.entry_price
    if spec.legs:
        leg = spec.legs[0]
        side = SIDE_OF_OPEN.get(leg.word)
        if leg.price is not None:
            entry = leg.price
    stop = spec.stop_price
    distance = spec.stop_distance if stop is None else None
    if distance is not None and distance <= 0:
        raise ask(f"止损点数必须大于0（收到 {num(distance)}）", EX_SIZE)
    if entry is None and distance is None:
        raise ask("请写开仓价（入场价）", EX_SIZE)
    if stop is None and distance is None:
        assert entry is not None
        if spec.margin is None and ctx.defaults.margin_rate is None:
            raise ask(
                "请写止损价（如“止损3450”）或止损点数（如“止损50点”）；"
                "只看保证金能开几手，请写保证金率（如“保证金10%”）",
                EX_SIZE,
            )
        return margin_cap_plan(ctx, entry)
    risk = _risk_budget(ctx, spec.equity)
    multiplier = resolve_multiplier(ctx, EX_SIZE)
    if entry is None:
        # 止损50点 and no entry: the lots by risk depend on the distance only, so any entry
        # above the distance gives the same answer (nothing shown depends on it).
        assert distance is not None
        entry = distance * 2
        margin_rate = None
        if spec.margin is not None or ctx.defaults.margin_rate is not None:
            ctx.notes.append("没写开仓价，未按保证金上限核对手数")
        if spec.fee is not None and fee_parts(spec.fee, "手续费")[1] is not None:
            raise ask(
                "手续费按比例时要知道开仓价，请加上开仓价", "权益10万 rb 3500 止损50点 开几手"
            )
    else:
        margin_rate = margin_rate_of(ctx, required=False, example=EX_SIZE)
    if stop is None:
        assert distance is not None
        stop = entry + distance if side == "short" else entry - distance
    fee_per_lot = _sizing_fee(ctx, entry * multiplier, coins)
    request = PositionSizeRequest(
        equity=spec.equity,
        risk_fraction=risk,
        entry_price=entry,
        stop_price=stop,
        multiplier=multiplier,
        fee_per_lot=fee_per_lot,
        side=side,
        margin_rate=margin_rate,
        counted_in="coins" if coins else "lots",
        lot_step=CRYPTO_STEP if coins else ONE,
    )
    understood = [
        f"权益 {amount(spec.equity)}",
        f"单笔风险 {pct(risk)}",
        f"{SIDE_WORD[side]}" if side else "",
        f"入场 {num(entry)}" if distance is None or spec.entry_price or spec.legs else "",
        f"止损 {num(stop)}" if distance is None else f"止损 {num(distance)} 点",
        contract_part(ctx, multiplier),
        (f"手续费 {num(fee_per_lot)} USDT/个" if coins else f"手续费 {num(fee_per_lot)}元/手")
        if fee_per_lot is not None
        else "",
        f"保证金 {pct(margin_rate)}" if margin_rate is not None else "",
    ]
    return Plan("size", request, tuple(understood), tuple(ctx.notes))


def _sizing_fee(ctx: Context, lot_value: Decimal, coins: bool) -> Decimal | None:
    """The fee of one lot (one coin): typed per lot, a rate of ``lot_value``, or the chat's."""
    if ctx.spec.fee is not None:
        fee_per_lot, rate = fee_parts(ctx.spec.fee, "手续费")
        if rate is None:
            return fee_per_lot
        fee_per_lot = rate * lot_value
        per, money = ("每个 ", " USDT") if coins else ("每手 ", " 元")
        ctx.notes.append(f"手续费按开仓价折算为{per}{num(fee_per_lot)}{money}")
        return fee_per_lot
    if ctx.defaults.fee_per_lot is not None:
        ctx.notes.append("手续费按本群默认设置")
        return ctx.defaults.fee_per_lot
    return None


def _loss_share(max_loss: Decimal, equity: Decimal) -> Decimal:
    if max_loss <= 0 or equity <= 0:
        raise ask("最多亏损和权益都要大于0", "权益10万 最多亏3000 开多 rb 3500 止损3450 开几手")
    if max_loss >= equity:
        raise ask(
            f"最多亏损 {num(max_loss)} 不小于权益 {num(equity)}：请检查",
            "权益10万 最多亏3000 开多 rb 3500 止损3450 开几手",
        )
    return max_loss / equity


def win_rate_plan(ctx: Context) -> Plan:
    spec = ctx.spec
    if spec.reward is None or spec.risk is None:
        raise ask("保本胜率要知道盈亏比，例如“盈亏比3:1”", EX_WIN_RATE)
    ratio = f"盈亏比 {num(spec.reward)}:{num(spec.risk)}"
    if spec.win_rate is not None:
        win_rate = parse_rate(spec.win_rate, "胜率", "胜率70% 盈亏比3:1")
        request = {"win_rate": win_rate, "reward": spec.reward, "risk": spec.risk}
        return Plan("system", request, (f"胜率 {pct(win_rate)}", ratio), tuple(ctx.notes))
    request = {"reward": spec.reward, "risk": spec.risk}
    return Plan("win_rate", request, (ratio, "求保本胜率"), tuple(ctx.notes))


def contract_plan(ctx: Context) -> Plan:
    info = ctx.info
    assert info is not None
    understood = (f"查询合约 {info.text}",)
    notes: tuple[str, ...] = ()
    if ctx.spec.numbers:  # rb 乘数20 / rb 跳5: values a card does not use are said, not dropped
        notes = (
            "查合约时没有用到你写的数字；要计算请写方向、手数和价格，"
            f"如“开多2手 {info.text} 3500 平仓 3550”",
        )
    from bot.core.contracts import Contract, ContractLookup

    suggestions: tuple[Contract, ...] = ()
    if info.contract is None:
        from bot.contract_table import get_contract_table

        suggestions = get_contract_table().suggest(info.text)
    lookup = ContractLookup(
        text=info.text, contract=info.contract, month=info.month, suggestions=suggestions
    )
    return Plan("contract", lookup, understood, notes, month=info.month)
