"""Put the user's own numbers into an entry's identity (穿仓 with 权益6000 亏损8000 → 2,000).

Every figure is computed by the calculation core (``bot.core``: trades, risk, equity, leverage,
win rate), the same functions the calculator's answers use; this module only picks the user's
values and lays the figures out as rows and a substituted formula. Two identities have no
calculation of their own in the core and are one division or product here: 合约价值 (价格 ×
乘数 × 手数) and 收益率 (盈利 ÷ 保证金). Anything with a model behind it (liquidation prices,
FIFO, settlement) is shown through the entry's live example instead.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from bot.core.equity import EquityRequest, compute_equity
from bot.core.fees import FeeSchedule
from bot.core.leverage import LeverageRequest, compute_leverage
from bot.core.numbers import CENT
from bot.core.results import Side
from bot.core.risk import AccountRiskRequest, compute_account_risk
from bot.core.sizing import breakeven_win_rate
from bot.core.trades import Leg, OpenPosition, TradeRequest, TradeResult, compute_trades
from bot.format.numbers import fmt_money, fmt_pct, fmt_price
from bot.terms.model import ValuesCalc

VALUE_LABELS: dict[str, str] = {
    "equity": "权益",
    "loss": "亏损",
    "profit": "盈利",
    "margin_used": "保证金占用",
    "margin_rate": "保证金率",
    "maintenance_rate": "维持保证金率",
    "multiplier": "乘数",
    "lots": "手数",
    "price": "价格",
    "entry_price": "开仓价",
    "exit_price": "平仓价",
    "fee_per_lot": "每手手续费",
    "leverage": "杠杆倍数",
}


@dataclass(frozen=True, slots=True)
class Personal:
    """The user's numbers worked through: aligned rows, then the substituted formula."""

    rows: tuple[tuple[str, str], ...]
    working: tuple[str, ...]


class _MissingValuesError(Exception):
    def __init__(self, keys: tuple[str, ...]) -> None:
        super().__init__(keys)
        self.keys = keys


class _Values:
    """Typed access to the user's numbers; asking for an absent one records what is missing."""

    def __init__(self, values: Mapping[str, Decimal]) -> None:
        self._values = values

    def _first(self, spec: str) -> Decimal | None:
        for key in spec.split("|"):
            if key in self._values:
                return self._values[key]
        return None

    def need(self, *specs: str) -> tuple[Decimal, ...]:
        """The values named by ``specs``; ``"price|entry_price"`` takes whichever was given.

        Raises ``_MissingValuesError`` naming every absent value at once.
        """
        found = [self._first(spec) for spec in specs]
        missing = tuple(
            spec.split("|")[0] for spec, value in zip(specs, found, strict=True) if value is None
        )
        if missing:
            raise _MissingValuesError(missing)
        return tuple(value for value in found if value is not None)

    def get(self, key: str) -> Decimal | None:
        return self._first(key)

    def has(self, key: str) -> bool:
        return key in self._values


def _held(
    price: Decimal,
    multiplier: Decimal,
    lots: Decimal,
    *,
    margin_rate: Decimal | None = None,
    mark_price: Decimal | None = None,
) -> OpenPosition:
    """A long of ``lots`` opened at ``price``, as the trade core sees it (margin, floating P&L)."""
    result: TradeResult = compute_trades(
        TradeRequest(
            legs=(Leg(action="open", side="long", lots=lots, price=price),),
            multiplier=multiplier,
            margin_rate=margin_rate,
            mark_price=mark_price,
        )
    )
    return result.positions[0]


def _yuan(value: Decimal) -> str:
    return f"{fmt_money(value)} 元"


def _shortfall(v: _Values) -> Personal:
    equity, loss = v.need("equity", "loss")
    rows = [("账户权益", _yuan(equity)), ("亏损", _yuan(loss))]
    after = compute_equity(EquityRequest(prev_balance=equity, daily_pnl=-loss)).equity
    if after < 0:
        gap = -after
        rows.append(("穿仓金额", _yuan(gap)))
        line = f"穿仓金额 = 亏损 − 权益 = {fmt_price(loss)} − {fmt_price(equity)} = {_yuan(gap)}"
        return Personal(tuple(rows), (line, "超出的部分要由客户补给期货公司。"))
    left = after
    rows.append(("剩余权益", _yuan(left)))
    line = f"剩余权益 = {fmt_price(equity)} − {fmt_price(loss)} = {fmt_money(left)} 元，未穿仓"
    return Personal(tuple(rows), (line,))


