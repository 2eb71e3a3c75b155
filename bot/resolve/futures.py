"""Plans for futures questions: trades (P&L, floating, margin, return), 逐日盯市 settlement,
break-even / target / stop prices, account risk (风险度, line prices) and the maintenance-margin
model. Core modules are imported inside each plan, so a question loads only what it uses.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from bot.core.numbers import amount, num, pct
from bot.parse.spec import LegSpec
from bot.resolve.context import (
    EX_BREAKEVEN,
    EX_LIQ,
    EX_MAINT,
    EX_RISK,
    EX_SETTLE,
    EX_TRADE,
    QUESTION_WORDS,
    ZERO,
    Context,
    Followups,
    Plan,
    Side,
    ask,
    contract_part,
    fee_command,
    fee_schedule,
    fee_text,
    margin_amount,
    margin_rate_of,
    parse_rate,
    rate_text,
    resolve_multiplier,
    symbol_prefix,
    trade_request_model,
)
from bot.resolve.legs import (
    core_legs,
    leg_command,
    net_positions,
    require_prices,
    resolve_legs,
    single_position,
)
from bot.resolve.understood import describe_legs, position

if TYPE_CHECKING:
    from bot.core.scenarios import ExitScenarioRequest
    from bot.core.trades import CloseRule, TradeRequest


EX_TRADE_MARGIN = EX_TRADE + " 保证金10%"


def trades_plan(ctx: Context, *, coins: bool = False) -> Plan:
    """Realized / floating P&L, fees, margin and return of a sequence of legs (also a crypto
    trade without leverage: ``coins`` counts in coins, 1 coin per contract by default)."""
    spec = ctx.spec
    unit = ("张" if spec.in_zhang else "个") if coins else "手"
    legs = resolve_legs(spec.legs, ctx.notes, unit_word=unit)
    if coins and spec.multiplier is None and (ctx.info is None or ctx.info.contract is None):
        multiplier = Decimal(1)
        ctx.notes.append("数字货币按 1 张 = 1 个币计算（可写“乘数”改）")
    elif spec.stop_price and spec.target_price and spec.multiplier is None and ctx.info is None:
        # 开多 3500 止损3450 止盈3650 盈亏比: the ratio needs no contract size
        multiplier = Decimal(1)
        ctx.notes.append(
            "没写合约和乘数：金额按每点 1 元计算，盈亏比与乘数无关（写上合约可得实际金额）"
        )
    else:
        multiplier = resolve_multiplier(ctx)
    fees = fee_schedule(ctx)
    wants_margin = "margin" in spec.questions or "return" in spec.questions
    margin_rate = margin_rate_of(ctx, required=wants_margin, example=EX_TRADE_MARGIN)
    request = trade_request_model()(
        legs=core_legs(legs),
        multiplier=multiplier,
        fees=fees,
        mark_price=spec.mark_price,
        margin_rate=margin_rate,
        counted_in="coins" if coins else "lots",
        close_rule=close_rule_of(ctx),
    )
    understood = [
        describe_legs(request.legs, unit),
        contract_part(ctx, multiplier),
        fee_text(fees),
        f"现价 {num(spec.mark_price)}" if spec.mark_price is not None else "",
        f"保证金 {rate_text(margin_rate)}" if margin_rate is not None else "",
        f"止损 {num(spec.stop_price)}" if spec.stop_price is not None else "",
        f"止盈 {num(spec.target_price)}" if spec.target_price is not None else "",
    ]
    mirror_parts = [
        symbol_prefix(ctx) + " ".join([leg_command(leg, True, unit) for leg in legs]),
        f"乘数{num(multiplier)}",
        fee_command(fees),
        f"现价{num(spec.mark_price)}" if spec.mark_price is not None else "",
        f"保证金{pct(margin_rate)}" if margin_rate is not None else "",
    ]
    # mirrored around the entry, so a short's stop sits as far above it as the long's below
    positions = net_positions(legs) if spec.stop_price or spec.target_price else []
    if spec.target_price is not None and len(positions) == 1:
        check_target_side(positions[0], spec.target_price)
        check_stop_below_target(positions[0][0], spec.stop_price, spec.target_price)
    for word, price in (("止损", spec.stop_price), ("止盈", spec.target_price)):
        if price is not None and len(positions) == 1:
            mirror_parts.append(f"{word}{num(2 * positions[0][2] - price)}")
    return Plan(
        "trades",
        request,
        tuple(understood),
        tuple(ctx.notes),
        " ".join(filter(None, mirror_parts)),
        ctx.info.month if ctx.info else None,
        Followups(
            exit_scenarios(request, spec.stop_price, spec.target_price),
            leverage_asked(margin_rate, "leverage" in spec.questions),
        ),
    )


YESTERDAY_FIRST_EXCHANGES = frozenset({"SHFE", "INE"})
"""Where a plain 平仓 order closes yesterday's lots (平今 must be said): see cn_rules.md."""


