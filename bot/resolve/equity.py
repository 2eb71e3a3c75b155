"""The day's account statement (002 document): 客户权益 = 上日结存 + 入金 − 出金 + 当日盈亏 −
手续费, and with 保证金占用 the risk degree. Asked when 上日结存 (or 入金 / 出金) is typed."""

from __future__ import annotations

from bot.core.numbers import amount
from bot.parse.spec import MessageSpec
from bot.resolve.context import Context, Plan, ask

EX_EQUITY = "上日结存10万 入金2万 当日盈亏-5000 手续费200 权益多少"


def equity_plan(ctx: Context) -> Plan:
    from bot.core.equity import EquityRequest

    spec = _with_day_result(_with_balance(ctx), ctx.notes)
    if spec.prev_balance is None:
        raise ask("算客户权益要写上日结存（昨天结算后的权益）", EX_EQUITY)
    fees = None
    if spec.fee is not None:
        if spec.fee.bare is None:  # 3元/手 or 万分之1: not the day's amount
            raise ask("这里的手续费请写当天合计金额，如“手续费200”", EX_EQUITY)
        fees = spec.fee.bare
    fields: dict[str, object] = {"prev_balance": spec.prev_balance}
    for key, value in (
        ("cash_in", spec.cash_in),
        ("cash_out", spec.cash_out),
        ("daily_pnl", spec.daily_pnl),
        ("close_pnl", spec.close_pnl),
        ("hold_pnl", spec.hold_pnl),
        ("fees", fees),
        ("margin_used", spec.margin_used),
    ):
        if value is not None:
            fields[key] = value
    request = EquityRequest.model_validate(fields)
    understood = [
        f"上日结存 {amount(spec.prev_balance)}",
        f"入金 {amount(spec.cash_in)}" if spec.cash_in is not None else "",
        f"出金 {amount(spec.cash_out)}" if spec.cash_out is not None else "",
        f"当日盈亏 {amount(spec.daily_pnl)}" if spec.daily_pnl is not None else "",
        f"平仓盈亏 {amount(spec.close_pnl)}" if spec.close_pnl is not None else "",
        f"持仓盈亏 {amount(spec.hold_pnl)}" if spec.hold_pnl is not None else "",
        f"手续费 {amount(fees)}" if fees is not None else "",
        f"保证金占用 {amount(spec.margin_used)}" if spec.margin_used is not None else "",
    ]
    if spec.loose_prices:  # a number with no name: never dropped silently
        loose = "、".join(amount(value) for value in spec.loose_prices)
        ctx.notes.append(
            f"没有用到：{loose}（没写是什么数；当日盈亏请写“亏了3000”或“当日盈亏-3000”）"
        )
    if spec.legs or spec.contracts:  # the statement's figures only: say the rest was not used
        ctx.notes.append("没有用到：持仓和合约（算客户权益用不上；风险度请写保证金占用）")
    if spec.daily_pnl is None and spec.close_pnl is None and spec.hold_pnl is None:
        ctx.notes.append("没写当日盈亏，按 0 计算")
    return Plan("equity", request, tuple(filter(None, understood)), tuple(ctx.notes))


def asks_day_result(spec: MessageSpec) -> bool:
    """权益8万 亏了1万2 权益多少: the equity after the day's result, no position typed."""
    moved = spec.loss is not None or spec.profit is not None
    return moved and spec.equity is not None and "equity" in spec.questions and not spec.legs


def _with_balance(ctx: Context) -> MessageSpec:
    """权益1万 出金2000: with no 上日结存, the equity typed is the balance the cash moves from."""
    spec = ctx.spec
    if spec.prev_balance is not None or spec.equity is None:
        return spec
    if spec.cash_in is None and spec.cash_out is None and not asks_day_result(spec):
        return spec
    ctx.notes.append(f"权益 {amount(spec.equity)} 按今天出入金和盈亏之前的余额（上日结存）计算")
    return spec.updated(prev_balance=spec.equity, equity=None)


def _with_day_result(spec: MessageSpec, notes: list[str]) -> MessageSpec:
    """亏了1万2 / 赚了5000 beside the statement's figures: the day's P&L (当日盈亏)."""
    pnl_typed = [v for v in (spec.daily_pnl, spec.close_pnl, spec.hold_pnl) if v is not None]
    if spec.daily_pnl is not None and len(pnl_typed) > 1:
        raise ask("当日盈亏和平仓盈亏、持仓盈亏写一种就够了", EX_EQUITY)
    moves = [v for v in (spec.loss, spec.profit) if v is not None]
    if not moves:
        return spec
    if pnl_typed or len(moves) > 1:
        raise ask(
            "盈亏写了不止一个（亏了/赚了/当日盈亏）：请只写当天合计的一个，例如“亏了1万2”",
            EX_EQUITY,
        )
    daily = -abs(spec.loss) if spec.loss is not None else abs(moves[0])
    word = "亏了" if spec.loss is not None else "赚了"
    notes.append(f"“{word}{amount(abs(daily))}”按当日盈亏 {amount(daily)} 计算")
    return spec.updated(daily_pnl=daily, loss=None, profit=None)
