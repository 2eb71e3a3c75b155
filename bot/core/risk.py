"""Account risk (风险度) per the 002 document: margin occupied over equity, lines, remedies.

风险度 = 保证金占用 / 客户权益, with 保证金占用 = Σ 手数 × 最新价 × 乘数 × 保证金率. The result
tells where the account stands against the warning / forced lines, the price at which a
single-position account reaches each line, how many lots to close and how much to deposit to
get back to a target ratio (tiered forced closing: at 100 % close back to 80 %).

This module also holds the small argument checks and number rendering that the other
engineer-B core modules (maintenance, crypto, options, stocks, sizing) share.
"""

from __future__ import annotations

from decimal import ROUND_CEILING, Decimal
from typing import Literal

from bot.core.numbers import HUNDRED, ONE, ZERO, plain
from bot.core.results import CalcResult, CoreModel, Side, side_sign
from bot.errors import DomainError

# ---------------------------------------------------------------------------------------------
# Shared argument checks and step rendering (used by every engineer-B core module)
# ---------------------------------------------------------------------------------------------


def require_positive(value: Decimal, what: str, example: str) -> Decimal:
    """Refuse zero or negative values (lots, prices, multipliers, equity …)."""
    if value <= ZERO:
        raise DomainError(f"{what}必须大于0（收到 {show(value)}）", example=example)
    return value


def require_non_negative(value: Decimal, what: str, example: str) -> Decimal:
    """Refuse negative values (fees, maintenance amounts …)."""
    if value < ZERO:
        raise DomainError(f"{what}不能为负数（收到 {show(value)}）", example=example)
    return value


def require_rate(value: Decimal, what: str, example: str, *, allow_zero: bool = False) -> Decimal:
    """Refuse rates outside (0, 1) — a margin rate of 100 % or more is not a margin rate."""
    if value < ZERO and allow_zero:
        raise DomainError(f"{what}不能为负数（收到 {show_pct(value)}）", example=example)
    if value < ZERO or (value == ZERO and not allow_zero):
        raise DomainError(f"{what}必须大于0（收到 {show_pct(value)}）", example=example)
    if value >= ONE:
        raise DomainError(f"{what}必须小于100%（收到 {show_pct(value)}）", example=example)
    return value


def require_whole(value: Decimal, what: str, example: str) -> Decimal:
    """Refuse fractional lots (futures trade whole lots)."""
    require_positive(value, what, example)
    if value != value.to_integral_value():
        raise DomainError(f"{what}必须是整数（收到 {show(value)}）", example=example)
    return value


def show(value: Decimal, places: int = 2) -> str:
    """Render a number for a working line: thousands separators, at most ``places`` decimals."""
    return plain(value, places)


def show_pct(value: Decimal, places: int = 4) -> str:
    """Render a fraction as a percentage: 0.8 → "80%", 0.005 → "0.5%"."""
    return show(value * HUNDRED, places) + "%"


# ---------------------------------------------------------------------------------------------
# Requests and results
# ---------------------------------------------------------------------------------------------

DEFAULT_WARNING_LINES = (Decimal("0.8"), Decimal("0.9"))
DEFAULT_FORCED_LINE = Decimal("1.0")
DEFAULT_TARGET_RATIO = Decimal("0.8")

RiskStatus = Literal["安全", "预警", "强平"]
LineKind = Literal["warning", "forced"]


class RiskPosition(CoreModel):
    """One open position valued at the latest price (最新价)."""

    side: Side
    lots: Decimal
    price: Decimal
    """Latest price (最新价) — margin and equity are measured at this price."""
    multiplier: Decimal
    margin_rate: Decimal
    entry_price: Decimal | None = None
    """Optional open price, only used to report the position's floating P&L."""
    name: str | None = None
    """Product or contract the position is in (rb, i2509 …), for answers about several legs."""


class AccountRiskRequest(CoreModel):
    equity: Decimal
    """客户权益 (dynamic equity) at the latest prices."""
    margin_used: Decimal | None = None
    """保证金占用 as the broker shows it; ignored when positions are given (recomputed)."""
    positions: tuple[RiskPosition, ...] = ()
    warning_lines: tuple[Decimal, ...] = DEFAULT_WARNING_LINES
    forced_line: Decimal = DEFAULT_FORCED_LINE
    target_ratio: Decimal | None = None
    """风险度 to get back to; default the lowest warning line (80 %)."""


