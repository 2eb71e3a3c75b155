"""The day's account statement (002 document): 客户权益 = 上日结存 + 入金 − 出金 + 当日盈亏 −
手续费, and with 保证金占用 the risk degree. Asked when 上日结存 (or 入金 / 出金) is typed."""

from __future__ import annotations

from bot.core.numbers import amount
from bot.resolve.context import Context, Plan, ask

EX_EQUITY = "上日结存10万 入金2万 当日盈亏-5000 手续费200 权益多少"


def equity_plan(ctx: Context) -> Plan:
    from bot.core.equity import EquityRequest

    spec = ctx.spec
    if spec.prev_balance is None:
        raise ask("算客户权益要写上日结存（昨天结算后的权益）", EX_EQUITY)
    if spec.daily_pnl is not None and (spec.close_pnl is not None or spec.hold_pnl is not None):
        raise ask("当日盈亏和平仓盈亏、持仓盈亏写一种就够了", EX_EQUITY)
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
    if spec.legs or spec.contracts:  # the statement's figures only: say the rest was not used
        ctx.notes.append("没有用到：持仓和合约（算客户权益用不上；风险度请写保证金占用）")
    if spec.daily_pnl is None and spec.close_pnl is None and spec.hold_pnl is None:
        ctx.notes.append("没写当日盈亏，按 0 计算")
    return Plan("equity", request, tuple(filter(None, understood)), tuple(ctx.notes))
