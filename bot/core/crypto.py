"""USDT-margined perpetuals: liquidation price, P&L, ROE, fees and funding.

Liquidation formulas (see /work/shared/facts/crypto_liq.md for sources):
- Binance one-way mode (isolated and cross):
  LP = (WB − TMM1 + UPNL1 + cum − side × Q × EP) / (Q × MMR − side × Q)
- Bybit isolated: LP = EP ∓ (WB − MM) / Q with MM = Q × EP × MMR − deduction
  (WB = initial margin + extra margin).
- OKX isolated (derived from the margin-ratio definition, not an OKX-published formula):
  LP(long) = (EP·Q − margin) / (Q·(1 − MMR − fee)),
  LP(short) = (EP·Q + margin) / (Q·(1 + MMR + fee)).
Results are exact Decimals; display rounds them.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from bot.core.numbers import ONE, ZERO
from bot.core.results import CalcResult, CoreModel, Side, side_sign
from bot.core.risk import (
    require_non_negative,
    require_positive,
    require_rate,
    show,
    show_pct,
)
from bot.errors import DomainError

MarginMode = Literal["isolated", "cross"]
Exchange = Literal["binance", "bybit", "okx"]

_EXAMPLE = "BTC 开多1个 60000 20倍 逐仓 维持0.5% 强平价"
_CROSS_EXAMPLE = "BTC 开多1个 60000 全仓 余额10000 维持0.5% 强平价"

FORMULA_NAMES: dict[Exchange, str] = {
    "binance": "Binance 单向持仓公式",
    "bybit": "Bybit 逐仓公式",
    "okx": "OKX 逐仓（按保证金率定义推导，非官方公式）",
}


class PerpRequest(CoreModel):
    side: Side
    quantity: Decimal
    """Position size in coins (e.g. 1 BTC)."""
    entry_price: Decimal
    leverage: Decimal | None = None
    wallet_balance: Decimal | None = None
    """Isolated: the position's margin (default quantity × entry / leverage).
    Cross: the cross wallet balance (required)."""
    mode: MarginMode = "isolated"
    mmr: Decimal = Decimal("0.005")
    """Maintenance margin rate of the notional's bracket."""
    maint_amount: Decimal = ZERO
    """Maintenance amount (Binance cum / Bybit deduction) of the bracket."""
    other_maint: Decimal = ZERO
    """Cross only: maintenance margin of all other positions (TMM1)."""
    other_upnl: Decimal = ZERO
    """Cross only: unrealised P&L of all other positions (UPNL1)."""
    exit_price: Decimal | None = None
    mark_price: Decimal | None = None
    funding_rate: Decimal | None = None
    funding_periods: int | None = None
    fee_rate: Decimal | None = None
    """Taker fee as a fraction of notional, per side."""
    exchange: Exchange = "binance"


class PerpResult(CalcResult):
    exchange: Exchange
    formula_name: str
    mode: MarginMode
    side: Side
    quantity: Decimal
    entry_price: Decimal
    leverage: Decimal | None
    notional: Decimal
    """quantity × entry price."""
    initial_margin: Decimal
    """quantity × entry / leverage, or the wallet balance when no leverage was given."""
    wallet_balance: Decimal
    maintenance_margin: Decimal
    """At the entry price: notional × MMR − maintenance amount."""
    liquidation_price: Decimal | None
    """Exact; None when the formula gives a price ≤ 0 (see liquidation_note)."""
    liquidation_note: str | None = None
    already_liquidated: bool = False
    """The reference price (mark, else entry) is already beyond the liquidation price."""
    pnl_price: Decimal | None = None
    """exit price if given, else mark price."""
    pnl: Decimal | None = None
    roe: Decimal | None = None
    """pnl / initial margin."""
    open_fee: Decimal | None = None
    close_fee: Decimal | None = None
    funding_fee: Decimal | None = None
    """Funding paid over the periods (negative: received). Long pays when the rate > 0."""
    net_pnl: Decimal | None = None
    """pnl − fees − funding paid."""


