"""Exit scenarios and the leverage of a margin rate, shown under a trade's figures."""

from __future__ import annotations

from bot.core.numbers import num
from bot.core.scenarios import ExitScenarioResult
from bot.format.numbers import CURRENCY, fmt_signed_money


def format_exit_scenarios(result: ExitScenarioResult) -> tuple[str, ...]:
    """``若在止损 3450 平仓：-1,000.00 元`` per exit, then ``盈亏比 2.95:1``."""
    if result.outcome == "all_closed":
        return ("已全部平仓：止损/止盈价没有用到",)
    if result.outcome == "both_sides":
        return ("止损/止盈价只在只有一边持仓时计算",)
    with_fees = "（含开平手续费）" if result.with_fees else ""
    money = CURRENCY[result.counted_in]
    lines = [
        f"若在{exit_.label} {num(exit_.price)} 平仓：{fmt_signed_money(exit_.net_pnl)}{money}"
        + with_fees
        for exit_ in result.exits
    ]
    if result.ratio is not None:
        lines.append(f"盈亏比 {num(result.ratio)}:1")
    return tuple(lines)


def scenario_headline(result: ExitScenarioResult) -> str | None:
    """``止损 -1,012.00 元 / 止盈 +1,988.00 元，盈亏比 1.96:1``: the asked figures in one line."""
    if result.outcome != "computed" or not result.exits:
        return None
    money = CURRENCY[result.counted_in]
    parts = " / ".join(
        f"{exit_.label} {fmt_signed_money(exit_.net_pnl)}{money}" for exit_ in result.exits
    )
    ratio = f"，盈亏比 {num(result.ratio)}:1" if result.ratio is not None else ""
    return parts + ratio