def close_rule_of(ctx: Context) -> CloseRule:
    """Which lots a close that names neither 平今 nor 平昨 takes, by the contract's exchange."""
    info = ctx.info
    contract = info.contract if info is not None else None
    if contract is not None and contract.exchange in YESTERDAY_FIRST_EXCHANGES:
        return "yesterday_first"
    return "earliest_first"


def check_target_side(position: tuple[Side, Decimal, Decimal], target: Decimal) -> None:
    """A take-profit (止盈) on the losing side of the entry cannot make a profit: refused."""
    side, _, entry = position
    wrong = target <= entry if side == "long" else target >= entry
    if not wrong:
        return
    where, should = ("低于", "高于") if side == "long" else ("高于", "低于")
    if target == entry:
        where = "等于"
    side_word = "多单" if side == "long" else "空单"
    raise ask(
        f"{side_word}的止盈价 {num(target)} {where}开仓价 {num(entry)}，在那里平仓不会盈利："
        f"止盈价应{should}开仓价；如果是止损，请写“止损{num(target)}”",
        f"{'开多' if side == 'long' else '开空'}2手 rb {num(entry)} 止盈{num(entry * 2 - target)}",
    )


def check_stop_below_target(side: Side, stop: Decimal | None, target: Decimal) -> None:
    """A long's stop must sit below its take-profit (a short's above): else refused."""
    if stop is None:
        return
    wrong = stop >= target if side == "long" else stop <= target
    if wrong:
        where = "不低于" if side == "long" else "不高于"
        raise ask(
            f"{'多单' if side == 'long' else '空单'}的止损 {num(stop)} {where}止盈 {num(target)}："
            "请检查是不是把止损和止盈写反了",
            "开多2手 rb 3500 止损3450 止盈3600",
        )


def leverage_asked(margin_rate: Decimal | None, asked: bool) -> Decimal | None:
    """开多2手 rb 3500 保证金10% 杠杆多少: the margin rate whose leverage is shown."""
    if not asked:
        return None
    if margin_rate is None:
        raise ask("算杠杆要知道保证金率：请加上“保证金10%”", EX_TRADE_MARGIN + " 杠杆多少")
    return margin_rate


def exit_scenarios(
    request: TradeRequest, stop: Decimal | None, target: Decimal | None
) -> ExitScenarioRequest | None:
    """止损/止盈 typed beside an open position: closing it there is computed by the pipeline."""
    if stop is None and target is None:
        return None
    from bot.core.scenarios import ExitScenarioRequest

    return ExitScenarioRequest(trade=request, stop=stop, target=target)


def settlement_plan(ctx: Context) -> Plan:
    from bot.core.settlement import SettlementRequest

    spec = ctx.spec
    if spec.prev_settle is None:
        raise ask("逐日盯市需要昨结算价，请加上“昨结1500”", EX_SETTLE)
    carried: list[LegSpec] = []
    today_legs: list[LegSpec] = []
    for leg in spec.legs:
        opening = leg.word in ("open_long", "open_short")
        if opening and not today_legs and (leg.carried or leg.price is None) and not leg.today_open:
            carried.append(leg)
        else:
            today_legs.append(leg)
    held: dict[Side, Decimal] = {"long": ZERO, "short": ZERO}
    open_cost: dict[Side, Decimal] = {"long": ZERO, "short": ZERO}
    priced: dict[Side, bool] = {"long": True, "short": True}
    for leg in carried:
        side: Side = "long" if leg.word == "open_long" else "short"
        if leg.lots is None:
            raise ask(f"昨仓“{leg.text}”没写手数", EX_SETTLE)
        held[side] += leg.lots
        if leg.price is None:
            priced[side] = False
        else:
            open_cost[side] += leg.price * leg.lots
    legs = resolve_legs(today_legs, ctx.notes, start=held)
    multiplier = resolve_multiplier(ctx, EX_SETTLE)
    fees = fee_schedule(ctx)
    trades = core_legs(legs)

    def carried_open(side: Side) -> Decimal | None:
        if held[side] <= 0 or not priced[side]:
            return None
        return open_cost[side] / held[side]

    request = SettlementRequest(
        multiplier=multiplier,
        prev_settle=spec.prev_settle,
        settle=spec.settle,
        carried_long=held["long"],
        carried_short=held["short"],
        carried_long_open=carried_open("long"),
        carried_short_open=carried_open("short"),
        trades=trades,
        fees=fees,
    )
    carried_text = "，".join(
        f"昨持{'多' if side == 'long' else '空'} {num(held[side])} 手"
        + (f" 成本 {num(cost)}" if (cost := carried_open(side)) is not None else "")
        for side in ("long", "short")
        if held[side] > 0
    )
    understood = [
        carried_text,
        f"昨结 {num(spec.prev_settle)}",
        describe_legs(request.trades) if request.trades else "",
        f"今结 {num(spec.settle)}" if spec.settle is not None else "",
        contract_part(ctx, multiplier),
        fee_text(fees),
    ]
    return Plan("settlement", request, tuple(understood), tuple(ctx.notes))


