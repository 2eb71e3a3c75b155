"""A-share round trip: commission (with a minimum), stamp duty on sells, transfer fee.

Per trade: 佣金 = max(成交额 × 佣金率, 最低佣金) on both sides; 印花税 = 成交额 × 0.05 % on
sells only (since 2023-08-28); 过户费 = 成交额 × 0.001 % on both sides (since 2022-04-29).
Rates are inputs with these defaults (see /work/shared/facts/cn_rules.md §5). Example:
selling 100,000 元 at a commission rate of 0.025 % costs 25 + 50 + 1 = 76 元.
"""

from __future__ import annotations

from decimal import ROUND_CEILING, Decimal
from typing import Literal

from bot.core.numbers import CENT, ONE, ZERO, money
from bot.core.results import CalcResult, CoreModel
from bot.core.risk import require_non_negative, require_positive, require_rate, show, show_pct
from bot.errors import DomainError

DEFAULT_COMMISSION_RATE = Decimal("0.00025")
DEFAULT_MIN_COMMISSION = Decimal("5")
DEFAULT_STAMP_DUTY_RATE = Decimal("0.0005")
DEFAULT_TRANSFER_FEE_RATE = Decimal("0.00001")
PRICE_TICK = CENT
"""A-share price tick: 0.01 元."""

_EXAMPLE = "股票 买入10.00 卖出10.50 1000股 佣金万2.5"


class StockCosts(CoreModel):
    """The costs of one trade (one side)."""

    side: Literal["buy", "sell"]
    turnover: Decimal
    commission: Decimal
    min_commission_applied: bool
    stamp_duty: Decimal
    transfer_fee: Decimal
    total: Decimal


class StockTradeRequest(CoreModel):
    buy_price: Decimal
    sell_price: Decimal | None = None
    quantity: int
    """Shares (股)."""
    commission_rate: Decimal = DEFAULT_COMMISSION_RATE
    min_commission: Decimal = DEFAULT_MIN_COMMISSION
    stamp_duty_rate: Decimal = DEFAULT_STAMP_DUTY_RATE
    transfer_fee_rate: Decimal = DEFAULT_TRANSFER_FEE_RATE


class StockResult(CalcResult):
    quantity: int
    buy_price: Decimal
    sell_price: Decimal | None
    buy: StockCosts
    sell: StockCosts | None
    gross_pnl: Decimal | None
    total_costs: Decimal
    net_pnl: Decimal | None
    return_rate: Decimal | None
    """net P&L / (buy turnover + buy costs)."""
    breakeven_sell_price: Decimal
    """Exact sell price at which net P&L is 0 (fees not rounded to 分)."""
    breakeven_sell_price_tick: Decimal
    """The lowest price on the 0.01 元 tick whose net P&L (fees rounded to 分) is ≥ 0."""


def _check_rates(
    commission_rate: Decimal,
    min_commission: Decimal,
    stamp_duty_rate: Decimal,
    transfer_fee_rate: Decimal,
) -> None:
    require_rate(commission_rate, "佣金率", _EXAMPLE, allow_zero=True)
    require_non_negative(min_commission, "最低佣金", _EXAMPLE)
    require_rate(stamp_duty_rate, "印花税率", _EXAMPLE, allow_zero=True)
    require_rate(transfer_fee_rate, "过户费率", _EXAMPLE, allow_zero=True)
    if commission_rate + stamp_duty_rate + transfer_fee_rate >= ONE:
        raise DomainError("费率合计不能达到100%", example=_EXAMPLE)


def stock_costs(
    turnover: Decimal,
    *,
    sell: bool,
    commission_rate: Decimal = DEFAULT_COMMISSION_RATE,
    min_commission: Decimal = DEFAULT_MIN_COMMISSION,
    stamp_duty_rate: Decimal = DEFAULT_STAMP_DUTY_RATE,
    transfer_fee_rate: Decimal = DEFAULT_TRANSFER_FEE_RATE,
) -> StockCosts:
    """Costs of one buy or sell of ``turnover`` 元, each item rounded half-up to 分."""
    require_positive(turnover, "成交额", _EXAMPLE)
    _check_rates(commission_rate, min_commission, stamp_duty_rate, transfer_fee_rate)
    by_rate = turnover * commission_rate
    commission = money(max(by_rate, min_commission))
    stamp = money(turnover * stamp_duty_rate) if sell else ZERO
    transfer = money(turnover * transfer_fee_rate)
    return StockCosts(
        side="sell" if sell else "buy",
        turnover=turnover,
        commission=commission,
        min_commission_applied=by_rate < min_commission,
        stamp_duty=stamp,
        transfer_fee=transfer,
        total=commission + stamp + transfer,
    )