def require_leverage(leverage: Decimal, mmr: Decimal, example: str) -> None:
    """A positive leverage whose initial margin rate (1/leverage) is above the maintenance rate:
    otherwise the position is liquidated the moment it opens."""
    require_positive(leverage, "杠杆倍数", example)
    if mmr >= ONE / leverage:
        raise DomainError(
            f"维持保证金率 {show_pct(mmr)} 不低于初始保证金率 1/{show(leverage)}"
            f" = {show_pct(ONE / leverage)}，开仓即被强平",
            example=example,
        )


def _check(req: PerpRequest) -> None:
    require_positive(req.quantity, "数量", _EXAMPLE)
    require_positive(req.entry_price, "开仓价", _EXAMPLE)
    require_rate(req.mmr, "维持保证金率", _EXAMPLE)
    require_non_negative(req.maint_amount, "维持保证金速算额", _EXAMPLE)
    if req.leverage is not None:
        require_leverage(req.leverage, req.mmr, _EXAMPLE)
    if req.wallet_balance is not None:
        require_positive(req.wallet_balance, "保证金/钱包余额", _CROSS_EXAMPLE)
    elif req.mode == "cross":
        raise DomainError("全仓模式需要给出钱包余额（全仓保证金）", example=_CROSS_EXAMPLE)
    elif req.leverage is None:
        raise DomainError("逐仓需要杠杆倍数或保证金金额", example=_EXAMPLE)
    if req.mode == "cross" and req.exchange != "binance":
        raise DomainError(
            f"{FORMULA_NAMES[req.exchange]}只支持逐仓；全仓请用 Binance 公式",
            example=_CROSS_EXAMPLE,
        )
    if req.mode == "isolated" and (req.other_maint != ZERO or req.other_upnl != ZERO):
        raise DomainError(
            "逐仓不计其他仓位的维持保证金和未实现盈亏；需要时请用全仓", example=_CROSS_EXAMPLE
        )
    require_non_negative(req.other_maint, "其他仓位维持保证金", _CROSS_EXAMPLE)
    for price, what in ((req.exit_price, "平仓价"), (req.mark_price, "标记价格")):
        if price is not None:
            require_positive(price, what, _EXAMPLE + " 平仓62000")
    if req.fee_rate is not None:
        require_rate(req.fee_rate, "手续费率", _EXAMPLE + " 费率0.05%", allow_zero=True)
    if req.funding_rate is not None and abs(req.funding_rate) >= ONE:
        raise DomainError("资金费率应小于100%", example=_EXAMPLE + " 资金费率0.01% 3次")
    if req.funding_periods is not None and req.funding_periods < 0:
        raise DomainError("资金费结算次数不能为负数", example=_EXAMPLE + " 资金费率0.01% 3次")


def _liquidation(req: PerpRequest, wallet: Decimal) -> tuple[Decimal, str, str]:
    """(raw liquidation price, symbolic formula, substituted step) for the chosen exchange."""
    q, ep, mmr, cum = req.quantity, req.entry_price, req.mmr, req.maint_amount
    sign = side_sign(req.side)
    op = "−" if sign > 0 else "+"
    qty = show(q, 8)
    if req.exchange == "binance":
        numerator = wallet - req.other_maint + req.other_upnl + cum - sign * q * ep
        denominator = q * mmr - sign * q
        step = (
            f"强平价 = ({show(wallet)} − {show(req.other_maint)} + ({show(req.other_upnl)})"
            f" + {show(cum)} {op} {qty} × {show(ep)}) / ({qty} × {show(mmr, 8)} {op} {qty})"
            f" = {show(numerator)} / {show(denominator, 8)}"
        )
        return (
            numerator / denominator,
            "强平价 = (钱包余额 − 其他仓位维持保证金 + 其他仓位未实现盈亏 + 速算额"
            " − 方向×数量×开仓价) / (数量×维持保证金率 − 方向×数量)",
            step,
        )
    if req.exchange == "bybit":
        mm = q * ep * mmr - cum
        price = ep - sign * (wallet - mm) / q
        step = (
            f"维持保证金 = {qty} × {show(ep)} × {show(mmr, 8)} − {show(cum)} = {show(mm)}；"
            f"强平价 = {show(ep)} {op} ({show(wallet)} − {show(mm)}) / {qty}"
        )
        return price, "强平价 = 开仓价 ∓ (保证金 − 维持保证金) / 数量（多减空加）", step
    fee = req.fee_rate or ZERO
    if sign > 0:
        price = (ep * q - wallet) / (q * (ONE - mmr - fee))
        step = (
            f"强平价 = ({show(ep)} × {qty} − {show(wallet)})"
            f" / ({qty} × (1 − {show(mmr, 8)} − {show(fee, 8)}))"
        )
        formula = "强平价(多) = (开仓价×数量 − 保证金) / (数量×(1 − 维持保证金率 − 手续费率))"
    else:
        price = (ep * q + wallet) / (q * (ONE + mmr + fee))
        step = (
            f"强平价 = ({show(ep)} × {qty} + {show(wallet)})"
            f" / ({qty} × (1 + {show(mmr, 8)} + {show(fee, 8)}))"
        )
        formula = "强平价(空) = (开仓价×数量 + 保证金) / (数量×(1 + 维持保证金率 + 手续费率))"
    return price, formula, step


