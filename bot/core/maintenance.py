"""Initial vs maintenance margin, margin call, forced-close price and 穿仓 (003 document).

Seed model (the 003 document's worked example): the maintenance margin is fixed at its value at
the entry price; the account is called (追加保证金) once equity falls below it, and forced
closing follows if it is not topped up. Example: 5000 元/吨 × 10 吨 = 50,000; initial 12 % =
6,000; maintenance 8 % = 4,000; with equity 6,000 a long is forced out at 4,800.
A variant with the maintenance margin recomputed at the moving price is reported beside it.
"""

from __future__ import annotations

from decimal import Decimal

from bot.core.numbers import ONE, ZERO
from bot.core.results import CalcResult, CoreModel, Side, side_sign
from bot.core.risk import (
    require_positive,
    require_rate,
    require_whole,
    show,
    show_pct,
)
from bot.errors import DomainError

_EXAMPLE = "开多1手 5000 乘数10 保证金12% 维持8% 强平价"


class MaintenanceRequest(CoreModel):
    side: Side
    lots: Decimal
    entry_price: Decimal
    multiplier: Decimal
    initial_rate: Decimal | None
    """None: not typed — with the equity given, the forced price does not depend on it."""
    maintenance_rate: Decimal
    equity: Decimal | None = None
    """Account equity behind the position; default = the initial margin."""
    current_price: Decimal | None = None


class MaintenanceResult(CalcResult):
    side: Side
    lots: Decimal
    entry_price: Decimal
    multiplier: Decimal
    initial_rate: Decimal | None
    maintenance_rate: Decimal
    contract_value: Decimal
    """entry × multiplier × lots."""
    initial_margin: Decimal | None
    """None without an initial rate (the equity was given)."""
    maintenance_margin: Decimal
    equity: Decimal
    equity_is_default: bool
    """True when the equity was not given and the initial margin was used."""
    cushion: Decimal
    """Loss the account can take before equity falls to the maintenance margin."""
    move_to_forced: Decimal
    """Adverse price move per unit that uses up the cushion."""
    forced_price: Decimal | None
    """Seed model: equity = maintenance margin (fixed at entry value); None if not positive."""
    forced_price_moving: Decimal | None
    """Variant: equity = maintenance rate × value at that price; None if no positive price."""
    wipeout_price: Decimal | None
    """Price at which equity reaches 0 (beyond it: 穿仓); None if not positive."""
    already_below: bool
    """Equity is already below the maintenance margin at the entry price."""
    current_price: Decimal | None = None
    floating_pnl: Decimal | None = None
    equity_now: Decimal | None = None
    below_maintenance: bool | None = None
    """At current price: equity < maintenance margin → 追加保证金 (then 强平 if not met)."""
    shortfall_to_maintenance: Decimal | None = None
    margin_call: Decimal | None = None
    """Deposit to bring equity back to the initial margin when called; 0 when not called."""
    chuancang: bool | None = None
    """At current price: loss beyond the equity (穿仓)."""
    chuancang_amount: Decimal | None = None
    """Loss beyond the equity (what the client still owes); 0 when not 穿仓."""


def _check(req: MaintenanceRequest) -> None:
    require_whole(req.lots, "手数", _EXAMPLE)
    require_positive(req.entry_price, "开仓价", _EXAMPLE)
    require_positive(req.multiplier, "合约乘数", _EXAMPLE)
    require_rate(req.maintenance_rate, "维持保证金率", _EXAMPLE)
    if req.initial_rate is None:
        if req.equity is None:
            raise DomainError("没有初始保证金率时需要账户权益", example=_EXAMPLE + " 权益6000")
    elif require_rate(req.initial_rate, "初始保证金率", _EXAMPLE) <= req.maintenance_rate:
        raise DomainError(
            f"维持保证金率 {show_pct(req.maintenance_rate)} 应低于初始保证金率 "
            f"{show_pct(req.initial_rate)}",
            example=_EXAMPLE,
        )
    if req.equity is not None:
        require_positive(req.equity, "账户权益", _EXAMPLE + " 权益6000")
    if req.current_price is not None:
        require_positive(req.current_price, "现价", _EXAMPLE + " 现价4700")


def _positive_or_none(value: Decimal) -> Decimal | None:
    return value if value > ZERO else None


class _Now(CoreModel):
    """The position marked at the current price (seed model)."""

    pnl: Decimal
    equity_now: Decimal
    below: bool
    shortfall: Decimal
    call: Decimal
    beyond: Decimal
    steps: tuple[str, ...]