def _breakeven_turnover(req: StockTradeRequest, needed: Decimal) -> Decimal:
    """Sell turnover T whose net proceeds T − sell_costs(T) equal ``needed``.

    Net proceeds grow with T, so exactly one branch of the minimum-commission kink holds:
    either the rate commission applies (c·T ≥ minimum) or the minimum does.
    """
    taxes = req.stamp_duty_rate + req.transfer_fee_rate
    by_rate = needed / (ONE - req.commission_rate - taxes)
    if by_rate * req.commission_rate >= req.min_commission:
        return by_rate
    return (needed + req.min_commission) / (ONE - taxes)


def _breakeven_tick(
    exact: Decimal, qty: Decimal, needed: Decimal, rates: dict[str, Decimal]
) -> Decimal:
    """Lowest tick price whose net proceeds (fees rounded to 分) cover ``needed``.

    Starts from the exact break-even rounded up to the tick; rounding fees to 分 can move the
    answer by a tick, so step until the price just covers and one tick lower does not.
    """

    def covers(price: Decimal) -> bool:
        if price <= ZERO:
            return False
        turnover = price * qty
        return turnover - stock_costs(turnover, sell=True, **rates).total >= needed

    tick = (exact / PRICE_TICK).to_integral_value(rounding=ROUND_CEILING) * PRICE_TICK
    while not covers(tick):
        tick += PRICE_TICK
    while covers(tick - PRICE_TICK):
        tick -= PRICE_TICK
    return tick


def _cost_line(costs: StockCosts) -> str:
    name = "卖出" if costs.side == "sell" else "买入"
    parts = [
        f"佣金 {show(costs.commission)}" + ("（最低）" if costs.min_commission_applied else "")
    ]
    if costs.side == "sell":
        parts.append(f"印花税 {show(costs.stamp_duty)}")
    parts.append(f"过户费 {show(costs.transfer_fee)}")
    return f"{name}成交额 {show(costs.turnover)}：" + " + ".join(parts) + f" = {show(costs.total)}"


def compute_stock(req: StockTradeRequest) -> StockResult:
    """Costs of the buy (and sell), net P&L, return and the break-even sell price."""
    if req.quantity <= 0:
        raise DomainError(f"股数必须大于0（收到 {req.quantity}）", example=_EXAMPLE)
    require_positive(req.buy_price, "买入价", _EXAMPLE)
    if req.sell_price is not None:
        require_positive(req.sell_price, "卖出价", _EXAMPLE)
    _check_rates(
        req.commission_rate, req.min_commission, req.stamp_duty_rate, req.transfer_fee_rate
    )
    rates = {
        "commission_rate": req.commission_rate,
        "min_commission": req.min_commission,
        "stamp_duty_rate": req.stamp_duty_rate,
        "transfer_fee_rate": req.transfer_fee_rate,
    }
    qty = Decimal(req.quantity)
    buy = stock_costs(req.buy_price * qty, sell=False, **rates)
    formula = [
        "佣金 = max(成交额 × 佣金率, 最低佣金)（买卖都收）",
        "印花税 = 成交额 × 印花税率（仅卖出）；过户费 = 成交额 × 过户费率（买卖都收）",
    ]
    steps = [_cost_line(buy)]
    assumptions = [
        f"佣金率 {show_pct(req.commission_rate)}、最低 {show(req.min_commission)} 元；"
        f"印花税 {show_pct(req.stamp_duty_rate)}（卖出）；过户费 {show_pct(req.transfer_fee_rate)}",
        "各项费用按分四舍五入；保本卖价（精确值）未计取整",
    ]

    sell: StockCosts | None = None
    gross: Decimal | None = None
    net: Decimal | None = None
    ret: Decimal | None = None
    total = buy.total
    if req.sell_price is not None:
        sell = stock_costs(req.sell_price * qty, sell=True, **rates)
        total += sell.total
        gross = sell.turnover - buy.turnover
        net = gross - total
        ret = net / (buy.turnover + buy.total)
        formula.append("净盈亏 = (卖出价 − 买入价) × 股数 − 买卖费用")
        steps.append(_cost_line(sell))
        steps.append(f"净盈亏 = {show(gross)} − {show(total)} = {show(net)}")

    needed = buy.turnover + buy.total
    breakeven = _breakeven_turnover(req, needed) / qty
    breakeven_tick = _breakeven_tick(breakeven, qty, needed, rates)
    formula.append("保本卖价：卖出所得扣除卖出费用后 = 买入成交额 + 买入费用")
    steps.append(f"保本卖价 = {show(breakeven, 4)}（按0.01元向上取 {show(breakeven_tick)}）")

    return StockResult(
        quantity=req.quantity,
        buy_price=req.buy_price,
        sell_price=req.sell_price,
        buy=buy,
        sell=sell,
        gross_pnl=gross,
        total_costs=total,
        net_pnl=net,
        return_rate=ret,
        breakeven_sell_price=breakeven,
        breakeven_sell_price_tick=breakeven_tick,
        formula=tuple(formula),
        steps=tuple(steps),
        assumptions=tuple(assumptions),
    )