class _Money(CalcResult):
    """P&L, ROE, fees and funding of a perpetual position (the non-liquidation half)."""

    pnl_price: Decimal | None = None
    pnl: Decimal | None = None
    roe: Decimal | None = None
    open_fee: Decimal | None = None
    close_fee: Decimal | None = None
    funding_fee: Decimal | None = None
    net_pnl: Decimal | None = None


def _pnl_fees_funding(req: PerpRequest, initial: Decimal, reference: Decimal) -> _Money:
    sign = side_sign(req.side)
    formula: list[str] = []
    steps: list[str] = []
    assumptions: list[str] = []
    pnl_price = req.exit_price if req.exit_price is not None else req.mark_price
    pnl: Decimal | None = None
    roe: Decimal | None = None
    open_fee: Decimal | None = None
    close_fee: Decimal | None = None
    funding: Decimal | None = None
    if pnl_price is not None:
        pnl = sign * (pnl_price - req.entry_price) * req.quantity
        roe = pnl / initial
        formula.append("盈亏 = 方向 × (平仓价 − 开仓价) × 数量；收益率(ROE) = 盈亏 / 初始保证金")
        steps.append(
            f"盈亏 = {'' if sign > 0 else '−'}({show(pnl_price)} − {show(req.entry_price)}) × "
            f"{show(req.quantity, 8)} = {show(pnl)}；"
            f"ROE = {show(pnl)} / {show(initial)} = {show_pct(roe, 2)}"
        )
    if req.fee_rate is not None:
        notional = req.quantity * req.entry_price
        open_fee = notional * req.fee_rate
        close_fee = req.quantity * pnl_price * req.fee_rate if pnl_price is not None else None
        formula.append("手续费 = 成交额 × 费率（开平各收一次）")
        steps.append(
            f"开仓手续费 = {show(notional)} × {show_pct(req.fee_rate)} = {show(open_fee, 4)}"
        )
    if req.funding_rate is not None:
        periods = req.funding_periods if req.funding_periods is not None else 1
        funding_base = req.quantity * reference
        funding = sign * funding_base * req.funding_rate * periods
        formula.append("资金费 = 持仓价值 × 资金费率 × 次数（费率为正时多头付、空头收）")
        steps.append(
            f"资金费 = {'' if sign > 0 else '−'}{show(funding_base)}"
            f" × {show_pct(req.funding_rate)} × {periods}"
            f" = {show(funding, 4)}（{'支付' if funding >= ZERO else '收取'}）"
        )
        if req.funding_periods is None:
            assumptions.append("资金费次数未给出，按 1 次计（通常每 8 小时一次）")
        assumptions.append("持仓价值按标记价格（未给出时按开仓价）计算资金费")
    net = None
    if pnl is not None:
        net = pnl - (open_fee or ZERO) - (close_fee or ZERO) - (funding or ZERO)
    return _Money(
        pnl_price=pnl_price,
        pnl=pnl,
        roe=roe,
        open_fee=open_fee,
        close_fee=close_fee,
        funding_fee=funding,
        net_pnl=net,
        formula=tuple(formula),
        steps=tuple(steps),
        assumptions=tuple(assumptions),
    )


