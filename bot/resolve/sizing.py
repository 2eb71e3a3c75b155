"""Sizing: lots for a risk budget and a stop, lots the margin allows, and win-rate questions."""

from __future__ import annotations

from decimal import Decimal

from bot.core.numbers import amount, num, pct
from bot.defaults import ChatDefaults
from bot.parse.spec import MessageSpec
from bot.resolve.context import (
    EX_SIZE,
    EX_WIN_RATE,
    ONE,
    SIDE_OF_OPEN,
    Context,
    Plan,
    Side,
    ask,
    contract_info,
    contract_part,
    fee_parts,
    margin_amount,
    margin_rate_of,
    parse_rate,
    resolve_multiplier,
)
from bot.resolve.crypto import CRYPTO_STEP, is_crypto
from bot.resolve.understood import SIDE_WORD


def margin_cap_plan(ctx: Context, entry: Decimal) -> Plan:
    """权益10万 rb 3500 保证金10% 最多开几手: no stop, so the lots the margin allows."""
    from bot.core.margin_cap import MarginCapRequest

    spec = ctx.spec
    assert spec.equity is not None
    multiplier = resolve_multiplier(ctx, EX_SIZE)
    margin_rate = margin_rate_of(ctx, required=True, example=EX_SIZE)
    assert margin_rate is not None
    cap = risk_cap_of(ctx)
    request = MarginCapRequest(
        equity=spec.equity,
        entry_price=entry,
        multiplier=multiplier,
        margin_rate=margin_rate,
        **({"max_risk_ratio": cap} if cap is not None else {}),
    )
    understood = (
        f"权益 {amount(spec.equity)}",
        contract_part(ctx, multiplier),
        f"价格 {num(entry)}",
        f"保证金 {pct(margin_rate)}",
        f"风险度不超过 {pct(cap)}" if cap is not None else "",
        "满仓能开几手" if "all_in" in spec.questions else "保证金最多够开几手（没写止损）",
    )
    return Plan("margin_cap", request, tuple(filter(None, understood)), tuple(ctx.notes))


def per_lot_cap_plan(spec: MessageSpec, defaults: ChatDefaults, notes: list[str]) -> Plan | None:
    """``螺纹 每手保证金3500 权益5万 开几手``: no trade and no stop, the lots a typed margin per
    lot allows (no price needed). None for anything else."""
    from bot.core.margin_cap import MarginCapRequest

    asked = {"size", "all_in"}
    per_lot = spec.margin_per_lot
    if per_lot is None or spec.equity is None or spec.legs or asked.isdisjoint(spec.questions):
        return None
    if spec.stop_price is not None or spec.stop_distance is not None:
        return None  # sizing by risk
    ctx = Context(spec, defaults, contract_info(spec), notes)
    cap = risk_cap_of(ctx)
    request = MarginCapRequest(
        equity=spec.equity,
        margin_per_lot=per_lot,
        **({"max_risk_ratio": cap} if cap is not None else {}),
    )
    understood = (
        f"权益 {amount(spec.equity)}",
        _product(ctx),
        f"每手保证金 {amount(per_lot)}",
        f"风险度不超过 {pct(cap)}" if cap is not None else "",
        "满仓能开几手" if "all_in" in spec.questions else "保证金最多够开几手（没写止损）",
    )
    return Plan("margin_cap", request, tuple(filter(None, understood)), tuple(notes))


def _product(ctx: Context) -> str:
    contract = ctx.info.contract if ctx.info is not None else None
    return f"{contract.symbol} {contract.name_cn}" if contract is not None else ""


def risk_cap_of(ctx: Context) -> Decimal | None:
    """风险度控制在80%以内: the cap as a fraction (None when not typed)."""
    cap = ctx.spec.risk_cap
    return None if cap is None else parse_rate(cap, "风险度上限", EX_BUDGET)


EX_BUDGET = "权益10万 风险度不超过80% 保证金最多多少"


def margin_budget_plan(ctx: Context) -> Plan:
    """权益10万 风险度不超过80% 保证金最多多少: the margin a risk-degree cap allows (and what is
    left of it beside the margin in use)."""
    from bot.core.margin_cap import MarginBudgetRequest

    spec = ctx.spec
    if spec.equity is None:
        raise ask("按风险度算保证金上限需要账户权益，请加上“权益10万”", EX_BUDGET)
    cap = risk_cap_of(ctx)
    assert cap is not None
    used = spec.margin_used if spec.margin_used is not None else margin_amount(spec)
    request = MarginBudgetRequest(
        equity=spec.equity, max_risk_ratio=cap, margin_used=used or Decimal(0)
    )
    understood = (
        f"权益 {amount(spec.equity)}",
        f"保证金占用 {amount(used)}" if used is not None else "",
        f"风险度不超过 {pct(cap)}",
        "求保证金上限",
    )
    return Plan("margin_budget", request, tuple(filter(None, understood)), tuple(ctx.notes))


