"""How many lots the margin allows (资金10万 rb 3500 保证金10% 最多开几手), with no stop given.

Two figures: the lots that use the whole equity as margin (风险度 100 %: any adverse move
is then a margin call) and the lots that keep the risk degree within the cap (80 % by the
002 document's rule of thumb). Sizing by risk needs a stop (``bot.core.sizing``).
"""

from __future__ import annotations

from decimal import Decimal

from pydantic import model_validator

from bot.core.results import CalcResult, CoreModel
from bot.core.risk import require_positive, require_rate, show, show_pct
from bot.core.sizing import DEFAULT_MAX_RISK_RATIO, floor_lots
from bot.errors import DomainError

EXAMPLE = "权益10万 rb 3500 保证金10% 最多开几手"


class MarginCapRequest(CoreModel):
    """Price × multiplier × margin rate gives the margin of a lot, or ``margin_per_lot`` is
    that margin as typed (螺纹 每手保证金3500 权益5万 开几手: no price needed)."""

    equity: Decimal
    entry_price: Decimal | None = None
    multiplier: Decimal | None = None
    margin_rate: Decimal | None = None
    margin_per_lot: Decimal | None = None
    max_risk_ratio: Decimal = DEFAULT_MAX_RISK_RATIO

    @model_validator(mode="after")
    def _check(self) -> MarginCapRequest:
        require_positive(self.equity, "权益", EXAMPLE)
        if self.margin_per_lot is not None:
            require_positive(self.margin_per_lot, "每手保证金", EXAMPLE)
        else:
            price, multiplier, rate = self.entry_price, self.multiplier, self.margin_rate
            if price is None or multiplier is None or rate is None:
                raise DomainError("算每手保证金要价格、乘数和保证金率", example=EXAMPLE)
            require_positive(price, "开仓价", EXAMPLE)
            require_positive(multiplier, "合约乘数", EXAMPLE)
            require_rate(rate, "保证金率", EXAMPLE)
        require_rate(self.max_risk_ratio, "风险度上限", EXAMPLE)
        return self

    def per_lot(self) -> tuple[Decimal, str]:
        """The margin of one lot and the line that shows where it came from."""
        if self.margin_per_lot is not None:
            return self.margin_per_lot, f"每手保证金 = {show(self.margin_per_lot)}（按你写的）"
        assert self.entry_price is not None and self.multiplier is not None
        assert self.margin_rate is not None
        per_lot = self.entry_price * self.multiplier * self.margin_rate
        return per_lot, (
            f"每手保证金 = {show(self.entry_price)} × {show(self.multiplier)} × "
            f"{show_pct(self.margin_rate)} = {show(per_lot)}"
        )


class MarginCapResult(CalcResult):
    margin_per_lot: Decimal
    lots_all_in: Decimal
    """⌊equity / margin per lot⌋: every yuan of equity is margin (风险度 100 %)."""
    lots_within_cap: Decimal
    """⌊cap × equity / margin per lot⌋."""
    max_risk_ratio: Decimal
    margin_within_cap: Decimal
    ratio_within_cap: Decimal


def compute_margin_cap(req: MarginCapRequest) -> MarginCapResult:
    per_lot, per_lot_line = req.per_lot()
    all_in = floor_lots(req.equity / per_lot)
    within = floor_lots(req.max_risk_ratio * req.equity / per_lot)
    margin = within * per_lot
    equity, cap = show(req.equity), show_pct(req.max_risk_ratio)
    steps = (
        per_lot_line,
        f"满仓 = ⌊{equity} / {show(per_lot)}⌋ = {show(all_in)} 手（风险度约 100%）",
        f"风险度 {cap} 以内 = ⌊{cap} × {equity} / {show(per_lot)}⌋ = {show(within)} 手",
    )
    assumptions = [
        f"风险度上限 {cap}"
        + ("（002 文档的经验法则）" if req.max_risk_ratio == DEFAULT_MAX_RISK_RATIO else "")
        + "；满仓时稍有不利波动就要追加保证金",
        "这是保证金允许的上限，不是该开的手数：按风险开仓请加止损（如“止损3450”）",
        "保证金按开仓价计算，未计手续费"
        if req.margin_per_lot is None
        else "每手保证金按你写的计算（价格变了会跟着变），未计手续费",
    ]
    if all_in == 0:
        assumptions.insert(0, f"权益不够一手的保证金（还差 {show(per_lot - req.equity)}）")
    return MarginCapResult(
        margin_per_lot=per_lot,
        lots_all_in=all_in,
        lots_within_cap=within,
        max_risk_ratio=req.max_risk_ratio,
        margin_within_cap=margin,
        ratio_within_cap=margin / req.equity,
        formula=(
            "每手保证金 = 价格 × 乘数 × 保证金率",
            "手数 = 向下取整(权益 × 风险度 / 每手保证金)",
        ),
        steps=steps,
        assumptions=tuple(assumptions),
    )


