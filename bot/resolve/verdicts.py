"""Yes/no questions on an account or a position: 跌到3400会不会爆仓 (at a price), 还要追保吗
(now). The account is read as for 风险度 (or the maintenance model when 维持保证金 is typed);
the core answers 会/不会, 要/不用 with the figure that decides it."""

from __future__ import annotations

from bot.core.numbers import num
from bot.resolve.context import Context, Plan, ask
from bot.resolve.crypto import perp_plan
from bot.resolve.futures import maintenance_plan, risk_plan

EX_VERDICT = "权益10万 开多10手 rb 3500 保证金10% 跌到3400会不会爆仓"


def verdict_plan(ctx: Context) -> Plan | None:
    """会不会爆仓 at a price, 要不要追保 now; None when the question has no yes/no form here
    (会不会爆仓 with no price: the liquidation prices answer it)."""
    from bot.core.verdicts import VerdictRequest

    spec = ctx.spec
    asks_call = "call_yn" in spec.questions
    price = spec.mark_price
    if not asks_call and price is None:
        return None
    maintenance = spec.maintenance is not None
    if asks_call:
        plan = maintenance_plan(ctx) if maintenance else risk_plan(ctx)
        request = (
            VerdictRequest(question="margin_call", maintenance=plan.request)
            if maintenance
            else VerdictRequest(question="margin_call", account=plan.request)
        )
        return Plan("verdict", request, (*plan.understood, "问：要不要追保"), plan.notes)
    assert price is not None
    held = ctx.spec.updated(mark_price=None)
    ctx.spec = held
    plan = maintenance_plan(ctx) if maintenance else risk_plan(ctx)
    from bot.core.risk import AccountRiskRequest

    account = plan.request if isinstance(plan.request, AccountRiskRequest) else None
    if not maintenance and (account is None or len(account.positions) != 1):
        raise ask("会不会爆仓要知道一个持仓（方向、手数、价格）；多个持仓请分开问", EX_VERDICT)
    notes = tuple(n for n in plan.notes if not n.startswith("未给现价"))
    if not maintenance:
        notes += ("权益按开仓价时计；到该价格时权益 = 权益 + 浮动盈亏，保证金按该价格重算",)
    request = (
        VerdictRequest(question="forced", maintenance=plan.request, price=price)
        if maintenance
        else VerdictRequest(question="forced", account=plan.request, price=price)
    )
    understood = (*plan.understood, f"问：到 {num(price)} 会不会爆仓")
    return Plan("verdict", request, understood, notes)


def perp_verdict_plan(ctx: Context) -> Plan | None:
    """BTC 20倍 开多1个 60000 跌到57000会不会爆仓: the mark price against the liquidation price.
    None without a price or a position (the liquidation answer then)."""
    from bot.core.verdicts import VerdictRequest

    spec = ctx.spec
    price = spec.mark_price
    if "forced_yn" not in spec.questions or price is None or not spec.legs:
        return None
    ctx.spec = spec.updated(mark_price=None)
    plan = perp_plan(ctx)
    if plan.kind != "perp":
        return None
    request = VerdictRequest(question="forced", perp=plan.request, price=price)
    understood = (*plan.understood, f"问：标记价格到 {num(price)} 会不会爆仓")
    return Plan("verdict", request, understood, plan.notes)
