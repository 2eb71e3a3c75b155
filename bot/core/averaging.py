"""Average entry after adding to a position (加仓 / 补仓 / 摊低成本).

新均价 = Σ(手数 × 价格) / Σ手数: 多2手 3500 + 补仓2手 3400 → (2×3500 + 2×3400) / 4 = 3,450.
The break-even price of the whole position (fees of every open and of the close included) is
that of one position of Σ手数 opened at the average price: a per-lot fee and a rate on turnover
both add up over the fills exactly as over one fill at the average (``bot.core.breakeven``).
"""

from __future__ import annotations

from decimal import Decimal

from pydantic import model_validator

from bot.core.breakeven import BreakevenRequest, PriceLevel, compute_breakeven, net_pnl_at
from bot.core.fees import FeeSchedule
from bot.core.numbers import ZERO, plain
from bot.core.results import CalcResult, CoreModel, Side, side_sign
from bot.core.trades import NO_FEES_HINT, SIDE_CN, UNIT_WORDS, QuantityKind, check_positive
from bot.errors import DomainError

AVERAGING_EXAMPLE = "多2手 3500 补仓2手 3400 乘数10 均价"


class Fill(CoreModel):
    """One opening fill of the position: the first position or an add (加仓/补仓)."""

    lots: Decimal
    price: Decimal

    @model_validator(mode="after")
    def _check(self) -> Fill:
        check_positive(self.lots, "手数", AVERAGING_EXAMPLE)
        check_positive(self.price, "价格", AVERAGING_EXAMPLE)
        return self


class AveragingRequest(CoreModel):
    side: Side
    fills: tuple[Fill, ...]
    """The position as first opened, then every add, in order (at least two)."""
    multiplier: Decimal
    fees: FeeSchedule | None = None
    price: Decimal | None = None
    """A price to value the whole position at (P&L at a price)."""
    tick: Decimal | None = None
    """最小变动价位: the break-even is also given on the tick grid (safe side)."""
    counted_in: QuantityKind = "lots"

    @model_validator(mode="after")
    def _check(self) -> AveragingRequest:
        if len(self.fills) < 2:
            raise DomainError("算加仓均价需要原持仓和至少一笔加仓", example=AVERAGING_EXAMPLE)
        check_positive(self.multiplier, "合约乘数", AVERAGING_EXAMPLE)
        if self.price is not None:
            check_positive(self.price, "价格", AVERAGING_EXAMPLE)
        if self.counted_in == "lots":
            for fill in self.fills:
                if fill.lots != fill.lots.to_integral_value():
                    raise DomainError(
                        f"期货手数必须是整数（收到 {plain(fill.lots)}手）",
                        example=AVERAGING_EXAMPLE,
                    )
        return self


class AveragingResult(CalcResult):
    side: Side
    fills: tuple[Fill, ...]
    multiplier: Decimal
    lots: Decimal
    """Σ手数 after the adds."""
    cost: Decimal
    """Σ(手数 × 价格) (in price units; × multiplier for money)."""
    avg_price: Decimal
    """新均价 = cost / lots, exact."""
    first_price: Decimal
    """The price the position was first opened at, for "the average moved by …"."""
    breakeven: PriceLevel
    """Break-even of the whole position, both fees included when given."""
    open_fees: Decimal
    price: Decimal | None = None
    pnl_gross: Decimal | None = None
    """At ``price``: sign × (price − avg) × multiplier × lots."""
    pnl_net: Decimal | None = None
    """The same less the open fees and the close fee at ``price`` (when fees are given)."""
    fees_counted: bool
    counted_in: QuantityKind = "lots"


def compute_averaging(req: AveragingRequest) -> AveragingResult:
    """New average entry, break-even (with fees when given) and P&L at a price."""
    lots = sum((fill.lots for fill in req.fills), ZERO)
    cost = sum((fill.lots * fill.price for fill in req.fills), ZERO)
    avg = cost / lots
    whole = BreakevenRequest(
        side=req.side,
        lots=lots,
        entry_price=avg,
        multiplier=req.multiplier,
        fees=req.fees,
        tick=req.tick,
        counted_in=req.counted_in,
    )
    be = compute_breakeven(whole)
    unit, qty = UNIT_WORDS[req.counted_in]
    terms = " + ".join(f"{plain(f.lots)}×{plain(f.price)}" for f in req.fills)
    lot_terms = " + ".join(plain(f.lots) for f in req.fills)
    steps = [
        f"新均价 = ({terms}) / ({lot_terms}) = {plain(cost)} / {plain(lots)} = {plain(avg, 4)}"
    ]
    if req.fees is not None and be.breakeven.exact is not None:
        steps.append(f"保本价(含开平手续费) = {plain(be.breakeven.exact, 4)}")
    gross = net = None
    if req.price is not None:
        sign = side_sign(req.side)
        gross = sign * (req.price - avg) * req.multiplier * lots
        diff = (
            f"({plain(req.price)} − {plain(avg, 4)})"
            if req.side == "long"
            else f"({plain(avg, 4)} − {plain(req.price)})"
        )
        steps.append(
            f"价格 {plain(req.price)} 时盈亏 = {diff} × {plain(req.multiplier)} × {plain(lots)}"
            f" = {plain(gross, 2)}"
        )
        if req.fees is not None:
            net = net_pnl_at(whole, req.price)
            steps.append(f"扣除开平手续费后 = {plain(net, 2)}")
    assumptions = [
        f"{SIDE_CN[req.side]}头共{plain(lots)}{unit}，各笔同方向开仓（加仓/补仓），乘数{plain(req.multiplier)}",
        req.fees.describe() if req.fees is not None else NO_FEES_HINT[req.counted_in],
        "均价按手数加权（期货公司“开仓均价”口径）；结算后“持仓均价”按昨结算价重置",
    ]
    return AveragingResult(
        side=req.side,
        fills=req.fills,
        multiplier=req.multiplier,
        lots=lots,
        cost=cost,
        avg_price=avg,
        first_price=req.fills[0].price,
        breakeven=be.breakeven,
        open_fees=be.open_fee,
        price=req.price,
        pnl_gross=gross,
        pnl_net=net,
        fees_counted=req.fees is not None,
        counted_in=req.counted_in,
        formula=(
            f"新均价 = Σ({qty} × 开仓价) / Σ{qty}",
            "保本价 = 以新均价开仓的总持仓扣除开平手续费后盈亏为0的价格",
            f"盈亏 = (价格 − 新均价) × 乘数 × 总{qty}（空头取反）",
        ),
        steps=tuple(steps),
        assumptions=tuple(assumptions),
    )