class PositionMargin(CoreModel):
    side: Side
    lots: Decimal
    price: Decimal
    multiplier: Decimal
    margin_rate: Decimal
    margin: Decimal
    floating_pnl: Decimal | None
    """At the latest price against entry_price, when an entry price was given."""


class LineLevel(CoreModel):
    """One risk line (预警线 / 强平线) and, for a single position, the price that reaches it."""

    kind: LineKind
    ratio: Decimal
    reached: bool
    """True when the current 风险度 is at or above this line."""
    price: Decimal | None
    """Price at which 风险度 equals the line (exact; single-position accounts only)."""
    price_note: str | None = None
    """Why no price is given, in Chinese."""
    equity_at_price: Decimal | None = None
    margin_at_price: Decimal | None = None
    move: Decimal | None = None
    """price − latest price (negative: the price must fall)."""


class AccountRiskResult(CalcResult):
    equity: Decimal
    margin_used: Decimal
    risk_ratio: Decimal
    """保证金占用 / 客户权益, exact (0.8 = 80 %)."""
    status: RiskStatus
    status_line: Decimal | None
    """The highest line reached, if any."""
    available: Decimal
    """可用资金 = 客户权益 − 保证金占用 (negative above 100 %)."""
    positions: tuple[PositionMargin, ...]
    lines: tuple[LineLevel, ...]
    target_ratio: Decimal
    margin_to_release: Decimal
    """Margin to free (by closing) to get back to the target ratio; 0 if already there."""
    lots_to_close: Decimal | None
    """Whole lots to close (single-position accounts), the fewest that reach the target."""
    ratio_after_close: Decimal | None
    deposit_needed: Decimal
    """Deposit that brings 风险度 exactly to the target; 0 if already at or below it."""


# ---------------------------------------------------------------------------------------------
# Calculation
# ---------------------------------------------------------------------------------------------

_RISK_EXAMPLE = "权益10万 保证金8万 风险度"
_POSITION_EXAMPLE = "权益10万 开多10手 rb 3500 保证金10% 强平价"


def _check_position(pos: RiskPosition) -> None:
    require_whole(pos.lots, "手数", _POSITION_EXAMPLE)
    require_positive(pos.price, "最新价", _POSITION_EXAMPLE)
    require_positive(pos.multiplier, "合约乘数", _POSITION_EXAMPLE)
    require_rate(pos.margin_rate, "保证金率", _POSITION_EXAMPLE)
    if pos.entry_price is not None:
        require_positive(pos.entry_price, "开仓价", _POSITION_EXAMPLE)


def _check_lines(req: AccountRiskRequest) -> Decimal:
    """Validate lines and target; return the target ratio to use."""
    require_positive(req.forced_line, "强平线", "强平线100%")
    for line in req.warning_lines:
        require_positive(line, "预警线", "预警线80%")
        if line >= req.forced_line:
            raise DomainError(
                f"预警线 {show_pct(line)} 应低于强平线 {show_pct(req.forced_line)}",
                example="预警线80% 强平线100%",
            )
    if req.target_ratio is not None:
        target = require_positive(req.target_ratio, "目标风险度", "目标风险度80%")
    else:
        target = min(req.warning_lines, default=DEFAULT_TARGET_RATIO)
    return target


def line_price(pos: RiskPosition, equity: Decimal, line: Decimal) -> Decimal | None:
    """Price P at which a single position puts 风险度 exactly on ``line``.

    Margin at P is lots × multiplier × rate × P; equity at P is equity + sign × lots ×
    multiplier × (P − latest). Setting margin = line × equity and solving for P gives
    P = line × (equity − sign × k × latest) / (k × (rate − line × sign)) with k = lots × mult.
    None when no positive price does it (a long whose equity covers the whole contract value).
    """
    sign = side_sign(pos.side)
    k = pos.lots * pos.multiplier
    numerator = line * (equity - sign * k * pos.price)
    denominator = k * (pos.margin_rate - line * sign)
    price = numerator / denominator
    return price if price > ZERO else None