def _risk_ratio(v: _Values) -> Personal:
    equity, used = v.need("equity", "margin_used")
    free = equity - used
    rows = [("账户权益", _yuan(equity)), ("保证金占用", _yuan(used))]
    if equity <= 0:
        rows.append(("可用资金", _yuan(free)))
        return Personal(tuple(rows), ("权益已经为零或负数，风险度无从谈起：账户已穿仓。",))
    risk = compute_account_risk(AccountRiskRequest(equity=equity, margin_used=used))
    ratio, free = risk.risk_ratio, risk.available
    if risk.status == "安全" or risk.status_line is None:
        status = "安全"
    else:
        line = "平仓线" if risk.status == "强平" else "预警线"
        status = f"达到{line} {fmt_pct(risk.status_line)}"
    rows += [("风险度", fmt_pct(ratio)), ("可用资金", _yuan(free)), ("状态", status)]
    working = (
        f"风险度 = {fmt_price(used)} ÷ {fmt_price(equity)} = {fmt_pct(ratio)}",
        f"可用资金 = {fmt_price(equity)} − {fmt_price(used)} = {fmt_money(free)} 元",
    )
    return Personal(tuple(rows), working)


def _product(
    v: _Values, rate_key: str, label: str
) -> tuple[list[tuple[str, str]], list[str], Decimal]:
    price, multiplier, lots, rate = v.need("price|entry_price", "multiplier", "lots", rate_key)
    held = _held(price, multiplier, lots, margin_rate=rate)
    assert held.margin is not None  # a margin rate was given
    amount = held.margin
    rows = [(label, _yuan(amount))]
    line = (
        f"{label} = {fmt_price(price)} × {fmt_price(multiplier)} × {fmt_price(lots)} × "
        f"{fmt_pct(rate)} = {fmt_money(amount)} 元"
    )
    return rows, [line], amount


def _margin(v: _Values) -> Personal:
    rows, working, _amount = _product(v, "margin_rate", "保证金")
    return Personal(tuple(rows), tuple(working))


def _maintenance_margin(v: _Values) -> Personal:
    rows, working, maintenance = _product(v, "maintenance_rate", "维持保证金")
    if v.has("margin_rate"):
        initial_rows, initial_working, _initial = _product(v, "margin_rate", "初始保证金")
        rows = initial_rows + rows
        working = initial_working + working
    equity = v.get("equity")
    if equity is not None:
        room = equity - maintenance
        rows.append(("可承受亏损", _yuan(room)))
        working.append(
            f"可承受亏损 = 权益 − 维持保证金 = {fmt_price(equity)} − "
            f"{fmt_price(maintenance)} = {fmt_money(room)} 元"
        )
    return Personal(tuple(rows), tuple(working))


def _contract_value(v: _Values) -> Personal:
    price, multiplier = v.need("price|entry_price", "multiplier")
    lots = v.get("lots") or Decimal(1)
    value = price * multiplier * lots
    line = (
        f"合约价值 = {fmt_price(price)} × {fmt_price(multiplier)} × {fmt_price(lots)} = "
        f"{fmt_money(value)} 元"
    )
    return Personal((("合约价值", _yuan(value)),), (line,))


def _pnl(v: _Values, sign: int) -> Personal:
    entry, exit_, multiplier, lots = v.need("entry_price", "exit_price", "multiplier", "lots")
    side: Side = "long" if sign > 0 else "short"
    legs = (
        Leg(action="open", side=side, lots=lots, price=entry),
        Leg(action="close", side=side, lots=lots, price=exit_),
    )
    pnl = compute_trades(TradeRequest(legs=legs, multiplier=multiplier)).realized_gross
    if sign > 0:
        line = f"多头：({fmt_price(exit_)} − {fmt_price(entry)})"
    else:
        line = f"空头：({fmt_price(entry)} − {fmt_price(exit_)})"
    line += f" × {fmt_price(multiplier)} × {fmt_price(lots)} = {fmt_money(pnl)} 元"
    return Personal((("平仓盈亏", _yuan(pnl)),), (line,))