def breakeven_plan(ctx: Context, *, coins: bool = False) -> Plan:
    """保本价 / 目标价 / 止损价 of one position (``coins``: a crypto position without leverage,
    counted in coins and settled in USDT)."""
    from bot.core.breakeven import BreakevenRequest

    spec = ctx.spec
    questions = set(spec.questions)
    if not spec.legs:
        raise ask("保本价/目标价/止损价需要开仓方向、手数和开仓价", EX_BREAKEVEN)
    unit = "个" if coins else "手"
    legs = resolve_legs(spec.legs, ctx.notes, unit_word=unit)
    side, lots, entry = single_position(legs, EX_BREAKEVEN)
    if "target" in questions and spec.target_profit is None:
        raise ask(
            "目标价要知道想赚多少，请加上“目标盈利2000”", "开多2手 rb 3500 目标盈利2000 目标价"
        )
    if "stop" in questions and spec.max_loss is None:
        raise ask(
            "止损价要知道最多亏多少，请加上“最大亏损1000”", "开多2手 rb 3500 最大亏损1000 止损价"
        )
    multiplier = resolve_multiplier(ctx, EX_BREAKEVEN)
    fees = fee_schedule(ctx)
    tick = spec.tick
    if tick is None and ctx.info is not None and ctx.info.contract is not None:
        tick = ctx.info.contract.tick
    request = BreakevenRequest(
        side=side,
        lots=lots,
        entry_price=entry,
        multiplier=multiplier,
        fees=fees,
        tick=tick,
        target_profit=spec.target_profit,
        max_loss=spec.max_loss,
        # a 平今 fee typed with the question: the trader means to close today (日内)
        close_today=spec.fee_today is not None,
        counted_in="coins" if coins else "lots",
    )
    understood = [
        position(side, lots, entry, unit),
        contract_part(ctx, multiplier),
        fee_text(fees) or "未计手续费",
        f"目标盈利 {num(spec.target_profit)} 元" if spec.target_profit is not None else "",
        f"最大亏损 {num(spec.max_loss)} 元" if spec.max_loss is not None else "",
    ]
    swapped: Side = "short" if side == "long" else "long"
    mirror_parts = [
        symbol_prefix(ctx)
        + f"{'开多' if swapped == 'long' else '开空'}{num(lots)}{unit} {num(entry)}",
        f"乘数{num(multiplier)}",
        fee_command(fees),
        f"目标盈利{num(spec.target_profit)}" if spec.target_profit is not None else "",
        f"最大亏损{num(spec.max_loss)}" if spec.max_loss is not None else "",
        " ".join(QUESTION_WORDS[q] for q in spec.questions if q in QUESTION_WORDS) or "保本价",
    ]
    scenarios = None
    if spec.stop_price is not None or spec.target_price is not None:
        # … 止损3850 止盈3700 保本价: the stop and target typed beside it are answered too
        trade = trade_request_model()(legs=core_legs(legs), multiplier=multiplier, fees=fees)
        scenarios = exit_scenarios(trade, spec.stop_price, spec.target_price)
    return Plan(
        "breakeven",
        request,
        tuple(understood),
        tuple(ctx.notes),
        " ".join(filter(None, mirror_parts)),
        None,
        Followups(scenarios) if scenarios is not None else None,
    )