EX_EXPECTANCY = "胜率40% 平均赚3000 平均亏1500 期望值"


def expectancy_plan(ctx: Context) -> Plan:
    """胜率40% 平均赚3000 平均亏1500 期望值: per-trade expectancy and the break-even win rate."""
    from bot.core.expectancy import ExpectancyRequest

    spec = ctx.spec
    avg_win, avg_loss = _averages(ctx)
    if avg_win is None or avg_loss is None:
        raise ask("期望值要知道平均盈利和平均亏损，例如“平均赚3000 平均亏1500”", EX_EXPECTANCY)
    if spec.win_rate is None:
        raise ask("期望值还要知道胜率，例如“胜率40%”", EX_EXPECTANCY)
    win_rate = parse_rate(spec.win_rate, "胜率", EX_EXPECTANCY)
    request = ExpectancyRequest(win_rate=win_rate, avg_win=avg_win, avg_loss=avg_loss)
    understood = (
        f"胜率 {pct(win_rate)}",
        f"平均盈利 {amount(avg_win)}",
        f"平均亏损 {amount(avg_loss)}",
        "求每笔期望值",
    )
    return Plan("expectancy", request, understood, tuple(ctx.notes))


def _averages(ctx: Context) -> tuple[Decimal | None, Decimal | None]:
    """The average win and loss: typed as such (平均赚3000), or one of them typed so and the
    other as a plain 赚2000 / 亏1000 beside it (每次亏1000 赚2000), said in a note."""
    spec = ctx.spec
    avg_win, avg_loss = spec.avg_win, spec.avg_loss
    if avg_win is None and avg_loss is not None and spec.profit is not None:
        avg_win = spec.profit
        ctx.notes.append(f"“赚{num(spec.profit)}”按平均盈利计算")
    if avg_loss is None and avg_win is not None and spec.loss is not None:
        avg_loss = abs(spec.loss)
        ctx.notes.append(f"“亏{num(abs(spec.loss))}”按平均亏损计算")
    return avg_win, avg_loss


def _risk_budget(ctx: Context, equity: Decimal) -> Decimal:
    """The share of equity one trade may lose: typed (风险2%), from 最多亏3000, or the default."""
    from bot.core.sizing import DEFAULT_RISK_FRACTION

    spec = ctx.spec
    if spec.risk_fraction is not None:
        return parse_rate(spec.risk_fraction, "风险", EX_SIZE)
    if spec.max_loss is not None:  # 10万本金 … 最多亏3000 开几手: the budget as a share
        risk = _loss_share(spec.max_loss, equity)
        ctx.notes.append(
            f"单笔风险 = 最多亏损 {amount(spec.max_loss)} ÷ 权益 {amount(equity)} = {pct(risk)}"
        )
        return risk
    ctx.notes.append(f"单笔风险按权益的 {pct(DEFAULT_RISK_FRACTION)} 计算（可写“风险1%”）")
    return DEFAULT_RISK_FRACTION


