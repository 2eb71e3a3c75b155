"""One trading day as a settlement statement shows it: 逐日盯市 and 逐笔对冲 side by side.

逐日盯市 (mark-to-market, what the broker settles): historical positions are valued from the
previous settlement price (昨结), today's from their fill price, and what is still open at the
end of the day is marked to today's settlement price (今结).
逐笔对冲 (trade by trade): every close is measured against its real open price and what is
still open floats against its open price.

Formulas as in shared/facts/cn_rules.md §2; the CFFEX example (10 long carried, 昨结 1500,
buy 8 @1505, sell-close 5 @1510, 今结 1515, ×300) gives 当日盈亏 61,500 元.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from decimal import Decimal

from pydantic import model_validator

from bot.core.fees import FeeSchedule
from bot.core.numbers import ZERO, plain
from bot.core.results import CalcResult, CoreModel, Side, side_sign
from bot.core.trades import SIDE_CN, Leg, check_positive
from bot.errors import DomainError

SETTLE_EXAMPLE = "昨结1500 多10手 买开8手1505 卖平5手1510 今结1515 乘数300"
SIDES: tuple[Side, ...] = ("long", "short")
CLOSE_ORDER = "平仓顺序：未注明平今/平昨时先平昨仓（先开先平）；注明“平今”只平今仓"


class SettlementRequest(CoreModel):
    multiplier: Decimal
    prev_settle: Decimal
    """昨结算价 — the cost basis of carried positions under 逐日盯市."""
    settle: Decimal | None = None
    """今结算价; needed for 持仓盈亏 when something stays open."""
    carried_long: Decimal = ZERO
    """Long lots carried from previous days (昨仓)."""
    carried_short: Decimal = ZERO
    carried_long_open: Decimal | None = None
    """Average OPEN price of the carried long lots (for 逐笔对冲 only)."""
    carried_short_open: Decimal | None = None
    trades: tuple[Leg, ...] = ()
    """Today's fills in time order; ``today=True`` on a close means 平今, False means 平昨."""
    fees: FeeSchedule | None = None

    @model_validator(mode="after")
    def _check(self) -> SettlementRequest:
        check_positive(self.multiplier, "合约乘数", SETTLE_EXAMPLE)
        check_positive(self.prev_settle, "昨结算价", SETTLE_EXAMPLE)
        for value, what in (
            (self.settle, "今结算价"),
            (self.carried_long_open, "昨多仓开仓价"),
            (self.carried_short_open, "昨空仓开仓价"),
        ):
            if value is not None:
                check_positive(value, what, SETTLE_EXAMPLE)
        for value, what in ((self.carried_long, "昨多仓手数"), (self.carried_short, "昨空仓手数")):
            if not value.is_finite() or value < 0:
                raise DomainError(
                    f"{what}不能为负数（收到 {plain(value)}）", example=SETTLE_EXAMPLE
                )
        if not self.trades and self.carried_long == 0 and self.carried_short == 0:
            raise DomainError("没有持仓也没有成交，无法结算", example=SETTLE_EXAMPLE)
        return self


class SettlementClose(CoreModel):
    """A part of a close leg matched to historical (昨仓) or today's (今仓) lots."""

    side: Side
    lots: Decimal
    close_price: Decimal
    historical: bool
    mtm_base: Decimal
    """昨结 for historical lots, the fill price for today's lots."""
    open_price: Decimal | None
    mtm_pnl: Decimal
    trade_pnl: Decimal | None
    fee: Decimal | None = None
    leg: int


class SettlementPosition(CoreModel):
    """What is still open at the end of the day, historical and today's lots apart."""

    side: Side
    lots: Decimal
    historical: bool
    mtm_base: Decimal
    open_price: Decimal | None
    """Average open price (None when a carried position's open price was not given)."""
    hold_mtm: Decimal | None
    """持仓盈亏(盯市) against 今结; None without 今结."""
    float_trade: Decimal | None
    """浮动盈亏(逐笔) against 今结; None without 今结 or open price."""


