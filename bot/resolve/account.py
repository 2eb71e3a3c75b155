"""An account with positions in several products (rb 多2手 3500 i 空1手 800 权益10万): margin per
leg and in total, 风险度, and the price of each leg that reaches each line (others held)."""

from __future__ import annotations

from bot.core.numbers import amount, num, pct
from bot.defaults import ChatDefaults
from bot.parse.spec import MessageSpec
from bot.resolve.context import (
    Context,
    ContractInfo,
    Plan,
    ask,
    lookup_contract,
    margin_rate_of,
)
from bot.resolve.futures import risk_lines
from bot.resolve.legs import require_prices, resolve_legs
from bot.resolve.understood import position

EX_ACCOUNT = "rb 多2手 3500 i 空1手 800 权益10万 保证金10%"


def _products(spec: MessageSpec) -> list[ContractInfo] | None:
    """Each leg's product; None when the legs are all in one product (螺纹 rb: one symbol)."""
    named = [lookup_contract(text) for text in spec.contracts]
    if len({info.contract.symbol if info.contract else info.text.lower() for info in named}) < 2:
        return None
    if any(text is None for text in spec.leg_contracts):
        raise ask(
            "一条消息里有多个合约：请在每个持仓前写上它的品种（如“rb 多2手 3500 i 空1手 800”）",
            EX_ACCOUNT,
        )
    infos = [lookup_contract(text or "") for text in spec.leg_contracts]
    for info in infos:
        if info.contract is None:
            raise ask(f"合约表里没有“{info.text}”，多个品种一起算时请写合约代码", EX_ACCOUNT)
    symbols = {info.contract.symbol for info in infos if info.contract is not None}
    return infos if len(symbols) > 1 else None


def account_lines_plan(spec: MessageSpec, defaults: ChatDefaults, notes: list[str]) -> Plan | None:
    """Positions in several products with the account's equity: 风险度 and each leg's lines.
    None when the products named are one (the single-product plans answer it) or there is no
    equity (then it is not an account question: asked to split, one product at a time)."""
    from bot.core.risk import AccountRiskRequest, RiskPosition

    if spec.equity is None:  # P&L of several products: asked to split (contract_info)
        return None
    infos = _products(spec)
    if infos is None:
        return None
    if spec.multiplier is not None or spec.mark_price is not None:
        raise ask("多个品种时乘数、现价各不相同：请只写各品种的方向、手数和价格", EX_ACCOUNT)
    ctx = Context(spec, defaults, None, notes)
    legs = resolve_legs(spec.legs, ctx.notes)
    if any(leg.action != "open" for leg in legs):
        raise ask("多个品种时只算持仓（开多/开空）；平仓盈亏请一次算一个品种", EX_ACCOUNT)
    require_prices(legs)
    rate = margin_rate_of(ctx, required=True, example=EX_ACCOUNT)
    assert rate is not None
    if spec.margin is not None:
        ctx.notes.append(f"各品种保证金率都按 {pct(rate)} 计算（不同请分开问）")
    warning, forced = risk_lines(ctx)
    positions = []
    parts = []
    for leg, info in zip(legs, infos, strict=True):
        assert info.contract is not None and leg.price is not None
        positions.append(
            RiskPosition(
                side=leg.side,
                lots=leg.lots,
                price=leg.price,
                multiplier=info.contract.multiplier,
                margin_rate=rate,
                name=info.contract.symbol,
            )
        )
        held = position(leg.side, leg.lots, leg.price)
        parts.append(f"{info.label} {held}，乘数 {num(info.contract.multiplier)}")
    fields: dict[str, object] = {"equity": spec.equity, "positions": tuple(positions)}
    fields["forced_line"] = forced
    if warning is not None:
        fields["warning_lines"] = warning
    request = AccountRiskRequest.model_validate(fields)
    understood = (
        f"权益 {amount(spec.equity)}",
        *parts,
        f"保证金 {pct(rate)}",
        f"强平线 {pct(forced)}",
    )
    return Plan("account_lines", request, understood, tuple(ctx.notes))
