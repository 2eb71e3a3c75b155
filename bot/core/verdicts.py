"""Yes/no questions answered from a computed result: `跌到3400会不会爆仓`, `还要追保吗`.

The answer comes first (会/不会, 要/不用), then the figure that decides it:
- at a price, from an ``AccountRiskResult`` (风险度 model, one leg moving, the others held):
  风险度(P) = (其他保证金 + k·r·P) / (权益 + s·k·(P − 最新价)); 爆仓 when it reaches the forced
  line (or the equity is gone);
- at a price, from a ``MaintenanceResult`` (003 document model): 权益(P) = 权益 + s·k·(P − 开仓价)
  below the maintenance margin → 追保/强平;
- 追保 now: from an ``AccountRiskResult`` (风险度 at or above the forced line) or a
  ``MaintenanceResult`` with a current price (equity below the maintenance margin).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import model_validator

from bot.core.account_lines import leg_line_price
from bot.core.crypto import PerpRequest, PerpResult, compute_perp
from bot.core.maintenance import MaintenanceRequest, MaintenanceResult, compute_maintenance
from bot.core.numbers import ZERO
from bot.core.results import CalcResult, CoreModel, side_sign
from bot.core.risk import (
    AccountRiskRequest,
    AccountRiskResult,
    compute_account_risk,
    require_positive,
    show,
    show_pct,
)
from bot.errors import DomainError

VerdictQuestion = Literal["forced", "margin_call"]
VERDICT_EXAMPLE = "权益10万 开多10手 rb 3500 保证金10% 跌到3400会不会爆仓"
PERP_VERDICT_EXAMPLE = "BTC 20倍 开多1个 60000 跌到57000会不会爆仓"


class Verdict(CalcResult):
    question: VerdictQuestion
    """``forced``: 会不会爆仓/强平; ``margin_call``: 要不要追保."""
    yes: bool
    answer: str
    """会 / 不会 / 要 / 不用."""
    headline: str
    """The answer with the deciding figure: ``会：跌到 3,400 时风险度 105.26%（强平线 100%）``."""
    price: Decimal | None = None
    """The price asked about (None: now)."""
    line_price: Decimal | None = None
    """The price at which the line is reached (None when it cannot be)."""
    margin: Decimal
    """Distance to the line in money: equity − what the line needs (negative: beyond it)."""
    amount: Decimal | None = None
    """追保: the deposit needed (0 for 不用)."""
    risk_ratio: Decimal | None = None


def _moved(price: Decimal, reference: Decimal) -> str:
    if price < reference:
        return f"跌到 {show(price)}"
    return f"涨到 {show(price)}" if price > reference else f"在 {show(price)}"


def forced_at_price(result: AccountRiskResult, price: Decimal, leg: int = 1) -> Verdict:
    """会不会爆仓 when leg ``leg`` (1-based) moves to ``price``, the other legs held."""
    require_positive(price, "价格", VERDICT_EXAMPLE)
    if not result.positions:
        raise DomainError(
            "要知道持仓（方向、手数、价格）才能判断某个价格会不会爆仓", example=VERDICT_EXAMPLE
        )
    if not 1 <= leg <= len(result.positions):
        raise DomainError(f"没有第{leg}个持仓", example=VERDICT_EXAMPLE)
    pos = result.positions[leg - 1]
    k = pos.lots * pos.multiplier
    others = result.margin_used - pos.margin
    equity = result.equity + side_sign(pos.side) * k * (price - pos.price)
    margin = others + k * pos.margin_rate * price
    line = _forced_line(result)
    line_price = leg_line_price(result.positions, leg - 1, result.equity, line)
    where = _moved(price, pos.price)
    if equity <= ZERO:
        return Verdict(
            question="forced",
            yes=True,
            answer="会",
            headline=f"会：{where} 时权益 {show(equity)}，已穿仓",
            price=price,
            line_price=line_price,
            margin=equity - margin / line,
            formula=("权益(P) = 权益 + 方向 × 手数 × 乘数 × (P − 最新价)",),
            steps=(
                f"权益 = {show(result.equity)} + ({show(equity - result.equity)}) = {show(equity)}",
            ),
            assumptions=(f"强平线 {show_pct(line)}；其他持仓价格不变",),
        )
    ratio = margin / equity
    yes = ratio >= line
    verdict = "会" if yes else "不会"
    at_line = "" if line_price is None else f"，触线价 {show(line_price)}"
    headline = (
        f"{verdict}：{where} 时风险度 {show_pct(ratio, 2)}（强平线 {show_pct(line)}{at_line}）"
    )
    steps = [
        f"权益 = {show(result.equity)} + ({show(equity - result.equity)}) = {show(equity)}",
        f"保证金 = {show(others)} + {show(k)} × {show_pct(pos.margin_rate)} × {show(price)}"
        f" = {show(margin)}",
        f"风险度 = {show(margin)} / {show(equity)} = {show_pct(ratio, 2)}",
    ]
    if line_price is not None:
        steps.append(f"风险度到 {show_pct(line)} 的价格 = {show(line_price)}")
    return Verdict(
        question="forced",
        yes=yes,
        answer=verdict,
        headline=headline,
        price=price,
        line_price=line_price,
        margin=equity - margin / line,
        risk_ratio=ratio,
        formula=(
            "风险度(P) = 新价格下的保证金占用 / (权益 + 方向 × 手数 × 乘数 × (P − 最新价))",
            "风险度达到强平线即可能被强平（爆仓）",
        ),
        steps=tuple(steps),
        assumptions=(f"强平线 {show_pct(line)}（各期货公司不同）；其他持仓价格不变；未计手续费",),
    )


def perp_at_price(result: PerpResult, price: Decimal) -> Verdict:
    """会不会爆仓 when a perpetual's mark price reaches ``price``: beyond the liquidation price
    (a long at or below it, a short at or above it) it is liquidated."""
    require_positive(price, "价格", PERP_VERDICT_EXAMPLE)
    liq = result.liquidation_price
    sign = side_sign(result.side)
    where = _moved(price, result.entry_price)
    if liq is None:
        yes, tail = False, "这个仓位算不出正的强平价（保证金足以覆盖）"
        gap = ZERO
    else:
        yes = (price <= liq) if sign > 0 else (price >= liq)
        gap = sign * (price - liq)
        if yes:
            tail = f"已越过强平价 {show(liq)}"
        else:
            tail = f"离强平价 {show(liq)} 还有 {show(abs(price - liq))}"
    verdict = "会" if yes else "不会"
    return Verdict(
        question="forced",
        yes=yes,
        answer=verdict,
        headline=f"{verdict}：标记价格{where[:2]} {show(price)}，{tail}",
        price=price,
        line_price=liq,
        margin=gap * result.quantity,
        formula=("多单：标记价格 ≤ 强平价即强平；空单：标记价格 ≥ 强平价即强平",),
        steps=(*result.steps,),
        assumptions=(
            "按标记价格触发强平（不是最新成交价）；强平价未计强平清算费和手续费",
            *result.assumptions,
        ),
    )


def _forced_line(result: AccountRiskResult) -> Decimal:
    forced = [level.ratio for level in result.lines if level.kind == "forced"]
    return forced[0] if forced else Decimal(1)


def maintenance_at_price(result: MaintenanceResult, price: Decimal) -> Verdict:
    """会不会被强平 when the price reaches ``price`` (003 document model, margin fixed)."""
    require_positive(price, "价格", VERDICT_EXAMPLE)
    k = result.lots * result.multiplier
    pnl = side_sign(result.side) * (price - result.entry_price) * k
    equity = result.equity + pnl
    # 003: at 4,800 the equity reaches the maintenance margin — the forced price is hit
    yes = equity <= result.maintenance_margin
    where = _moved(price, result.entry_price)
    verdict = "会" if yes else "不会"
    gap = equity - result.maintenance_margin
    if gap == 0:
        tail = "等于维持保证金（到达强平价）"
    else:
        tail = f"低于维持保证金 {show(-gap)}" if yes else f"高于维持保证金 {show(gap)}"
    return Verdict(
        question="forced",
        yes=yes,
        answer=verdict,
        headline=f"{verdict}：{where} 时权益 {show(equity)}，{tail}"
        + (
            ""
            if gap == 0 or result.forced_price is None
            else f"（强平价 {show(result.forced_price)}）"
        ),
        price=price,
        line_price=result.forced_price,
        margin=gap,
        formula=(
            "权益(P) = 权益 + 方向 × 手数 × 乘数 × (P − 开仓价)",
            "权益 < 维持保证金 → 追保，不补则强平",
        ),
        steps=(
            f"权益 = {show(result.equity)} + ({show(pnl)}) = {show(equity)}",
            f"维持保证金 = {show(result.maintenance_margin)}",
            *(
                (f"强平价 = {show(result.forced_price)}",)
                if result.forced_price is not None
                else ()
            ),
        ),
        assumptions=("维持保证金按开仓价的合约价值固定不变（003 文档示例）；未计手续费",),
    )


def margin_call_now(result: AccountRiskResult | MaintenanceResult) -> Verdict:
    """要不要追保 now: 风险度 at/above the forced line, or equity below the maintenance margin."""
    if isinstance(result, AccountRiskResult):
        line = _forced_line(result)
        yes = result.risk_ratio >= line
        amount = result.deposit_needed if yes else ZERO
        headline = (
            f"要：风险度 {show_pct(result.risk_ratio, 2)}，达到强平线 {show_pct(line)}，"
            f"追加 {show(amount)} 元回到 {show_pct(result.target_ratio)}"
            if yes
            else f"不用：风险度 {show_pct(result.risk_ratio, 2)}，低于强平线 {show_pct(line)}"
        )
        return Verdict(
            question="margin_call",
            yes=yes,
            answer="要" if yes else "不用",
            headline=headline,
            margin=line * result.equity - result.margin_used,
            amount=amount,
            risk_ratio=result.risk_ratio,
            formula=result.formula[:2],
            steps=result.steps,
            assumptions=result.assumptions,
        )
    if result.equity_now is None or result.margin_call is None:
        equity, below, call = (
            result.equity,
            result.already_below,
            (
                (result.initial_margin or result.maintenance_margin) - result.equity
                if result.already_below
                else ZERO
            ),
        )
    else:
        equity, below, call = result.equity_now, bool(result.below_maintenance), result.margin_call
    gap = equity - result.maintenance_margin
    headline = (
        f"要：权益 {show(equity)} 低于维持保证金 {show(result.maintenance_margin)}，"
        f"追加 {show(call)} 元"
        if below
        else f"不用：权益 {show(equity)} 高于维持保证金 {show(result.maintenance_margin)}"
        f"（还有 {show(gap)} 的余地）"
    )
    return Verdict(
        question="margin_call",
        yes=below,
        answer="要" if below else "不用",
        headline=headline,
        margin=gap,
        amount=call,
        formula=result.formula,
        steps=result.steps,
        assumptions=result.assumptions,
    )


class VerdictRequest(CoreModel):
    """A yes/no question on an account (风险度 model) or a position (maintenance model)."""

    question: VerdictQuestion
    account: AccountRiskRequest | None = None
    maintenance: MaintenanceRequest | None = None
    perp: PerpRequest | None = None
    """A USDT perpetual: 会不会爆仓 at a price against its liquidation price."""
    price: Decimal | None = None
    """The price asked about (会不会爆仓 at it); None: now (还要追保吗)."""

    @model_validator(mode="after")
    def _check(self) -> VerdictRequest:
        given = [x for x in (self.account, self.maintenance, self.perp) if x is not None]
        if len(given) != 1:
            raise DomainError("需要账户（权益、持仓）或维持保证金的持仓", example=VERDICT_EXAMPLE)
        if self.perp is not None and self.question != "forced":
            raise DomainError("永续合约没有追保，只问会不会爆仓", example=PERP_VERDICT_EXAMPLE)
        if self.question == "forced" and self.price is None:
            raise DomainError("请写要判断的价格（如“跌到3400”）", example=VERDICT_EXAMPLE)
        return self


def compute_verdict(req: VerdictRequest) -> Verdict:
    """会/不会爆仓 at a price, or 要/不用追保 now, from the account or the position."""
    if req.perp is not None and req.price is not None:
        return perp_at_price(compute_perp(req.perp), req.price)
    if req.account is not None:
        account = compute_account_risk(req.account)
        if req.question == "forced" and req.price is not None:
            return forced_at_price(account, req.price)
        return margin_call_now(account)
    assert req.maintenance is not None
    position = compute_maintenance(req.maintenance)
    if req.question == "forced" and req.price is not None:
        return maintenance_at_price(position, req.price)
    return margin_call_now(position)