def _line_level(
    kind: LineKind,
    line: Decimal,
    ratio: Decimal,
    equity: Decimal,
    positions: tuple[RiskPosition, ...],
) -> LineLevel:
    reached = ratio >= line
    if len(positions) != 1:
        note = (
            "未给出持仓明细，无法反推触线价格"
            if not positions
            else "有多个持仓，无法用单一价格表示触线点"
        )
        return LineLevel(kind=kind, ratio=line, reached=reached, price=None, price_note=note)
    pos = positions[0]
    if line <= pos.margin_rate:
        name = "强平线" if kind == "forced" else "预警线"
        raise DomainError(
            f"{name} {show_pct(line)} 不高于保证金率 {show_pct(pos.margin_rate)}，"
            "风险度不会回到这条线以下，触线价没有意义",
            example="保证金10% 预警线80% 强平线100%",
        )
    price = line_price(pos, equity, line)
    if price is None:
        return LineLevel(
            kind=kind,
            ratio=line,
            reached=reached,
            price=None,
            price_note="权益不低于合约价值（没有杠杆），价格跌到0也到不了这条线",
        )
    k = pos.lots * pos.multiplier
    equity_at = equity + side_sign(pos.side) * k * (price - pos.price)
    return LineLevel(
        kind=kind,
        ratio=line,
        reached=reached,
        price=price,
        equity_at_price=equity_at,
        margin_at_price=k * pos.margin_rate * price,
        move=price - pos.price,
    )


def _position_margin(pos: RiskPosition) -> PositionMargin:
    floating = None
    if pos.entry_price is not None:
        floating = side_sign(pos.side) * (pos.price - pos.entry_price) * pos.multiplier * pos.lots
    return PositionMargin(
        side=pos.side,
        lots=pos.lots,
        price=pos.price,
        multiplier=pos.multiplier,
        margin_rate=pos.margin_rate,
        margin=pos.lots * pos.price * pos.multiplier * pos.margin_rate,
        floating_pnl=floating,
    )


_SAME = Decimal("1e-20")
"""Margins this close (relative) are one amount computed two ways (28-digit arithmetic)."""


def _margin_used(
    req: AccountRiskRequest, margins: tuple[PositionMargin, ...], assumptions: list[str]
) -> Decimal:
    """Σ position margins when positions are given, else the stated 保证金占用."""
    if margins:
        total = sum((m.margin for m in margins), ZERO)
        if req.margin_used is not None and abs(req.margin_used - total) <= _SAME * total:
            # the same amount: a rate worked out from it (保证金占用 ÷ 持仓价值) has a last digit
            return req.margin_used
        if req.margin_used is not None:
            assumptions.append(
                f"保证金占用按持仓重算为 {show(total)}（未采用给出的 {show(req.margin_used)}）"
            )
        return total
    if req.margin_used is not None:
        return require_non_negative(req.margin_used, "保证金占用", _RISK_EXAMPLE)
    raise DomainError("需要保证金占用或持仓明细才能算风险度", example=_RISK_EXAMPLE)


def lots_to_reach(pos: RiskPosition, equity: Decimal, target: Decimal) -> Decimal:
    """Fewest whole lots of ``pos`` to close (at the latest price) so 风险度 ≤ ``target``.

    Closing converts floating P&L into realized P&L, so equity stays; only margin falls.
    """
    per_lot = pos.price * pos.multiplier * pos.margin_rate
    needed = (pos.lots - target * equity / per_lot).to_integral_value(rounding=ROUND_CEILING)
    return min(max(needed, ZERO), pos.lots)


def _status(
    ratio: Decimal, warning: tuple[Decimal, ...], forced: Decimal
) -> tuple[RiskStatus, Decimal | None]:
    if ratio >= forced:
        return "强平", forced
    reached = [line for line in warning if ratio >= line]
    if reached:
        return "预警", max(reached)
    return "安全", None