def risk_lines(ctx: Context) -> tuple[tuple[Decimal, ...] | None, Decimal]:
    from bot.core.risk import DEFAULT_WARNING_LINES

    spec, defaults = ctx.spec, ctx.defaults
    forced = (
        parse_rate(spec.forced_line, "强平线", "强平线100%")
        if spec.forced_line is not None
        else defaults.forced_line
    )
    if spec.warning_line is not None:
        warning: tuple[Decimal, ...] | None = (
            parse_rate(spec.warning_line, "预警线", "预警线80%"),
        )
    elif defaults.warning_line != DEFAULT_WARNING_LINES[0]:
        warning = (defaults.warning_line,)
    else:
        warning = None
    if spec.risk_at is not None:  # 跌到多少风险度到80%: that level's price, as a line
        warning = _asked_level(ctx, forced, warning)
    return warning, forced


EX_RISK_AT = "权益10万 开多10手 rb 3500 保证金10% 跌到多少风险度到80%"


def _asked_level(
    ctx: Context, forced: Decimal, warning: tuple[Decimal, ...] | None
) -> tuple[Decimal, ...] | None:
    """The warning lines with the asked level (the forced line itself needs no extra line)."""
    assert ctx.spec.risk_at is not None
    level = parse_rate(ctx.spec.risk_at, "风险度", EX_RISK_AT)
    if level > forced:
        raise ask(
            f"风险度 {pct(level)} 高于强平线 {pct(forced)}：到强平线就可能被强平了"
            "（强平线不同请写“强平线120%”）",
            EX_RISK_AT,
        )
    if level == forced:
        return warning
    if ctx.spec.warning_line is not None:
        raise ask("预警线和“风险度到多少”写一个就够了", EX_RISK_AT)
    return (level,)


def risk_plan(ctx: Context) -> Plan:
    from bot.core.risk import AccountRiskRequest, RiskPosition

    spec = ctx.spec
    if spec.equity is None:
        raise ask("算风险度需要账户权益，请加上“权益10万”", EX_RISK)
    margin_used = spec.margin_used if spec.margin_used is not None else margin_amount(spec)
    positions: list[RiskPosition] = []
    position_parts: list[str] = []
    mirror_legs: list[str] = []
    multiplier: Decimal | None = None
    margin_rate: Decimal | None = None
    rate_shown = ""
    implied_from: Decimal | None = None
    """The margin in use a margin rate was worked out from (no rate typed)."""
    if spec.legs:
        legs = resolve_legs(spec.legs, ctx.notes)
        require_prices(legs)
        multiplier = resolve_multiplier(ctx, EX_LIQ)
        held = net_positions(legs)
        margin_rate = margin_rate_of(ctx, required=margin_used is None, example=EX_LIQ)
        if margin_rate is None and margin_used is not None:
            margin_rate = _implied_margin_rate(ctx, margin_used, held, multiplier)
            rate_shown = "≈" + pct(margin_rate.quantize(SHOWN_RATE))
            implied_from = margin_used
        assert margin_rate is not None
        rate_shown = rate_shown or pct(margin_rate)
        if spec.mark_price is None:
            ctx.notes.append("未给现价，按开仓价计算保证金占用")
        for side, lots, entry in held:
            price = spec.mark_price if spec.mark_price is not None else entry
            positions.append(
                RiskPosition(
                    side=side,
                    lots=lots,
                    price=price,
                    multiplier=multiplier,
                    margin_rate=margin_rate,
                    entry_price=entry,
                )
            )
            position_parts.append(position(side, lots, entry))
            swapped = "开空" if side == "long" else "开多"
            mirror_legs.append(f"{swapped}{num(lots)}手 {num(entry)}")
    elif margin_used is None:
        raise ask("算风险度需要保证金占用或持仓（方向、手数、价格、保证金率）", EX_RISK)
    warning, forced = risk_lines(ctx)
    target = (
        parse_rate(spec.target_ratio, "目标风险度", "目标风险度80%") if spec.target_ratio else None
    )
    fields: dict[str, object] = {
        "equity": spec.equity,
        "margin_used": margin_used,
        "positions": tuple(positions),
        "forced_line": forced,
        "target_ratio": target,
    }
    if warning is not None:
        fields["warning_lines"] = warning
    request = AccountRiskRequest(**fields)
    understood = [
        f"权益 {amount(spec.equity)}",
        f"保证金占用 {amount(margin_used)}" if margin_used is not None and not positions else "",
        *position_parts,
        contract_part(ctx, multiplier) if multiplier is not None else "",
        f"保证金 {rate_shown}" if rate_shown else "",
        f"现价 {num(spec.mark_price)}" if spec.mark_price is not None and positions else "",
        f"强平线 {pct(forced)}",
    ]
    mirror = None
    if positions and multiplier is not None and margin_rate is not None:
        parts = [
            f"权益{num(spec.equity)}",
            symbol_prefix(ctx) + " ".join(mirror_legs),
            f"乘数{num(multiplier)}",
            f"保证金占用{num(implied_from)}" if implied_from else f"保证金{pct(margin_rate)}",
            f"现价{num(spec.mark_price)}" if spec.mark_price is not None else "",
            f"强平线{pct(forced)}" if spec.forced_line is not None else "",
            " ".join(QUESTION_WORDS[q] for q in spec.questions if q in QUESTION_WORDS) or "风险度",
        ]
        mirror = " ".join(filter(None, parts))
    asked = None
    if spec.risk_at is not None:  # 跌到多少风险度到80%: that line's price is the answer
        level = parse_rate(spec.risk_at, "风险度", EX_RISK_AT)
        asked = "liquidation" if level == forced else "risk_at"
    return Plan("risk", request, tuple(understood), tuple(ctx.notes), mirror, asked=asked)