def size_plan(ctx: Context) -> Plan:
    from bot.core.sizing import PositionSizeRequest

    spec = ctx.spec
    coins = is_crypto(ctx)  # BTC 60000 止损57000: 0.666 BTC, not 0 lots
    if spec.equity is None:
        raise ask("算能开几手需要账户权益，请加上“权益10万”", EX_SIZE)
    if spec.max_loss is not None and spec.risk_fraction is not None:
        raise ask("单笔风险比例和最多亏损写一个就够了", EX_SIZE)
    side: Side | None = None
    entry = spec.entry_price
    if spec.legs:
        leg = spec.legs[0]
        side = SIDE_OF_OPEN.get(leg.word)
        if leg.price is not None:
            entry = leg.price
    stop = spec.stop_price
    distance = spec.stop_distance if stop is None else None
    if distance is not None and distance <= 0:
        raise ask(f"止损点数必须大于0（收到 {num(distance)}）", EX_SIZE)
    if entry is None and distance is None:
        raise ask("请写开仓价（入场价）", EX_SIZE)
    if stop is None and distance is None:
        assert entry is not None
        if spec.margin is None and ctx.defaults.margin_rate is None:
            raise ask(
                "请写止损价（如“止损3450”）或止损点数（如“止损50点”）；"
                "只看保证金能开几手，请写保证金率（如“保证金10%”）",
                EX_SIZE,
            )
        return margin_cap_plan(ctx, entry)
    risk = _risk_budget(ctx, spec.equity)
    multiplier = resolve_multiplier(ctx, EX_SIZE)
    if entry is None:
        # 止损50点 and no entry: the lots by risk depend on the distance only, so any entry
        # above the distance gives the same answer (nothing shown depends on it).
        assert distance is not None
        entry = distance * 2
        margin_rate = None
        if spec.margin is not None or ctx.defaults.margin_rate is not None:
            ctx.notes.append("没写开仓价，未按保证金上限核对手数")
        if spec.fee is not None and fee_parts(spec.fee, "手续费")[1] is not None:
            raise ask(
                "手续费按比例时要知道开仓价，请加上开仓价", "权益10万 rb 3500 止损50点 开几手"
            )
    else:
        margin_rate = margin_rate_of(ctx, required=False, example=EX_SIZE)
    if stop is None:
        assert distance is not None
        stop = entry + distance if side == "short" else entry - distance
    fee_per_lot = _sizing_fee(ctx, entry * multiplier, coins)
    request = PositionSizeRequest(
        equity=spec.equity,
        risk_fraction=risk,
        entry_price=entry,
        stop_price=stop,
        multiplier=multiplier,
        fee_per_lot=fee_per_lot,
        side=side,
        margin_rate=margin_rate,
        counted_in="coins" if coins else "lots",
        lot_step=CRYPTO_STEP if coins else ONE,
    )
    understood = [
        f"权益 {amount(spec.equity)}",
        f"单笔风险 {pct(risk)}",
        f"{SIDE_WORD[side]}" if side else "",
        f"入场 {num(entry)}" if distance is None or spec.entry_price or spec.legs else "",
        f"止损 {num(stop)}" if distance is None else f"止损 {num(distance)} 点",
        contract_part(ctx, multiplier),
        (f"手续费 {num(fee_per_lot)} USDT/个" if coins else f"手续费 {num(fee_per_lot)}元/手")
        if fee_per_lot is not None
        else "",
        f"保证金 {pct(margin_rate)}" if margin_rate is not None else "",
    ]
    return Plan("size", request, tuple(understood), tuple(ctx.notes))


def _sizing_fee(ctx: Context, lot_value: Decimal, coins: bool) -> Decimal | None:
    """The fee of one lot (one coin): typed per lot, a rate of ``lot_value``, or the chat's."""
    if ctx.spec.fee is not None:
        fee_per_lot, rate = fee_parts(ctx.spec.fee, "手续费")
        if rate is None:
            return fee_per_lot
        fee_per_lot = rate * lot_value
        per, money = ("每个 ", " USDT") if coins else ("每手 ", " 元")
        ctx.notes.append(f"手续费按开仓价折算为{per}{num(fee_per_lot)}{money}")
        return fee_per_lot
    if ctx.defaults.fee_per_lot is not None:
        ctx.notes.append("手续费按本群默认设置")
        return ctx.defaults.fee_per_lot
    return None


def _loss_share(max_loss: Decimal, equity: Decimal) -> Decimal:
    if max_loss <= 0 or equity <= 0:
        raise ask("最多亏损和权益都要大于0", "权益10万 最多亏3000 开多 rb 3500 止损3450 开几手")
    if max_loss >= equity:
        raise ask(
            f"最多亏损 {num(max_loss)} 不小于权益 {num(equity)}：请检查",
            "权益10万 最多亏3000 开多 rb 3500 止损3450 开几手",
        )
    return max_loss / equity


def win_rate_plan(ctx: Context) -> Plan:
    spec = ctx.spec
    if spec.reward is None or spec.risk is None:
        raise ask("保本胜率要知道盈亏比，例如“盈亏比3:1”", EX_WIN_RATE)
    ratio = f"盈亏比 {num(spec.reward)}:{num(spec.risk)}"
    if spec.win_rate is not None:
        win_rate = parse_rate(spec.win_rate, "胜率", "胜率70% 盈亏比3:1")
        request = {"win_rate": win_rate, "reward": spec.reward, "risk": spec.risk}
        return Plan("system", request, (f"胜率 {pct(win_rate)}", ratio), tuple(ctx.notes))
    request = {"reward": spec.reward, "risk": spec.risk}
    return Plan("win_rate", request, (ratio, "求保本胜率"), tuple(ctx.notes))
