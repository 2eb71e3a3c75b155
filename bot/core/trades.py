"""Futures trade sequences: realized P&L matched FIFO, fees, open positions, margin.

平仓盈亏 = (平仓价 − 开仓价) × 乘数 × 手数 for a long, sign flipped for a short. Closes are
matched first-in-first-out (先开先平) against earlier opens of the SAME position side; opening
the opposite side never closes anything, it makes a locked position (锁仓), e.g. 10 long + 6
short in the 000 document.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal, NamedTuple

from pydantic import model_validator

from bot.core.fees import FeeSchedule
from bot.core.numbers import ONE, ZERO, money, plain
from bot.core.results import CalcResult, CoreModel, Side, side_sign
from bot.errors import DomainError

LegAction = Literal["open", "close"]
CloseRule = Literal["earliest_first", "yesterday_first"]
"""Which lots a close that names neither 平今 nor 平昨 takes: ``yesterday_first`` on SHFE/INE
(a plain 平仓 order there is a 平昨 order), ``earliest_first`` (先开先平) elsewhere. Yesterday's
lots were opened before today's, so both take 昨仓 first; they differ in what the answer says."""
QuantityKind = Literal["lots", "coins"]
UNIT_WORDS: dict[QuantityKind, tuple[str, str]] = {"lots": ("手", "手数"), "coins": ("个", "数量")}
"""(unit, quantity name) in the working: 2手 / 手数, or 0.5个 / 数量 for coins."""
NO_FEES_HINT: dict[QuantityKind, str] = {
    "lots": "未计手续费（可加“手续费3元/手”）",
    "coins": "未计手续费（可加“手续费0.05%”）",
}
TRADE_EXAMPLE = "开多2手 1000 平仓 1020 乘数100"
SIDE_CN: dict[Side, str] = {"long": "多", "short": "空"}
MATCHING_RULE = "平仓按先开先平（FIFO）与同方向持仓配对；反向开仓不平仓，形成锁仓"
AGED_MATCHING_RULE = "平今只平今仓，平昨只平昨仓；反向开仓不平仓，形成锁仓"
UNSPECIFIED_CLOSE_RULE: dict[CloseRule, str] = {
    "earliest_first": "未注明平今/平昨的平仓按先开先平（昨仓先于今仓）",
    "yesterday_first": "上期所/上海能源中心：未注明平今的平仓先平昨仓（今仓须下“平今”指令）",
}
SHFE_TODAY_NOTE = "上期所/上海能源中心平今仓须注明“平今”，手续费可能按平今收取"
AGE_WORDS: dict[bool | None, str] = {True: "昨仓", False: "今开", None: "开仓"}
"""An open lot by age: carried from yesterday, opened today, or not said."""
CLOSE_WORDS: dict[bool | None, str] = {True: "平今", False: "平昨", None: "平仓"}
"""A close leg by target: ``Leg.today`` True / False / None."""
WHOLE_LOTS_EXAMPLE = "开多2手 1000 平仓 1020 乘数100"


def leg_label(action: LegAction, side: Side) -> str:
    """买开 / 卖平 / 卖开 / 买平 for (action, position side)."""
    if action == "open":
        return "买开" if side == "long" else "卖开"
    return "卖平" if side == "long" else "买平"


def check_positive(value: Decimal, what: str, example: str = TRADE_EXAMPLE) -> Decimal:
    """Refuse zero, negative or non-finite values with a Chinese message."""
    if not value.is_finite() or value <= ZERO:
        raise DomainError(f"{what}必须大于0（收到 {plain(value)}）", example=example)
    return value


def check_rate(value: Decimal, what: str, example: str = TRADE_EXAMPLE) -> Decimal:
    """Refuse a rate outside (0, 1): 保证金率 10% is 0.1, and 100% or more is not a margin rate."""
    check_positive(value, what, example)
    if value >= ONE:
        raise DomainError(f"{what}必须小于100%（收到 {plain(value * 100)}%）", example=example)
    return value


class Leg(CoreModel):
    """One fill. ``side`` is the POSITION side the leg opens or closes.

    买开 = open long, 卖平 = close long, 卖开 = open short, 买平 = close short. On a close,
    ``today`` is the lot age it targets: True = 平今 (today's lots, 平今 fees), False = 平昨
    (yesterday's lots), None = not said (``TradeRequest.close_rule`` decides). On an open,
    ``carried`` is the lot's age: True = 昨仓 (carried from the previous day), False = 今开,
    None = not said (such a lot may be closed by 平今 and by 平昨). ``forced`` marks a 强平.
    """

    action: LegAction
    side: Side
    lots: Decimal
    price: Decimal
    today: bool | None = None
    carried: bool | None = None
    forced: bool = False

    @model_validator(mode="after")
    def _check(self) -> Leg:
        check_positive(self.lots, "手数")
        check_positive(self.price, "价格")
        return self

    @property
    def label(self) -> str:
        text = leg_label(self.action, self.side)
        if self.action == "close" and self.today is True:
            text += "(平今)"
        return text + ("(强平)" if self.forced else "")