# ---------------------------------------------------------------------------------------------
# Margin allowed by a risk-degree cap (权益10万 风险度不超过80% 能用多少保证金)
# ---------------------------------------------------------------------------------------------

BUDGET_EXAMPLE = "权益10万 风险度不超过80% 保证金最多多少"


class MarginBudgetRequest(CoreModel):
    equity: Decimal
    max_risk_ratio: Decimal = DEFAULT_MAX_RISK_RATIO
    margin_used: Decimal = Decimal(0)
    """保证金占用 already; the headroom is what is left under the cap."""
    margin_per_lot: Decimal | None = None
    """Margin of one more lot: the headroom is also given in lots."""

    @model_validator(mode="after")
    def _check(self) -> MarginBudgetRequest:
        require_positive(self.equity, "权益", BUDGET_EXAMPLE)
        require_positive(self.max_risk_ratio, "风险度上限", BUDGET_EXAMPLE)
        if self.max_risk_ratio > 1:
            raise DomainError(
                f"风险度上限不能超过100%（收到 {show_pct(self.max_risk_ratio)}）",
                example=BUDGET_EXAMPLE,
            )
        if self.margin_used < 0:
            raise DomainError("保证金占用不能是负数", example=BUDGET_EXAMPLE)
        if self.margin_per_lot is not None:
            require_positive(self.margin_per_lot, "每手保证金", BUDGET_EXAMPLE)
        return self


class MarginBudgetResult(CalcResult):
    equity: Decimal
    max_risk_ratio: Decimal
    margin_allowed: Decimal
    """权益 × 风险度上限."""
    margin_used: Decimal
    headroom: Decimal
    """margin_allowed − margin_used (negative: already over the cap)."""
    lots_more: Decimal | None
    """⌊headroom / margin per lot⌋ (0 when over the cap), when the margin per lot is known."""


def compute_margin_budget(req: MarginBudgetRequest) -> MarginBudgetResult:
    """Margin the cap allows (权益 × 风险度上限), what is left of it, and in lots."""
    allowed = req.equity * req.max_risk_ratio
    headroom = allowed - req.margin_used
    cap = show_pct(req.max_risk_ratio)
    steps = [f"保证金上限 = {show(req.equity)} × {cap} = {show(allowed)}"]
    if req.margin_used:
        steps.append(f"剩余 = {show(allowed)} − {show(req.margin_used)} = {show(headroom)}")
    lots = None
    if req.margin_per_lot is not None:
        lots = floor_lots(max(headroom, Decimal(0)) / req.margin_per_lot)
        steps.append(
            f"还能开 = ⌊{show(max(headroom, Decimal(0)))} / {show(req.margin_per_lot)}⌋"
            f" = {show(lots)} 手"
        )
    return MarginBudgetResult(
        equity=req.equity,
        max_risk_ratio=req.max_risk_ratio,
        margin_allowed=allowed,
        margin_used=req.margin_used,
        headroom=headroom,
        lots_more=lots,
        formula=("保证金上限 = 权益 × 风险度上限", "剩余 = 保证金上限 − 保证金占用"),
        steps=tuple(steps),
        assumptions=(
            f"风险度上限 {cap}（002 文档的经验法则：总风险度不超过 80%）",
            "权益按当前值；价格变动会同时改变权益和保证金",
        ),
    )
