"""What-if ladder: P&L (and 风险度) if the price moves ±1 %, ±2 %, ±5 % or by given points.

For a move to price P from the base price B (the latest price; the entry when none is given):
    变动盈亏 = 方向 × (P − B) × 乘数 × 手数,  持仓盈亏 = 方向 × (P − 开仓价) × 乘数 × 手数
and, when equity (at B) and the margin rate are known,
    风险度(P) = P × 乘数 × 手数 × 保证金率 / (权益 + 变动盈亏).
"""

from __future__ import annotations

from decimal import Decimal

from pydantic import model_validator

from bot.core.numbers import HUNDRED, ONE, ZERO, plain
from bot.core.results import CalcResult, CoreModel, Side, side_sign
from bot.core.risk import DEFAULT_FORCED_LINE, require_positive, require_rate, show, show_pct
from bot.core.trades import SIDE_CN, UNIT_WORDS, QuantityKind
from bot.errors import DomainError

LADDER_EXAMPLE = "多2手 rb 3500 涨跌1% 2% 5% 盈亏"
DEFAULT_PERCENTS = (Decimal("0.01"), Decimal("0.02"), Decimal("0.05"))


class LadderRequest(CoreModel):
    side: Side
    lots: Decimal
    entry_price: Decimal
    multiplier: Decimal
    base_price: Decimal | None = None
    """最新价 the moves start from; the entry price when not given."""
    percents: tuple[Decimal, ...] = DEFAULT_PERCENTS
    """Moves as fractions (0.01 = 1 %), each taken up and down; ignored when points are given."""
    points: tuple[Decimal, ...] = ()
    """Moves in price points (涨跌50点), each taken up and down."""
    equity: Decimal | None = None
    """客户权益 at the base price: with the margin rate, the 风险度 of each row."""
    margin_rate: Decimal | None = None
    forced_line: Decimal = DEFAULT_FORCED_LINE
    counted_in: QuantityKind = "lots"

    @model_validator(mode="after")
    def _check(self) -> LadderRequest:
        require_positive(self.lots, "手数", LADDER_EXAMPLE)
        require_positive(self.entry_price, "开仓价", LADDER_EXAMPLE)
        require_positive(self.multiplier, "合约乘数", LADDER_EXAMPLE)
        if self.base_price is not None:
            require_positive(self.base_price, "最新价", LADDER_EXAMPLE)
        if self.counted_in == "lots" and self.lots != self.lots.to_integral_value():
            raise DomainError(
                f"期货手数必须是整数（收到 {plain(self.lots)}手）", example=LADDER_EXAMPLE
            )
        moves = self.points or self.percents
        if not moves or len(moves) > 5:
            raise DomainError("请给1到5档涨跌幅", example=LADDER_EXAMPLE)
        for move in moves:
            require_positive(move, "涨跌幅度", LADDER_EXAMPLE)
        if not self.points:
            for pct in self.percents:
                if pct >= ONE:
                    raise DomainError(
                        f"涨跌幅必须小于100%（收到 {show_pct(pct)}）", example=LADDER_EXAMPLE
                    )
        if self.equity is not None:
            require_positive(self.equity, "客户权益", LADDER_EXAMPLE)
        if self.margin_rate is not None:
            require_rate(self.margin_rate, "保证金率", LADDER_EXAMPLE)
        require_positive(self.forced_line, "强平线", LADDER_EXAMPLE)
        return self


class LadderRow(CoreModel):
    move: Decimal
    """Signed: a fraction (+0.01) for percent moves, points (−50) for point moves."""
    price: Decimal
    pnl_move: Decimal
    """变动盈亏: the P&L of the move from the base price."""
    pnl_total: Decimal
    """持仓盈亏 at ``price`` against the entry price."""
    equity: Decimal | None = None
    risk_ratio: Decimal | None = None
    """None without equity and margin rate, or when the equity is gone (穿仓)."""
    wiped_out: bool = False
    """Equity ≤ 0 at this price (穿仓)."""
    forced: bool = False
    """风险度 at or above the forced line (or 穿仓)."""