SHOWN_RATE = Decimal("0.000001")
"""An implied margin rate is shown to 4 decimals of a percent (computed with all of them)."""


def _implied_margin_rate(
    ctx: Context,
    margin_used: Decimal,
    held: list[tuple[Side, Decimal, Decimal]],
    multiplier: Decimal,
) -> Decimal:
    """权益10万 保证金占用9万 开多10手 rb 3500 要平几手: no rate typed, but the margin in use
    and the positions give it (保证金占用 ÷ 持仓价值)."""
    mark = ctx.spec.mark_price
    value = sum(
        ((mark if mark is not None else entry) * multiplier * lots for _, lots, entry in held),
        ZERO,
    )
    if value <= 0 or margin_used <= 0 or margin_used >= value:
        raise ask(
            f"保证金占用 {amount(margin_used)} 和持仓价值 {amount(value)} 对不上："
            "请直接写保证金率（如“保证金10%”）",
            EX_LIQ,
        )
    rate = margin_used / value
    ctx.notes.append(
        f"没写保证金率：按 保证金占用 {amount(margin_used)} ÷ 持仓价值 {amount(value)}"
        f" ≈ {pct(rate.quantize(SHOWN_RATE))} 推算"
    )
    return rate


def maintenance_plan(ctx: Context) -> Plan:
    from bot.core.maintenance import MaintenanceRequest

    spec = ctx.spec
    if not spec.legs:
        raise ask("维持保证金的强平价需要持仓：方向、手数、开仓价", EX_MAINT)
    legs = resolve_legs(spec.legs, ctx.notes)
    side, lots, entry = single_position(legs, EX_MAINT)
    multiplier = resolve_multiplier(ctx, EX_MAINT)
    # with the equity given, the forced price needs no initial rate (equity − maintenance)
    initial = margin_rate_of(ctx, required=spec.equity is None, example=EX_MAINT)
    assert spec.maintenance is not None
    maintenance = parse_rate(spec.maintenance, "维持保证金", EX_MAINT)
    request = MaintenanceRequest(
        side=side,
        lots=lots,
        entry_price=entry,
        multiplier=multiplier,
        initial_rate=initial,
        maintenance_rate=maintenance,
        equity=spec.equity,
        current_price=spec.mark_price,
    )
    understood = [
        position(side, lots, entry),
        contract_part(ctx, multiplier),
        f"保证金 {pct(initial)}" if initial is not None else "",
        f"维持保证金 {pct(maintenance)}",
        f"权益 {amount(spec.equity)}" if spec.equity is not None else "",
        f"现价 {num(spec.mark_price)}" if spec.mark_price is not None else "",
    ]
    swapped = "开空" if side == "long" else "开多"
    parts = [
        symbol_prefix(ctx) + f"{swapped}{num(lots)}手 {num(entry)}",
        f"乘数{num(multiplier)}",
        f"保证金{pct(initial)}" if initial is not None else "",
        f"维持保证金{pct(maintenance)}",
        f"权益{num(spec.equity)}" if spec.equity is not None else "",
        f"现价{num(spec.mark_price)}" if spec.mark_price is not None else "",
        "强平价",
    ]
    return Plan(
        "maintenance", request, tuple(understood), tuple(ctx.notes), " ".join(filter(None, parts))
    )