class TradeRequest(CoreModel):
    legs: tuple[Leg, ...]
    multiplier: Decimal
    fees: FeeSchedule | None = None
    mark_price: Decimal | None = None
    """Current price for floating P&L (and margin) of what is still open."""
    margin_rate: Decimal | None = None
    """保证金率 as a fraction (0.1 = 10 %)."""
    counted_in: QuantityKind = "lots"
    """``coins``: a crypto trade without leverage, counted in coins and settled in USDT."""
    close_rule: CloseRule = "earliest_first"
    """Lots a close without 平今/平昨 takes: ``yesterday_first`` for SHFE/INE products."""

    @model_validator(mode="after")
    def _check(self) -> TradeRequest:
        if not self.legs:
            raise DomainError("至少需要一笔开仓", example=TRADE_EXAMPLE)
        if self.counted_in == "lots":
            for leg in self.legs:
                if leg.lots != leg.lots.to_integral_value():
                    raise DomainError(
                        f"期货手数必须是整数（收到 {plain(leg.lots)}手）",
                        example=WHOLE_LOTS_EXAMPLE,
                    )
        check_positive(self.multiplier, "合约乘数")
        if self.mark_price is not None:
            check_positive(self.mark_price, "最新价")
        if self.margin_rate is not None:
            check_rate(self.margin_rate, "保证金率", "开多2手 1000 平仓 1020 乘数100 保证金10%")
        return self


class Match(CoreModel):
    """Part of an open leg closed by part of a close leg (FIFO)."""

    side: Side
    lots: Decimal
    open_price: Decimal
    close_price: Decimal
    gross_pnl: Decimal
    open_leg: int
    """1-based index of the opening leg in the request."""
    close_leg: int
    open_carried: bool | None = None
    """Age of the matched open lot: True 昨仓, False 今开, None not said."""
    close_today: bool | None = None
    """What the close targeted: True 平今, False 平昨, None not said."""


class FeeItem(CoreModel):
    leg: int
    """1-based index of the leg."""
    label: str
    """买开 / 卖平(平今) …"""
    lots: Decimal
    price: Decimal
    amount: Decimal
    working: str


class OpenPosition(CoreModel):
    side: Side
    lots: Decimal
    avg_price: Decimal
    """Lot-weighted average open price of what is still open."""
    floating_pnl: Decimal | None = None
    margin: Decimal | None = None
    carried_lots: Decimal = ZERO
    """Of ``lots``, those carried from yesterday (昨仓); they are never dropped."""


class TradeResult(CalcResult):
    multiplier: Decimal
    counted_in: QuantityKind = "lots"
    """``lots`` (手, 元) or ``coins`` (个, USDT): the words the figures are shown with."""
    matches: tuple[Match, ...]
    realized_gross: Decimal
    fee_items: tuple[FeeItem, ...]
    fees_total: Decimal
    realized_net: Decimal
    """Realized gross minus ALL fees charged so far (also those of legs still open)."""
    positions: tuple[OpenPosition, ...]
    mark_price: Decimal | None = None
    floating_pnl: Decimal | None = None
    total_pnl: Decimal | None = None
    """realized_net + floating_pnl (when a mark price is known)."""
    margin: Decimal | None = None
    """Margin of the open positions at the mark price (else at their average price)."""
    open_margin: Decimal | None = None
    """Margin at the open price of every lot opened: the capital the trades tied up."""
    return_on_margin: Decimal | None = None
    """(realized_net + floating) / open_margin."""
    locked: bool
    lots_opened: Decimal
    lots_closed: Decimal
    fees_counted: bool
    close_rule: CloseRule = "earliest_first"
    aged: bool = False
    """Some lot age (昨仓/今开) or close target (平今/平昨) was given: ``matching`` says more."""
    matching: tuple[str, ...] = ()
    """Per close leg, the lots it took, e.g. ``平今1手：配对今开 3,520``."""


@dataclass(slots=True)
class _OpenLot:
    """What is still open of one opening leg (mutable while matching)."""

    lots: Decimal
    price: Decimal
    leg: int
    carried: bool | None = None