def _floating_pnl(v: _Values) -> Personal:
    entry, price = v.need("entry_price", "price")
    multiplier = v.get("multiplier") or Decimal(1)
    lots = v.get("lots") or Decimal(1)
    floating = _held(entry, multiplier, lots, mark_price=price).floating_pnl
    assert floating is not None  # a mark price was given
    pnl = floating
    line = (
        f"多头：({fmt_price(price)} − {fmt_price(entry)}) × {fmt_price(multiplier)} × "
        f"{fmt_price(lots)} = {fmt_money(pnl)} 元（空头取相反数）"
    )
    return Personal((("多头浮动盈亏", _yuan(pnl)), ("空头浮动盈亏", _yuan(-pnl))), (line,))


def _round_trip_fee(v: _Values) -> Personal:
    fee, lots = v.need("fee_per_lot", "lots")
    one = Decimal(1)  # fees per lot do not depend on the price or the multiplier
    legs = (
        Leg(action="open", side="long", lots=lots, price=one),
        Leg(action="close", side="long", lots=lots, price=one),
    )
    fees = FeeSchedule(per_lot=fee)
    total = compute_trades(TradeRequest(legs=legs, multiplier=one, fees=fees)).fees_total
    line = f"开平两边：{fmt_price(fee)} × {fmt_price(lots)} × 2 = {fmt_money(total)} 元"
    return Personal((("往返手续费", _yuan(total)),), (line,))


def _leverage(v: _Values) -> Personal:
    if v.has("leverage"):
        (leverage,) = v.need("leverage")
        if leverage <= 0:
            return Personal((), ("杠杆倍数要大于 0。",))
        rate = compute_leverage(LeverageRequest(leverage=leverage)).margin_rate
        line = f"保证金率 ≈ 1 ÷ {fmt_price(leverage)} = {fmt_pct(rate)}"
    else:
        (rate,) = v.need("margin_rate")
        if rate <= 0:
            return Personal((), ("保证金率要大于 0。",))
        leverage = compute_leverage(LeverageRequest(margin_rate=rate)).leverage
        line = f"杠杆倍数 ≈ 1 ÷ {fmt_pct(rate)} = {fmt_price(leverage.quantize(CENT))} 倍"
    rows = (("杠杆倍数", f"{fmt_price(leverage.quantize(CENT))} 倍"), ("保证金率", fmt_pct(rate)))
    return Personal(rows, (line,))


def _reward_risk(v: _Values) -> Personal:
    profit, loss = v.need("profit", "loss")
    if profit <= 0 or loss <= 0:
        return Personal((), ("盈利和亏损都要是正数，才能算盈亏比。",))
    ratio = fmt_price((profit / loss).quantize(CENT))
    win_rate = fmt_pct(breakeven_win_rate(reward=profit, risk=loss).breakeven_win_rate)
    rows = (("盈亏比", f"{ratio} : 1"), ("保本胜率", win_rate))
    working = (
        f"盈亏比 = {fmt_price(profit)} ÷ {fmt_price(loss)} = {ratio}",
        f"保本胜率 = {fmt_price(loss)} ÷ ({fmt_price(profit)} + {fmt_price(loss)}) = {win_rate}",
    )
    return Personal(rows, working)


def _return_on_margin(v: _Values) -> Personal:
    profit, used = v.need("profit", "margin_used")
    if used <= 0:
        return Personal((), ("保证金要大于 0。",))
    rate = profit / used
    line = f"收益率 = {fmt_price(profit)} ÷ {fmt_price(used)} = {fmt_pct(rate)}"
    return Personal((("收益率", fmt_pct(rate)),), (line,))


_CALCS: dict[ValuesCalc, Callable[[_Values], Personal]] = {
    "shortfall": _shortfall,
    "risk_ratio": _risk_ratio,
    "margin": _margin,
    "maintenance_margin": _maintenance_margin,
    "contract_value": _contract_value,
    "long_pnl": lambda v: _pnl(v, 1),
    "short_pnl": lambda v: _pnl(v, -1),
    "floating_pnl": _floating_pnl,
    "round_trip_fee": _round_trip_fee,
    "leverage": _leverage,
    "reward_risk": _reward_risk,
    "return_on_margin": _return_on_margin,
}


def personalise(calc: ValuesCalc, values: Mapping[str, Decimal]) -> Personal | str:
    """The user's numbers worked through, or a hint naming the numbers still missing."""
    try:
        return _CALCS[calc](_Values(values))
    except _MissingValuesError as missing:
        names = "、".join(VALUE_LABELS.get(key, key) for key in missing.keys)
        return f"再给出{names}，就能用你的数字代入计算。"