def compute_perp(req: PerpRequest) -> PerpResult:
    """Liquidation price (Binance / Bybit / OKX-derived), P&L, ROE, fees and funding."""
    _check(req)
    sign = side_sign(req.side)
    notional = req.quantity * req.entry_price
    if req.wallet_balance is not None:
        wallet = req.wallet_balance
    else:
        assert req.leverage is not None  # guaranteed by _check
        wallet = notional / req.leverage
    initial = notional / req.leverage if req.leverage is not None else wallet
    maintenance = notional * req.mmr - req.maint_amount
    if maintenance < 0:  # 维持保证金率1% 速算额1300 at 60,000: a higher tier's pair
        pair = f"维持保证金率 {show_pct(req.mmr)} 和速算额 {show(req.maint_amount)}"
        raise DomainError(
            f"{pair} 不是这个仓位的档位：名义价值 {show(notional, 8)} 时维持保证金为负"
            f"（{show(maintenance, 8)}）。请按名义价值所在档位填写，或只写维持保证金率",
            example=_EXAMPLE,
        )

    raw_price, liq_formula, liq_step = _liquidation(req, wallet)
    formula = [
        "名义价值 = 数量 × 开仓价；初始保证金 = 名义价值 / 杠杆",
        "维持保证金 = 名义价值 × 维持保证金率 − 速算额",
        liq_formula,
    ]
    steps = [
        f"名义价值 = {show(req.quantity, 8)} × {show(req.entry_price)} = {show(notional)}",
        f"初始保证金 = {show(initial)}；维持保证金 = {show(maintenance)}",
        f"{liq_step} = {show(raw_price)}",
    ]
    mode_cn = "逐仓" if req.mode == "isolated" else "全仓"
    assumptions = [
        f"公式：{FORMULA_NAMES[req.exchange]}，{mode_cn}",
        f"维持保证金率 {show_pct(req.mmr)}、速算额 {show(req.maint_amount)}"
        "（按名义价值所在档位；强平价处若换档需用新档位重算）",
        "强平价未计强平清算费和手续费；交易所会调整档位和公式，以官网为准",
    ]
    if req.mode == "isolated" and req.wallet_balance is None:
        assumptions.append(f"逐仓保证金 = 名义价值 / 杠杆 = {show(wallet)}")
    if req.exchange == "okx" and req.fee_rate is None:
        assumptions.append("OKX 公式中的手续费率未给出，按 0 计")
    if req.mode == "cross" and req.leverage is not None and wallet + req.other_upnl < initial:
        assumptions.insert(
            0,
            f"注意：钱包余额 {show(wallet)} 少于开仓所需初始保证金 {show(initial)}，"
            "交易所会拒绝这笔开仓（可降低数量或提高杠杆）",
        )

    liquidation: Decimal | None = raw_price
    note: str | None = None
    if raw_price <= ZERO:
        liquidation = None
        note = (
            "保证金足以覆盖价格跌到0的亏损，不会被强平"
            if sign > 0
            else "账户余额不足以维持该仓位，已达强平条件"
        )
    reference = req.mark_price if req.mark_price is not None else req.entry_price
    already = False
    if liquidation is not None:
        already = reference <= liquidation if sign > 0 else reference >= liquidation
    elif sign < 0:
        already = True

    flows = _pnl_fees_funding(req, initial, reference)
    formula.extend(flows.formula)
    steps.extend(flows.steps)
    assumptions.extend(flows.assumptions)

    return PerpResult(
        exchange=req.exchange,
        formula_name=FORMULA_NAMES[req.exchange],
        mode=req.mode,
        side=req.side,
        quantity=req.quantity,
        entry_price=req.entry_price,
        leverage=req.leverage,
        notional=notional,
        initial_margin=initial,
        wallet_balance=wallet,
        maintenance_margin=maintenance,
        liquidation_price=liquidation,
        liquidation_note=note,
        already_liquidated=already,
        pnl_price=flows.pnl_price,
        pnl=flows.pnl,
        roe=flows.roe,
        open_fee=flows.open_fee,
        close_fee=flows.close_fee,
        funding_fee=flows.funding_fee,
        net_pnl=flows.net_pnl,
        formula=tuple(formula),
        steps=tuple(steps),
        assumptions=tuple(assumptions),
    )
