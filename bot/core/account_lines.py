"""An account with several products: margin per leg and in total, 风险度, and for each leg the
price at which the account reaches each line while the other legs are held constant.

With the other legs' margin M_o fixed, leg i (direction s, k = 手数 × 乘数, rate r, latest p)
at price P gives margin M_o + k·r·P and equity E + s·k·(P − p). Setting margin = line × equity:
    P = (line × (E − s·k·p) − M_o) / (k × (r − line × s))
(with M_o = 0 this is ``bot.core.risk.line_price`` of a single position).
"""

from __future__ import annotations

from decimal import Decimal

from bot.core.numbers import ZERO
from bot.core.results import CalcResult, CoreModel, Side, side_sign
from bot.core.risk import (
    AccountRiskRequest,
    AccountRiskResult,
    LineKind,
    PositionMargin,
    compute_account_risk,
    show,
    show_pct,
)
from bot.core.trades import SIDE_CN
from bot.errors import DomainError

ACCOUNT_EXAMPLE = "rb 多2手 3500 i 空1手 800 权益10万"
LINE_NAMES: dict[LineKind, str] = {"warning": "预警线", "forced": "强平线"}


class LegLine(CoreModel):
    kind: LineKind
    ratio: Decimal
    price: Decimal | None
    """Price of this leg at which the account's 风险度 equals the line; None when none > 0."""
    move: Decimal | None
    """price − latest price of the leg (negative: the price must fall)."""
    reached: bool
    """The account is already at or above the line."""


class LegLines(CoreModel):
    index: int
    """1-based position in the request."""
    name: str | None
    side: Side
    lots: Decimal
    price: Decimal
    margin: Decimal
    lines: tuple[LegLine, ...]


class AccountLinesResult(CalcResult):
    account: AccountRiskResult
    legs: tuple[LegLines, ...]


def leg_line_price(
    margins: tuple[PositionMargin, ...], index: int, equity: Decimal, line: Decimal
) -> Decimal | None:
    """Price of leg ``index`` (0-based) that puts 风险度 on ``line``, the other legs held."""
    leg = margins[index]
    others = sum((m.margin for i, m in enumerate(margins) if i != index), ZERO)
    sign = side_sign(leg.side)
    k = leg.lots * leg.multiplier
    denominator = k * (leg.margin_rate - line * sign)
    if denominator == 0:
        return None
    price = (line * (equity - sign * k * leg.price) - others) / denominator
    return price if price > ZERO else None


def _label(leg: LegLines) -> str:
    return f"{leg.name or f'第{leg.index}腿'}{SIDE_CN[leg.side]}{show(leg.lots)}手"


def compute_account_lines(req: AccountRiskRequest) -> AccountLinesResult:
    """风险度 of the whole account and, per leg, the price of each line (others held)."""
    if not req.positions:
        raise DomainError("需要至少一个持仓（品种、方向、手数、价格）", example=ACCOUNT_EXAMPLE)
    account = compute_account_risk(req)
    levels: list[tuple[LineKind, Decimal]] = [("warning", w) for w in req.warning_lines]
    levels.append(("forced", req.forced_line))
    legs = []
    steps = list(account.steps[: len(account.positions)])
    for i, margin in enumerate(account.positions):
        lines = []
        for kind, ratio in levels:
            price = leg_line_price(account.positions, i, account.equity, ratio)
            lines.append(
                LegLine(
                    kind=kind,
                    ratio=ratio,
                    price=price,
                    move=None if price is None else price - margin.price,
                    reached=account.risk_ratio >= ratio,
                )
            )
        leg = LegLines(
            index=i + 1,
            name=req.positions[i].name,
            side=margin.side,
            lots=margin.lots,
            price=margin.price,
            margin=margin.margin,
            lines=tuple(lines),
        )
        legs.append(leg)
        forced = lines[-1]
        if forced.price is not None:
            steps.append(
                f"{_label(leg)}：其他持仓不变，价格到 {show(forced.price)} 时风险度"
                f" {show_pct(req.forced_line)}"
            )
        else:
            steps.append(f"{_label(leg)}：其他持仓不变，价格到0也到不了强平线")
    steps.extend(account.steps[len(account.positions) :])
    return AccountLinesResult(
        account=account,
        legs=tuple(legs),
        formula=(
            *account.formula[:3],
            "某腿触线价 P = (线 × (权益 − 方向×手数×乘数×最新价) − 其他腿保证金)"
            " / (手数×乘数×(保证金率 − 线×方向))",
        ),
        steps=tuple(steps),
        assumptions=(
            *(a for a in account.assumptions if not a.startswith("触线价假设")),
            "每腿的触线价假设其他持仓价格不变；实际多个品种会同时波动",
        ),
    )