class SettlementResult(CalcResult):
    multiplier: Decimal
    prev_settle: Decimal
    settle: Decimal | None
    closes: tuple[SettlementClose, ...]
    positions: tuple[SettlementPosition, ...]
    close_hist_mtm: Decimal
    """平历史仓盈亏 (vs 昨结)."""
    close_today_mtm: Decimal
    """平当日仓盈亏 (vs today's open price)."""
    close_pnl_mtm: Decimal
    """平仓盈亏(逐日盯市)."""
    hold_hist_mtm: Decimal | None
    hold_today_mtm: Decimal | None
    hold_pnl_mtm: Decimal | None
    """持仓盈亏(逐日盯市)."""
    daily_pnl: Decimal | None
    """当日盈亏 = 平仓盈亏 + 持仓盈亏 (盯市), before fees."""
    close_pnl_trade: Decimal | None
    """平仓盈亏(逐笔对冲); None when a closed carried lot has no open price."""
    float_pnl_trade: Decimal | None
    """浮动盈亏(逐笔对冲) at 今结."""
    fees_total: Decimal | None
    daily_pnl_net: Decimal | None
    """当日盈亏 − 手续费."""


@dataclass(slots=True)
class _Lot:
    lots: Decimal
    historical: bool
    mtm_base: Decimal
    open_price: Decimal | None
    leg: int


def compute_settlement(req: SettlementRequest) -> SettlementResult:
    """Settle one day: 平仓盈亏 / 持仓盈亏 / 当日盈亏 (盯市) and 平仓盈亏 / 浮动盈亏 (逐笔)."""
    mult = req.multiplier
    books: dict[Side, deque[_Lot]] = {"long": deque(), "short": deque()}
    if req.carried_long > 0:
        books["long"].append(
            _Lot(req.carried_long, True, req.prev_settle, req.carried_long_open, 0)
        )
    if req.carried_short > 0:
        books["short"].append(
            _Lot(req.carried_short, True, req.prev_settle, req.carried_short_open, 0)
        )
    closes: list[SettlementClose] = []
    fees = ZERO if req.fees is not None else None
    for index, leg in enumerate(req.trades, start=1):
        book = books[leg.side]
        if leg.action == "open":
            book.append(_Lot(leg.lots, False, leg.price, leg.price, index))
            if req.fees is not None and fees is not None:
                fees += req.fees.fee(leg.lots, leg.price, mult)
            continue
        closes.extend(_close(book, leg, index, req))
    if req.fees is not None:
        fees = sum((c.fee or ZERO for c in closes), fees or ZERO)

    positions = _positions(books, req)
    close_hist = sum((c.mtm_pnl for c in closes if c.historical), ZERO)
    close_today = sum((c.mtm_pnl for c in closes if not c.historical), ZERO)
    hold_hist = _sum_or_none([p.hold_mtm for p in positions if p.historical])
    hold_today = _sum_or_none([p.hold_mtm for p in positions if not p.historical])
    hold = None if hold_hist is None or hold_today is None else hold_hist + hold_today
    daily = None if hold is None else close_hist + close_today + hold
    close_trade = _sum_or_none([c.trade_pnl for c in closes])
    float_trade = _sum_or_none([p.float_trade for p in positions])
    result = SettlementResult(
        multiplier=mult,
        prev_settle=req.prev_settle,
        settle=req.settle,
        closes=tuple(closes),
        positions=positions,
        close_hist_mtm=close_hist,
        close_today_mtm=close_today,
        close_pnl_mtm=close_hist + close_today,
        hold_hist_mtm=hold_hist,
        hold_today_mtm=hold_today,
        hold_pnl_mtm=hold,
        daily_pnl=daily,
        close_pnl_trade=close_trade,
        float_pnl_trade=float_trade,
        fees_total=fees,
        daily_pnl_net=None if daily is None or fees is None else daily - fees,
    )
    formula, steps, assumptions = _explain(req, result)
    return result.model_copy(
        update={"formula": formula, "steps": steps, "assumptions": assumptions}
    )


