"""Format maintenance-margin results (bot.core.maintenance) as compact Chinese blocks."""

from __future__ import annotations

from decimal import Decimal

from bot.core.maintenance import MaintenanceResult
from bot.format.numbers import fmt_money, fmt_pct, fmt_price, note_block, table_block
from bot.reply import Block


def _price(value: Decimal | None) -> str:
    return fmt_price(value, 2) if value is not None else "无（价格到0也不触及）"


def _state_lines(result: MaintenanceResult) -> tuple[str, ...]:
    lines: list[str] = []
    if result.already_below:
        lines.append("权益已低于维持保证金：一开仓就要追加保证金")
    if result.chuancang and result.chuancang_amount is not None:
        lines.append(f"已穿仓：亏损超出权益 {fmt_money(result.chuancang_amount)} 元，欠款需补足")
    elif result.below_maintenance and result.margin_call is not None:
        lines.append(f"净值低于维持保证金：需追加 {fmt_money(result.margin_call)} 元，否则会被强平")
    elif result.below_maintenance is False:
        lines.append("净值不低于维持保证金，暂不追保")
    return tuple(lines)


def format_maintenance_result(result: MaintenanceResult) -> tuple[Block, ...]:
    """Contract value, both margins, the forced-close price, the state at the current price."""
    rows = [("合约价值", f"{fmt_money(result.contract_value)} 元")]
    if result.initial_rate is not None and result.initial_margin is not None:
        rows.append(
            (f"初始保证金 {fmt_pct(result.initial_rate)}", f"{fmt_money(result.initial_margin)} 元")
        )
    rows += [
        (
            f"维持保证金 {fmt_pct(result.maintenance_rate)}",
            f"{fmt_money(result.maintenance_margin)} 元",
        ),
        (
            "账户权益(默认)" if result.equity_is_default else "账户权益",
            f"{fmt_money(result.equity)} 元",
        ),
        ("可亏空间", f"{fmt_money(result.cushion)} 元"),
        ("强平价", _price(result.forced_price)),
        ("穿仓价", _price(result.wipeout_price)),
    ]
    if result.current_price is not None and result.equity_now is not None:
        rows.append(("现价", fmt_price(result.current_price, 2)))
        rows.append(("当前净值", f"{fmt_money(result.equity_now)} 元"))
    blocks = [table_block(rows)]
    state = _state_lines(result)
    if state:
        blocks.append(Block(lines=state))
    variant = ""
    if result.forced_price_moving is not None:
        variant = f"若维持保证金随价格重算，强平价为 {fmt_price(result.forced_price_moving, 2)}"
    blocks.append(note_block((result.formula[2], *result.assumptions[:2], variant)))
    return tuple(blocks)
