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

EXAMPLE = "权益10万 rb 3500 保证金10% 最多开几手"


class MarginCapRequest(CoreModel):
    equity: Decimal
    entry_price: Decimal
    multiplier: Decimal
    margin_rate: Decimal
    max_risk_ratio: Decimal = DEFAULT_MAX_RISK_RATIO

    @model_validator(mode="after")
    def _check(self) -> MarginCapRequest:
        require_positive(self.equity, "权益", EXAMPLE)
        require_positive(self.entry_price, "开仓价", EXAMPLE)
        require_positive(self.multiplier, "合约乘数", EXAMPLE)
        require_rate(self.margin_rate, "保证金率", EXAMPLE)
        require_rate(self.max_risk_ratio, "风险度上限", EXAMPLE)
        return self


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
    per_lot = req.entry_price * req.multiplier * req.margin_rate
    all_in = floor_lots(req.equity / per_lot)
    within = floor_lots(req.max_risk_ratio * req.equity / per_lot)
    margin = within * per_lot
    equity, cap = show(req.equity), show_pct(req.max_risk_ratio)
    steps = (
        f"每手保证金 = {show(req.entry_price)} × {show(req.multiplier)} × "
        f"{show_pct(req.margin_rate)} = {show(per_lot)}",
        f"满仓 = ⌊{equity} / {show(per_lot)}⌋ = {show(all_in)} 手（风险度约 100%）",
        f"风险度 {cap} 以内 = ⌊{cap} × {equity} / {show(per_lot)}⌋ = {show(within)} 手",
    )
    assumptions = [
        f"风险度上限 {cap}（002 文档的经验法则）；满仓时稍有不利波动就要追加保证金",
        "这是保证金允许的上限，不是该开的手数：按风险开仓请加止损（如“止损3450”）",
        "保证金按开仓价计算，未计手续费",
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