class _Figures(NamedTuple):
    """The figures of a ``TradeResult`` its working is written from (built before the result,
    so the result is built once, working included)."""

    matches: tuple[Match, ...]
    realized_gross: Decimal
    fee_items: tuple[FeeItem, ...]
    fees_total: Decimal
    realized_net: Decimal
    positions: tuple[OpenPosition, ...]
    floating_pnl: Decimal | None
    total_pnl: Decimal | None
    margin: Decimal | None
    open_margin: Decimal | None
    return_on_margin: Decimal | None
    locked: bool


def compute_trades(req: TradeRequest) -> TradeResult:
    """Match closes FIFO, itemise fees, report what is left open, floating P&L and margin."""
    mult = req.multiplier
    fees = req.fees
    # futures fees are charged per fill to the cent (so the rows add up to the net shown);
    # a crypto exchange keeps more decimals
    to_cents = req.counted_in == "lots"
    books: dict[Side, list[_OpenLot]] = {"long": [], "short": []}
    any_carried = any(leg.carried for leg in req.legs if leg.action == "open")
    matches: list[Match] = []
    matching: list[str] = []
    fee_items: list[FeeItem] = []
    lots_opened = lots_closed = open_margin_base = realized_gross = fees_total = ZERO
    for index, leg in enumerate(req.legs, start=1):
        side, lots, price = leg.side, leg.lots, leg.price
        if fees is not None:
            amount = fees.leg_fee(leg, mult)
            if to_cents:  # a futures broker charges each fill to the cent
                amount = money(amount)
            fees_total += amount
            fee_items.append(
                FeeItem(
                    leg=index,
                    label=leg.label,
                    lots=lots,
                    price=price,
                    amount=amount,
                    working=fees.leg_working(leg, mult, amount),
                )
            )
        book = books[side]
        if leg.action == "open":
            book.append(_OpenLot(lots, price, index, _lot_age(leg, any_carried)))
            lots_opened += lots
            open_margin_base += price * mult * lots
            continue
        taken = _match_close(book, leg, index, mult)
        matches.extend(taken)
        matching.append(_matching_line(leg, taken, req.counted_in))
        realized_gross += sum((m.gross_pnl for m in taken), ZERO)
        lots_closed += lots

    positions = tuple(
        _position(side, books[side], req) for side in ("long", "short") if books[side]
    )
    realized_net = realized_gross - fees_total
    floating = _sum_optional([p.floating_pnl for p in positions]) if positions else None
    if req.mark_price is not None and not positions:
        floating = ZERO
    margin = _sum_optional([p.margin for p in positions]) if positions else None
    if req.margin_rate is not None and not positions:
        margin = ZERO
    open_margin = open_margin_base * req.margin_rate if req.margin_rate is not None else None
    total = realized_net + floating if floating is not None else None
    pnl_for_return = total if total is not None else (realized_net if not positions else None)
    return_on_margin = (
        pnl_for_return / open_margin
        if open_margin is not None and open_margin > 0 and pnl_for_return is not None
        else None
    )
    figures = _Figures(
        matches=tuple(matches),
        realized_gross=realized_gross,
        fee_items=tuple(fee_items),
        fees_total=fees_total,
        realized_net=realized_net,
        positions=positions,
        floating_pnl=floating,
        total_pnl=total,
        margin=margin,
        open_margin=open_margin,
        return_on_margin=return_on_margin,
        locked=len(positions) == 2,
    )
    formula, steps, assumptions = _explain(req, figures)
    return TradeResult(
        multiplier=mult,
        counted_in=req.counted_in,
        matches=figures.matches,
        realized_gross=realized_gross,
        fee_items=figures.fee_items,
        fees_total=fees_total,
        realized_net=realized_net,
        positions=positions,
        mark_price=req.mark_price,
        floating_pnl=floating,
        total_pnl=total,
        margin=margin,
        open_margin=open_margin,
        return_on_margin=return_on_margin,
        locked=figures.locked,
        lots_opened=lots_opened,
        lots_closed=lots_closed,
        fees_counted=fees is not None,
        close_rule=req.close_rule,
        aged=_aged(req),
        matching=tuple(matching),
        formula=formula,
        steps=steps,
        assumptions=assumptions,
    )


_PRIORITY: dict[bool | None, dict[bool | None, int]] = {
    None: {True: 0, None: 1, False: 2},  # not said: yesterday's lots (opened earlier) first
    True: {False: 0, None: 1},  # 平今: today's lots, then lots of unsaid age
    False: {True: 0, None: 1},  # 平昨: yesterday's lots, then lots of unsaid age
}
"""Per close target (``Leg.today``), the open-lot ages (``carried``) it may take, in order."""


