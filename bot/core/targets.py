"""Target and stop prices from a return: % of margin (ROE), % of equity, or money net of fees.

The wanted result W (money, + for a profit, − for a loss) over the position size S = 乘数 × 手数:
- before fees: P = 开仓价 + 方向 × W / S; with a margin rate m (= 1 / 杠杆) and W = r × margin
  this is 开仓价 × (1 + 方向 × r × m): `BTC 20倍 开多 60000 ROE 50%` → 60000 × (1 + 50%/20)
  = 61,500; `亏损不超过保证金的50%` → 60000 × (1 − 50%/20) = 58,500.
- net of both fees (per lot c, rate f on turnover, open fee F): long
  P = (开仓价 × S + F + c × 手数 + W) / (S × (1 − f)), short
  P = (开仓价 × S − F − c × 手数 − W) / (S × (1 + f)) (as ``bot.core.breakeven``).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import model_validator

from bot.core.fees import FeeSchedule
from bot.core.numbers import ONE, ZERO, plain
from bot.core.results import CalcResult, CoreModel, Side, side_sign
from bot.core.risk import require_positive, require_rate, show, show_pct
from bot.core.trades import SIDE_CN, UNIT_WORDS, QuantityKind
from bot.errors import DomainError

TargetBasis = Literal["margin", "equity", "money"]
"""What the return is measured on: % of margin (ROE), % of equity, or an amount of money."""
TargetGoal = Literal["profit", "loss"]
"""A take-profit (目标价) or a stop (止损价: the loss may not exceed the amount)."""

TARGET_EXAMPLE = "BTC 20倍 开多 60000 ROE 50% 目标价"
BASIS_WORDS: dict[TargetBasis, str] = {"margin": "保证金", "equity": "权益", "money": "金额"}


class TargetRequest(CoreModel):
    side: Side
    entry_price: Decimal
    basis: TargetBasis
    goal: TargetGoal = "profit"
    amount: Decimal
    """A fraction for ``margin`` / ``equity`` (0.5 = 50 %), money for ``money`` (net of fees)."""
    lots: Decimal = ONE
    """手数 (or coins); the price does not depend on it unless a per-lot fee is given."""
    multiplier: Decimal = ONE
    margin_rate: Decimal | None = None
    """保证金率 (1 / 杠杆): needed for ``margin``."""
    equity: Decimal | None = None
    """账户权益: needed for ``equity``."""
    fees: FeeSchedule | None = None
    counted_in: QuantityKind = "lots"
    lots_given: bool = True
    """False when ``lots`` is the default 1 (the answer says the price holds for any size)."""

    @model_validator(mode="after")
    def _check(self) -> TargetRequest:
        require_positive(self.entry_price, "开仓价", TARGET_EXAMPLE)
        require_positive(self.lots, "手数", TARGET_EXAMPLE)
        require_positive(self.multiplier, "合约乘数", TARGET_EXAMPLE)
        what = "止损金额" if self.goal == "loss" else "目标收益"
        require_positive(self.amount, what, TARGET_EXAMPLE)
        if self.basis == "margin":
            if self.margin_rate is None:
                raise DomainError(
                    "按保证金收益率算目标价需要杠杆或保证金率", example=TARGET_EXAMPLE
                )
            require_rate(self.margin_rate, "保证金率", TARGET_EXAMPLE)
        if self.basis == "equity":
            if self.equity is None:
                raise DomainError(
                    "按权益百分比算目标价需要账户权益",
                    example="权益10万 开多2手 rb 3500 赚权益的5% 目标价",
                )
            require_positive(self.equity, "账户权益", TARGET_EXAMPLE)
        if self.basis != "money" and self.goal == "loss" and self.amount >= ONE:
            raise DomainError(
                f"止损不能达到{BASIS_WORDS[self.basis]}的100%（收到 {show_pct(self.amount)}）",
                example="BTC 20倍 开多 60000 亏损不超过保证金的50% 止损价",
            )
        if self.counted_in == "lots" and self.lots != self.lots.to_integral_value():
            raise DomainError(
                f"期货手数必须是整数（收到 {plain(self.lots)}手）", example=TARGET_EXAMPLE
            )
        return self


class TargetResult(CalcResult):
    side: Side
    goal: TargetGoal
    basis: TargetBasis
    entry_price: Decimal
    amount: Decimal
    margin: Decimal | None
    """开仓价 × 乘数 × 手数 × 保证金率, when the margin rate is known."""
    wanted: Decimal
    """The money result the price is solved for (+ profit, − loss)."""
    price_before_fees: Decimal | None
    """None when no positive price gives it (a short's target beyond −100 %)."""
    price_with_fees: Decimal | None
    """Net of the open fee and the close fee at that price; None without fees (or unreachable)."""
    fees_counted: bool
    move_pct: Decimal | None
    """(price − entry) / entry of the headline price."""
    counted_in: QuantityKind = "lots"
    lots: Decimal
    lots_given: bool


def _wanted(req: TargetRequest) -> tuple[Decimal, Decimal | None, str]:
    """(money wanted with its sign, margin, working line)."""
    size = req.entry_price * req.multiplier * req.lots
    margin = size * req.margin_rate if req.margin_rate is not None else None
    sign = ONE if req.goal == "profit" else -ONE
    if req.basis == "margin" and margin is not None:
        line = (
            f"保证金 = {show(req.entry_price)} × {show(req.multiplier)} × {show(req.lots)} × "
            f"{show_pct(req.margin_rate or ZERO)} = {show(margin)}；"
            f"目标 = {show_pct(req.amount)} × {show(margin)} = {show(req.amount * margin)}"
        )
        return sign * req.amount * margin, margin, line
    if req.basis == "equity" and req.equity is not None:
        value = req.amount * req.equity
        line = f"目标 = {show_pct(req.amount)} × {show(req.equity)} = {show(value)}"
        return sign * value, margin, line
    return sign * req.amount, margin, f"目标 = {show(req.amount)}"


def _solve(req: TargetRequest, wanted: Decimal, fees: FeeSchedule) -> Decimal | None:
    size = req.multiplier * req.lots
    open_fee = fees.fee(req.lots, req.entry_price, req.multiplier)
    fixed = open_fee + (fees.per_lot or ZERO) * req.lots
    rate = fees.rate or ZERO
    if req.side == "long":
        price = (req.entry_price * size + fixed + wanted) / (size * (ONE - rate))
    else:
        price = (req.entry_price * size - fixed - wanted) / (size * (ONE + rate))
    return price if price > ZERO else None


def compute_target(req: TargetRequest) -> TargetResult:
    """The price that makes the wanted return, before fees and (when known) net of fees."""
    wanted, margin, wanted_line = _wanted(req)
    before = _solve(req, wanted, FeeSchedule())
    with_fees = _solve(req, wanted, req.fees) if req.fees is not None else None
    headline = with_fees if req.fees is not None else before
    name = "止损价" if req.goal == "loss" else "目标价"
    sign = side_sign(req.side)
    op = "+" if (sign > 0) == (wanted > 0) else "−"
    steps = [wanted_line]
    if before is not None:
        size = req.multiplier * req.lots
        steps.append(
            f"{name}(未计手续费) = {show(req.entry_price)} {op} {show(abs(wanted))} / {show(size)}"
            f" = {plain(before, 4)}"
        )
        if req.basis == "margin" and req.margin_rate is not None:
            steps.append(
                f"即 {show(req.entry_price)} × (1 {op} {show_pct(req.amount)} × "
                f"{show_pct(req.margin_rate)}) = {plain(before, 4)}"
            )
    else:
        steps.append(f"{name}：需要的价格不大于0，达不到")
    if with_fees is not None:
        steps.append(f"{name}(含开平手续费) = {plain(with_fees, 4)}")
    unit = UNIT_WORDS[req.counted_in][0]
    assumptions = [
        f"{SIDE_CN[req.side]}头{plain(req.lots)}{unit} @{plain(req.entry_price)}，"
        f"按{BASIS_WORDS[req.basis]}计{'亏损' if req.goal == 'loss' else '收益'}",
        (req.fees.describe() + "；上面两个价格：未计手续费 / 含开平手续费")
        if req.fees is not None
        else "未计手续费（给出手续费可同时算含费价格）",
    ]
    if not req.lots_given:
        assumptions.append("未给数量：价格与数量无关（按1手/1个算）")
    if req.basis == "margin":
        assumptions.append("收益率 = 盈亏 / 开仓保证金（ROE）；保证金率 = 1 / 杠杆")
    return TargetResult(
        side=req.side,
        goal=req.goal,
        basis=req.basis,
        entry_price=req.entry_price,
        amount=req.amount,
        margin=margin,
        wanted=wanted,
        price_before_fees=before,
        price_with_fees=with_fees,
        fees_counted=req.fees is not None,
        move_pct=None if headline is None else (headline - req.entry_price) / req.entry_price,
        counted_in=req.counted_in,
        lots=req.lots,
        lots_given=req.lots_given,
        formula=(
            f"{name} = 开仓价 {'+' if req.goal == 'profit' else '−'} 目标金额 / (乘数 × 数量)"
            "（空头取反）",
            *(("按保证金收益率：开仓价 × (1 ± 收益率 / 杠杆)",) if req.basis == "margin" else ()),
        ),
        steps=tuple(steps),
        assumptions=tuple(assumptions),
    )