def _close(
    book: deque[_Lot], leg: Leg, index: int, req: SettlementRequest
) -> list[SettlementClose]:
    """Take the leg's lots from the book: 平今 → today's lots, 平昨 → historical, else FIFO."""
    wanted: bool | None = None if leg.today is None else not leg.today  # historical?
    eligible = [lot for lot in book if wanted is None or lot.historical == wanted]
    available = sum((lot.lots for lot in eligible), ZERO)
    if leg.lots > available:
        which = {None: "", True: "昨", False: "今"}[wanted]
        raise DomainError(
            f"第{index}笔{leg.label}{plain(leg.lots)}手，超过{which}{SIDE_CN[leg.side]}头持仓"
            f"（{plain(available)}手）",
            example=SETTLE_EXAMPLE,
        )
    sign = side_sign(leg.side)
    out = []
    remaining = leg.lots
    for lot in eligible:
        if remaining == 0:
            break
        take = min(lot.lots, remaining)
        fee = None
        if req.fees is not None:
            fee = req.fees.fee(take, leg.price, req.multiplier, close_today=not lot.historical)
        out.append(
            SettlementClose(
                side=leg.side,
                lots=take,
                close_price=leg.price,
                historical=lot.historical,
                mtm_base=lot.mtm_base,
                open_price=lot.open_price,
                mtm_pnl=sign * (leg.price - lot.mtm_base) * req.multiplier * take,
                trade_pnl=None
                if lot.open_price is None
                else sign * (leg.price - lot.open_price) * req.multiplier * take,
                fee=fee,
                leg=index,
            )
        )
        lot.lots -= take
        remaining -= take
    for lot in [lot for lot in book if lot.lots == 0]:
        book.remove(lot)
    return out


def _positions(
    books: dict[Side, deque[_Lot]], req: SettlementRequest
) -> tuple[SettlementPosition, ...]:
    out = []
    for side in SIDES:
        sign = side_sign(side)
        for historical in (True, False):
            lots = [lot for lot in books[side] if lot.historical == historical and lot.lots > 0]
            if not lots:
                continue
            total = sum((lot.lots for lot in lots), ZERO)
            base_cost = sum((lot.lots * lot.mtm_base for lot in lots), ZERO)
            open_cost: Decimal | None = None
            if all(lot.open_price is not None for lot in lots):
                open_cost = sum((lot.lots * (lot.open_price or ZERO) for lot in lots), ZERO)
            hold = float_ = None
            if req.settle is not None:
                hold = sign * (req.settle * total - base_cost) * req.multiplier
                if open_cost is not None:
                    float_ = sign * (req.settle * total - open_cost) * req.multiplier
            out.append(
                SettlementPosition(
                    side=side,
                    lots=total,
                    historical=historical,
                    mtm_base=base_cost / total,
                    open_price=None if open_cost is None else open_cost / total,
                    hold_mtm=hold,
                    float_trade=float_,
                )
            )
    return tuple(out)


def _sum_or_none(values: list[Decimal | None]) -> Decimal | None:
    if any(v is None for v in values):
        return None
    return sum((v for v in values if v is not None), ZERO)


def _diff(side: Side, later: Decimal, earlier: Decimal) -> str:
    """``(later − earlier)`` for a long, ``(earlier − later)`` for a short."""
    if side == "long":
        return f"({plain(later)} − {plain(earlier, 4)})"
    return f"({plain(earlier, 4)} − {plain(later)})"


def _cffex_points(req: SettlementRequest, settle: Decimal) -> tuple[str, Decimal]:
    """The CFFEX 当日盈亏 formula in points, independent of how closes were matched."""
    terms = []
    points = ZERO
    for leg in req.trades:
        sells = (leg.action == "open") == (leg.side == "short")
        if sells:
            points += (leg.price - settle) * leg.lots
            terms.append(f"({plain(leg.price)} − {plain(settle)}) × {plain(leg.lots)}")
        else:
            points += (settle - leg.price) * leg.lots
            terms.append(f"({plain(settle)} − {plain(leg.price)}) × {plain(leg.lots)}")
    if req.carried_long or req.carried_short:
        points += (req.prev_settle - settle) * (req.carried_short - req.carried_long)
        terms.append(
            f"({plain(req.prev_settle)} − {plain(settle)}) × "
            f"({plain(req.carried_short)} − {plain(req.carried_long)})"
        )
    return " + ".join(terms), points