def _match_close(book: list[_OpenLot], leg: Leg, index: int, mult: Decimal) -> list[Match]:
    """Take the close leg's lots from the open lots of its side, by lot age then open order."""
    order = _PRIORITY[leg.today]
    eligible = sorted(
        (lot for lot in book if lot.carried in order), key=lambda lot: order[lot.carried]
    )
    available = sum((lot.lots for lot in eligible), ZERO)
    if leg.lots > available:
        age = {None: "", True: "今", False: "昨"}[leg.today]
        raise DomainError(
            f"第{index}笔{leg.label}{plain(leg.lots)}手，超过当时的{age}{SIDE_CN[leg.side]}头持仓"
            f"（{plain(available)}手）",
            example="开多10手 1400 卖平6手 1415",
        )
    sign = side_sign(leg.side)
    taken: list[Match] = []
    remaining = leg.lots
    for lot in eligible:
        if remaining == 0:
            break
        take = min(lot.lots, remaining)
        taken.append(
            Match(
                side=leg.side,
                lots=take,
                open_price=lot.price,
                close_price=leg.price,
                gross_pnl=sign * (leg.price - lot.price) * mult * take,
                open_leg=lot.leg,
                close_leg=index,
                open_carried=lot.carried,
                close_today=leg.today,
            )
        )
        remaining -= take
        lot.lots -= take
    book[:] = [lot for lot in book if lot.lots > 0]
    return taken


def _matching_line(leg: Leg, taken: list[Match], counted_in: QuantityKind) -> str:
    """``平今1手：配对今开 3,520`` — which open lots one close leg took."""
    unit = UNIT_WORDS[counted_in][0]
    parts = [
        f"{AGE_WORDS[m.open_carried]} {plain(m.open_price)}"
        + (f"×{plain(m.lots)}{unit}" if len(taken) > 1 else "")
        for m in taken
    ]
    return f"{CLOSE_WORDS[leg.today]}{plain(leg.lots)}{unit}：配对{'、'.join(parts)}"


def _lot_age(leg: Leg, any_carried: bool) -> bool | None:
    """An open lot's age; once some lot is said to be 昨仓, a lot of unsaid age is today's."""
    if leg.carried is None and any_carried:
        return False
    return leg.carried


def _aged(req: TradeRequest) -> bool:
    """Whether any lot age (昨仓/今开) or close target (平今/平昨) was given."""
    return any((leg.carried if leg.action == "open" else leg.today) is not None for leg in req.legs)


def _sum_optional(values: list[Decimal | None]) -> Decimal | None:
    if any(v is None for v in values):
        return None
    return sum((v for v in values if v is not None), ZERO)


def _position(side: Side, book: list[_OpenLot], req: TradeRequest) -> OpenPosition:
    lots = sum((lot.lots for lot in book), ZERO)
    cost = sum((lot.lots * lot.price for lot in book), ZERO)
    carried = sum((lot.lots for lot in book if lot.carried), ZERO)
    avg_price = cost / lots
    floating = None
    if req.mark_price is not None:
        floating = side_sign(side) * (req.mark_price * lots - cost) * req.multiplier
    margin = None
    if req.margin_rate is not None:
        basis = req.mark_price if req.mark_price is not None else avg_price
        margin = basis * req.multiplier * lots * req.margin_rate
    return OpenPosition(
        side=side,
        lots=lots,
        avg_price=avg_price,
        floating_pnl=floating,
        margin=margin,
        carried_lots=carried,
    )


