"""A-share trades: P&L net of commission (with its minimum), stamp duty and transfer fee."""

from __future__ import annotations

from decimal import Decimal

from bot.core.numbers import num, pct
from bot.parse.spec import MessageSpec
from bot.resolve.context import (
    EX_STOCK,
    Context,
    Plan,
    ask,
    fee_parts,
    parse_rate,
)


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