def _at_current_price(
    req: MaintenanceRequest, equity: Decimal, initial: Decimal | None, maintenance: Decimal
) -> _Now | None:
    if req.current_price is None:
        return None
    pnl = side_sign(req.side) * (req.current_price - req.entry_price) * req.lots * req.multiplier
    equity_now = equity + pnl
    below = equity_now < maintenance
    back_to = initial if initial is not None else maintenance
    call = max(back_to - equity_now, ZERO) if below else ZERO
    beyond = max(-equity_now, ZERO)
    steps = [
        f"现价 {show(req.current_price)}：浮动盈亏 {show(pnl)}，净值 {show(equity)} + "
        f"({show(pnl)}) = {show(equity_now)}"
    ]
    if beyond > ZERO:
        steps.append(f"净值为负：穿仓 {show(beyond)}，超出本金的亏损仍需客户补足")
    elif below:
        what = "补回初始保证金" if initial is not None else "补到维持保证金"
        steps.append(
            f"净值低于维持保证金 {show(maintenance)}：追加保证金 {show(back_to)} − "
            f"{show(equity_now)} = {show(call)}（{what}）"
        )
    else:
        steps.append(f"净值不低于维持保证金 {show(maintenance)}，无需追加")
    return _Now(
        pnl=pnl,
        equity_now=equity_now,
        below=below,
        shortfall=max(maintenance - equity_now, ZERO),
        call=call,
        beyond=beyond,
        steps=tuple(steps),
    )


def compute_maintenance(req: MaintenanceRequest) -> MaintenanceResult:
    """Margins, the forced-close price (seed model and moving-margin variant), call and 穿仓."""
    _check(req)
    sign = side_sign(req.side)
    k = req.lots * req.multiplier
    value = req.entry_price * k
    initial = value * req.initial_rate if req.initial_rate is not None else None
    maintenance = value * req.maintenance_rate
    equity = req.equity if req.equity is not None else initial
    assert equity is not None  # _check: no initial rate means the equity was given
    cushion = equity - maintenance
    move = cushion / k
    forced = _positive_or_none(req.entry_price - sign * move)
    if sign > 0:
        moving = _positive_or_none((value - equity) / (k * (ONE - req.maintenance_rate)))
    else:
        moving = (equity + value) / (k * (ONE + req.maintenance_rate))
    wipeout = _positive_or_none(req.entry_price - sign * equity / k)

    direction = "下跌" if sign > 0 else "上涨"
    formula = (
        "合约价值 = 开仓价 × 乘数 × 手数",
        "初始保证金 = 合约价值 × 初始保证金率；维持保证金 = 合约价值 × 维持保证金率",
        "强平价 = 开仓价 ∓ (权益 − 维持保证金) / (乘数 × 手数)（多头减，空头加）",
        "穿仓价 = 开仓价 ∓ 权益 / (乘数 × 手数)",
    )
    steps = [
        f"合约价值 = {show(req.entry_price)} × {show(req.multiplier)} × {show(req.lots)}"
        f" = {show(value)}",
        *(
            (f"初始保证金 = {show(value)} × {show_pct(req.initial_rate)} = {show(initial)}",)
            if req.initial_rate is not None and initial is not None
            else ()
        ),
        f"维持保证金 = {show(value)} × {show_pct(req.maintenance_rate)} = {show(maintenance)}",
        f"可亏空间 = {show(equity)} − {show(maintenance)} = {show(cushion)}",
        f"每单位价格{direction} {show(cushion)} / {show(k)} = {show(move)} 触发追保/强平",
    ]
    if forced is not None:
        steps.append(
            f"强平价 = {show(req.entry_price)} {'−' if sign > 0 else '+'} {show(move)}"
            f" = {show(forced)}"
        )
    assumptions = [
        "简化模型（003 文档示例）：维持保证金按开仓价的合约价值固定不变",
        "账户净值跌破维持保证金即追加保证金，未及时补足则被强平",
        "权益未给出时按初始保证金计" if req.equity is None else f"账户权益 {show(equity)}",
        "另算：维持保证金随价格变动时，强平价 = 该价格下权益等于维持保证金的价格",
        "强平手续费与主动平仓相同（003 文档），此处未计；跳空时实际成交价可能更差",
    ]

    now = _at_current_price(req, equity, initial, maintenance)
    if now is not None:
        steps.extend(now.steps)
        assumptions.append(
            "追加保证金按补回初始保证金计（也有期货公司只要求补到维持保证金）"
            if initial is not None
            else "没写初始保证金率：追加保证金按补到维持保证金计"
        )

    return MaintenanceResult(
        side=req.side,
        lots=req.lots,
        entry_price=req.entry_price,
        multiplier=req.multiplier,
        initial_rate=req.initial_rate,
        maintenance_rate=req.maintenance_rate,
        contract_value=value,
        initial_margin=initial,
        maintenance_margin=maintenance,
        equity=equity,
        equity_is_default=req.equity is None,
        cushion=cushion,
        move_to_forced=move,
        forced_price=forced,
        forced_price_moving=moving,
        wipeout_price=wipeout,
        already_below=cushion < ZERO,
        formula=formula,
        steps=tuple(steps),
        assumptions=tuple(assumptions),
        current_price=req.current_price,
        floating_pnl=now.pnl if now else None,
        equity_now=now.equity_now if now else None,
        below_maintenance=now.below if now else None,
        shortfall_to_maintenance=now.shortfall if now else None,
        margin_call=now.call if now else None,
        chuancang=now.equity_now < ZERO if now else None,
        chuancang_amount=now.beyond if now else None,
    )