def compute_account_risk(req: AccountRiskRequest) -> AccountRiskResult:
    """风险度, status, line prices, lots to close and deposit to reach the target ratio."""
    equity = req.equity
    if equity <= ZERO:
        raise DomainError(
            f"客户权益必须大于0（收到 {show(equity)}；权益≤0 已经穿仓）", example=_RISK_EXAMPLE
        )
    target = _check_lines(req)
    for pos in req.positions:
        _check_position(pos)

    assumptions: list[str] = []
    formula = [
        "保证金占用 = Σ 手数 × 最新价 × 乘数 × 保证金率",
        "风险度 = 保证金占用 / 客户权益（002 文档的定义）",
        "可用资金 = 客户权益 − 保证金占用",
    ]
    margins = tuple(_position_margin(pos) for pos in req.positions)
    steps = [
        f"保证金 = {show(m.lots)} × {show(m.price)} × {show(m.multiplier)} × "
        f"{show_pct(m.margin_rate)} = {show(m.margin)}"
        for m in margins
    ]
    margin_used = _margin_used(req, margins, assumptions)
    # each figure is rendered once, however many working lines show it
    equity_text, margin_text = show(equity), show(margin_used)

    ratio = margin_used / equity
    status, status_line = _status(ratio, req.warning_lines, req.forced_line)
    steps.append(f"风险度 = {margin_text} / {equity_text} = {show_pct(ratio, 2)}")
    available = equity - margin_used
    steps.append(f"可用资金 = {equity_text} − {margin_text} = {show(available)}")

    lines = [_line_level("warning", w, ratio, equity, req.positions) for w in req.warning_lines]
    lines.append(_line_level("forced", req.forced_line, ratio, equity, req.positions))
    line_text = "、".join(show_pct(w) for w in req.warning_lines) or "无"
    assumptions.append(
        f"预警线 {line_text}，强平线 {show_pct(req.forced_line)}"
        "（达到或超过即触发；各期货公司不同，可自行设定）"
    )
    if len(req.positions) == 1:
        formula.append("触线价 P：手数×乘数×保证金率×P = 线 × (权益 + 方向×手数×乘数×(P − 最新价))")
        assumptions.append("触线价假设只有这一个持仓：保证金按新价格重算，权益随该持仓的盈亏变动")
        for level in lines:
            if level.price is not None:
                steps.append(f"风险度 {show_pct(level.ratio)} 的价格 = {show(level.price)}")

    margin_to_release = max(margin_used - target * equity, ZERO)
    deposit = max(margin_used / target - equity, ZERO)
    target_text = show_pct(target)
    formula.append("追加资金 = 保证金占用 / 目标风险度 − 客户权益")
    steps.append(
        f"追加资金 = {margin_text} / {target_text} − {equity_text} = {show(deposit)}"
        if deposit > ZERO
        else f"风险度未超过目标 {target_text}，无需追加资金"
    )
    assumptions.append(f"目标风险度 {target_text}（分级强平：达到强平线后平仓到预警线以下）")

    lots_to_close: Decimal | None = None
    ratio_after: Decimal | None = None
    if len(req.positions) == 1:
        pos = req.positions[0]
        per_lot = pos.price * pos.multiplier * pos.margin_rate
        lots_to_close = lots_to_reach(pos, equity, target)
        ratio_after = (pos.lots - lots_to_close) * per_lot / equity
        formula.append("需平手数 = 向上取整(手数 − 目标风险度 × 权益 / 每手保证金)")
        steps.append(
            f"需平手数 = ⌈{show(pos.lots)} − {target_text} × {equity_text} / {show(per_lot)}⌉"
            f" = {show(lots_to_close)} 手，平后风险度 {show_pct(ratio_after, 2)}"
            if lots_to_close > ZERO
            else f"风险度未超过目标 {target_text}，无需平仓"
        )
        assumptions.append("平仓按最新价成交：浮动盈亏转为平仓盈亏，权益不变；手续费未计")
    elif margin_to_release > ZERO:
        steps.append(
            f"需释放保证金 = {margin_text} − {target_text} × {equity_text}"
            f" = {show(margin_to_release)}"
        )

    return AccountRiskResult(
        equity=equity,
        margin_used=margin_used,
        risk_ratio=ratio,
        status=status,
        status_line=status_line,
        available=available,
        positions=tuple(margins),
        lines=tuple(lines),
        target_ratio=target,
        margin_to_release=margin_to_release,
        lots_to_close=lots_to_close,
        ratio_after_close=ratio_after,
        deposit_needed=deposit,
        formula=tuple(formula),
        steps=tuple(steps),
        assumptions=tuple(assumptions),
    )