def _explain(
    req: SettlementRequest, res: SettlementResult
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    mult = plain(req.multiplier)
    formula = (
        "平仓盈亏(盯市) = (平仓价 − 昨结)×手数×乘数 [平昨] + (平仓价 − 开仓价)×手数×乘数 [平今]",
        "持仓盈亏(盯市) = (今结 − 昨结)×昨仓手数×乘数 + (今结 − 开仓价)×今仓手数×乘数",
        "当日盈亏 = 平仓盈亏 + 持仓盈亏（空头各项取反）",
        "逐笔对冲：平仓盈亏 = (平仓价 − 开仓价)×乘数×手数；浮动盈亏 = (今结 − 开仓价)×乘数×手数",
    )
    steps = []
    for c in res.closes:
        what = "平昨" if c.historical else "平今"
        steps.append(
            f"{what}{SIDE_CN[c.side]}{plain(c.lots)}手(盯市)："
            f"{_diff(c.side, c.close_price, c.mtm_base)}"
            f" × {mult} × {plain(c.lots)} = {plain(c.mtm_pnl, 2)}"
        )
        if c.historical and c.trade_pnl is not None and c.open_price is not None:
            steps.append(
                f"{what}{SIDE_CN[c.side]}{plain(c.lots)}手(逐笔)："
                f"{_diff(c.side, c.close_price, c.open_price)} × {mult} × {plain(c.lots)}"
                f" = {plain(c.trade_pnl, 2)}"
            )
    for p in res.positions:
        if p.hold_mtm is None or req.settle is None:
            continue
        what = "持昨" if p.historical else "持今"
        steps.append(
            f"{what}{SIDE_CN[p.side]}{plain(p.lots)}手(盯市)："
            f"{_diff(p.side, req.settle, p.mtm_base)}"
            f" × {mult} × {plain(p.lots)} = {plain(p.hold_mtm, 2)}"
        )
        if p.historical and p.float_trade is not None and p.open_price is not None:
            steps.append(
                f"{what}{SIDE_CN[p.side]}{plain(p.lots)}手(逐笔)："
                f"{_diff(p.side, req.settle, p.open_price)} × {mult} × {plain(p.lots)}"
                f" = {plain(p.float_trade, 2)}"
            )
    if res.daily_pnl is not None and res.hold_pnl_mtm is not None:
        steps.append(
            f"当日盈亏：{plain(res.close_pnl_mtm, 2)} + {plain(res.hold_pnl_mtm, 2)}"
            f" = {plain(res.daily_pnl, 2)}"
        )
    if req.settle is not None:
        terms, points = _cffex_points(req, req.settle)
        if terms:
            steps.append(
                f"中金所公式核对：[{terms}] × {mult} = {plain(points, 4)} × {mult}"
                f" = {plain(points * req.multiplier, 2)}"
            )

    assumptions = [CLOSE_ORDER, "逐日盯市把昨结算价当作昨仓的成本；今仓按成交价"]
    if req.fees is not None:
        assumptions.append(req.fees.describe())
    else:
        assumptions.append("未计手续费")
    if req.settle is None and res.positions:
        assumptions.append("未给今结算价，持仓盈亏与当日盈亏无法计算")
    missing = []
    if req.carried_long > 0 and req.carried_long_open is None:
        missing.append("多")
    if req.carried_short > 0 and req.carried_short_open is None:
        missing.append("空")
    if missing:
        assumptions.append(f"未给昨{'、'.join(missing)}仓的开仓价，逐笔对冲中的昨仓部分无法计算")
    if req.carried_long or req.carried_short:
        assumptions.append("两种口径的合计之差 = 昨仓在以前交易日已经结算的盈亏")
    return formula, tuple(steps), tuple(assumptions)