def _explain(
    req: TradeRequest, res: _Figures
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """The formulas, the substituted steps and the assumptions of a trade's figures."""
    return _formulas(req, res), _steps(req, res), _assumptions(req, res)


def _formulas(req: TradeRequest, res: _Figures) -> tuple[str, ...]:
    qty = UNIT_WORDS[req.counted_in][1]
    formula = [f"平仓盈亏 = (平仓价 − 开仓价) × 乘数 × {qty}（空头取反）"]
    if req.fees is not None:
        formula.append("净盈亏 = 平仓盈亏 − 手续费（开平各收）")
    if res.floating_pnl is not None and res.positions:
        formula.append(f"浮动盈亏 = (最新价 − 持仓均价) × 乘数 × {qty}（空头取反）")
    if res.margin is not None and res.positions:
        formula.append(f"保证金占用 = 价格 × 乘数 × {qty} × 保证金率")
    if res.return_on_margin is not None:
        if res.total_pnl is not None and res.positions:
            formula.append("收益率 = (净盈亏 + 浮动盈亏) ÷ 开仓保证金")
        else:
            formula.append("收益率 = 净盈亏 ÷ 开仓保证金")
    return tuple(formula)


def _steps(req: TradeRequest, res: _Figures) -> tuple[str, ...]:
    mult = plain(req.multiplier)
    unit = UNIT_WORDS[req.counted_in][0]
    steps: list[str] = []
    for m in res.matches:
        if m.side == "long":
            diff = f"({plain(m.close_price)} − {plain(m.open_price)})"
        else:
            diff = f"({plain(m.open_price)} − {plain(m.close_price)})"
        lots = plain(m.lots)
        steps.append(
            f"{SIDE_CN[m.side]}{lots}{unit}：{diff} × {mult} × {lots} = {plain(m.gross_pnl, 2)}"
        )
    if req.fees is not None:
        fee_terms = " + ".join([plain(item.amount, 4) for item in res.fee_items])
        fees_total = plain(res.fees_total, 4)
        steps.append(f"手续费：{fee_terms} = {fees_total}")
        steps.append(
            f"净盈亏：{plain(res.realized_gross, 2)} − {fees_total} = {plain(res.realized_net, 4)}"
        )
    for pos in res.positions:
        steps += _position_steps(req, pos, mult, unit)
    if res.return_on_margin is not None:
        pnl = res.total_pnl if res.total_pnl is not None else res.realized_net
        steps.append(
            f"收益率：{plain(pnl, 2)} ÷ {plain(res.open_margin or ZERO, 2)}"
            f" = {plain(res.return_on_margin * 100, 2)}%"
        )
    return tuple(steps)


def _position_steps(req: TradeRequest, pos: OpenPosition, mult: str, unit: str) -> list[str]:
    """The floating P&L and the margin of one open position, with its numbers substituted."""
    steps: list[str] = []
    if pos.floating_pnl is not None and req.mark_price is not None:
        if pos.side == "long":
            diff = f"({plain(req.mark_price)} − {plain(pos.avg_price, 4)})"
        else:
            diff = f"({plain(pos.avg_price, 4)} − {plain(req.mark_price)})"
        steps.append(
            f"浮动盈亏({SIDE_CN[pos.side]}{plain(pos.lots)}{unit})：{diff} × {mult}"
            f" × {plain(pos.lots)} = {plain(pos.floating_pnl, 2)}"
        )
    if pos.margin is not None and req.margin_rate is not None:
        basis = req.mark_price if req.mark_price is not None else pos.avg_price
        steps.append(
            f"保证金({SIDE_CN[pos.side]})：{plain(basis, 4)} × {mult} × {plain(pos.lots)}"
            f" × {plain(req.margin_rate * 100)}% = {plain(pos.margin, 2)}"
        )
    return steps


def _assumptions(req: TradeRequest, res: _Figures) -> tuple[str, ...]:
    qty = UNIT_WORDS[req.counted_in][1]
    assumptions = [MATCHING_RULE]
    if _aged(req):
        assumptions = [f"{UNSPECIFIED_CLOSE_RULE[req.close_rule]}；{AGED_MATCHING_RULE}"]
        if req.close_rule == "yesterday_first" and any(
            m.close_today is None and m.open_carried is False for m in res.matches
        ):
            assumptions.append(SHFE_TODAY_NOTE)
    assumptions += _fee_assumptions(req, res)
    if req.margin_rate is not None:
        rate = plain(req.margin_rate * 100)
        if res.positions:
            basis_cn = "最新价" if req.mark_price is not None else "持仓均价"
            assumptions.append(f"持仓保证金 = {basis_cn} × 乘数 × {qty} × {rate}%")
        assumptions.append(f"开仓保证金 = 开仓价 × 乘数 × {qty} × {rate}%（全部开仓{qty}）")
    if res.locked:
        assumptions.append("锁仓按多空两边分别计保证金；部分交易所对锁仓只收单边（大边）保证金")
    if res.positions and req.mark_price is None:
        assumptions.append("未给最新价，未计算浮动盈亏")
    return tuple(assumptions)


def _fee_assumptions(req: TradeRequest, res: _Figures) -> list[str]:
    if req.fees is None:
        return [NO_FEES_HINT[req.counted_in]]
    assumptions = [req.fees.describe()]
    if req.counted_in == "lots" and (req.fees.rate or req.fees.close_today_rate):
        assumptions.append("每笔手续费按分四舍五入后相加")
    if res.positions:
        assumptions.append("净盈亏已扣除尚未平仓部分的开仓手续费")
    return assumptions