class LadderResult(CalcResult):
    side: Side
    lots: Decimal
    entry_price: Decimal
    base_price: Decimal
    multiplier: Decimal
    in_points: bool
    per_unit: Decimal
    """P&L of a 1 % move (percent ladder) or of a 1-point move (point ladder), unsigned."""
    rows: tuple[LadderRow, ...]
    """From the largest rise to the largest fall."""
    risk_ratio_now: Decimal | None = None
    forced_line: Decimal
    counted_in: QuantityKind = "lots"


def _row(req: LadderRequest, base: Decimal, move: Decimal, price: Decimal) -> LadderRow:
    sign = side_sign(req.side)
    size = req.multiplier * req.lots
    pnl_move = sign * (price - base) * size
    row = LadderRow(
        move=move,
        price=price,
        pnl_move=pnl_move,
        pnl_total=sign * (price - req.entry_price) * size,
    )
    if req.equity is None or req.margin_rate is None:
        return row
    equity = req.equity + pnl_move
    if equity <= ZERO:
        return row.model_copy(update={"equity": equity, "wiped_out": True, "forced": True})
    ratio = price * size * req.margin_rate / equity
    return row.model_copy(
        update={"equity": equity, "risk_ratio": ratio, "forced": ratio >= req.forced_line}
    )


def compute_ladder(req: LadderRequest) -> LadderResult:
    """P&L (and 风险度) at each move up and down from the base price."""
    base = req.base_price if req.base_price is not None else req.entry_price
    in_points = bool(req.points)
    moves = sorted(req.points or req.percents, reverse=True)
    signed = [*moves, *(-m for m in reversed(moves))]
    rows = []
    for move in signed:
        price = base + move if in_points else base * (ONE + move)
        if price <= ZERO:
            continue  # a fall of more than the price itself
        rows.append(_row(req, base, move, price))
    size = req.multiplier * req.lots
    per_unit = size if in_points else base * size / HUNDRED
    unit, qty = UNIT_WORDS[req.counted_in]
    steps = [
        f"每{'点' if in_points else '1%'}变动 = "
        + (
            f"{show(req.multiplier)} × {show(req.lots)}"
            if in_points
            else f"{show(base)} × 1% × {show(req.multiplier)} × {show(req.lots)}"
        )
        + f" = {show(per_unit)}"
    ]
    ratio_now = None
    assumptions = [
        f"{SIDE_CN[req.side]}头{plain(req.lots)}{unit} @{plain(req.entry_price)}，"
        f"乘数{plain(req.multiplier)}；"
        f"涨跌从{'最新价' if req.base_price is not None else '开仓价'} {plain(base)} 算起",
        "盈亏为价格变动带来的盈亏，未计手续费",
    ]
    if req.equity is not None and req.margin_rate is not None:
        ratio_now = base * size * req.margin_rate / req.equity
        steps.append(
            f"风险度 = 价格 × {show(req.multiplier)} × {show(req.lots)}"
            f" × {show_pct(req.margin_rate)}"
            f" / (权益 {show(req.equity)} + 变动盈亏)"
        )
        assumptions.append(
            f"保证金按新价格重算；强平线 {show_pct(req.forced_line)}（各期货公司不同）"
        )
    return LadderResult(
        side=req.side,
        lots=req.lots,
        entry_price=req.entry_price,
        base_price=base,
        multiplier=req.multiplier,
        in_points=in_points,
        per_unit=per_unit,
        rows=tuple(rows),
        risk_ratio_now=ratio_now,
        forced_line=req.forced_line,
        counted_in=req.counted_in,
        formula=(
            f"变动盈亏 = 方向 × (新价格 − 最新价) × 乘数 × {qty}",
            "风险度 = 新价格下的保证金 / (权益 + 变动盈亏)",
        ),
        steps=tuple(steps),
        assumptions=tuple(assumptions),
    )
