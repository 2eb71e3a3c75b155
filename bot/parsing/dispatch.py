"""Run a resolved ``Plan`` through the core and the core engineers' formatters → ``Reply``.

Blocks of the reply, in order: the 我理解为 line (``bot.format.understood``), the formatter's
blocks (figures, then formula/assumptions), then the resolver's own notes (defaults used,
contract-table values). ``working`` holds the result's substituted steps (the 显示公式
button), ``mirror_text`` the long↔short question (the 反向 button), ``result`` the result
model as JSON-able data (``pingcang ask --json``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import BaseModel

from bot.format.understood import understood_block
from bot.parsing.context import ContractInfo
from bot.parsing.resolve import Plan
from bot.reply import Block, Reply

Runner = Callable[[Any], tuple[Any, tuple[Block, ...]]]
"""A plan kind's request → (result model, formatted blocks)."""

_RUNNERS: dict[str, Runner] = {}
"""Runners loaded so far: a kind's core and formatter modules are imported the first time it is
asked (a cold start loads only what it uses), and never again looked up per message."""


def _compute(plan: Plan) -> tuple[Any, tuple[Block, ...]]:
    """(result model, formatted blocks) for every plan kind."""
    runner = _RUNNERS.get(plan.kind)
    if runner is None:
        runner = _RUNNERS[plan.kind] = _load_runner(plan.kind)
    return runner(plan.request)


def _chain(compute: Callable[[Any], Any], present: Callable[[Any], tuple[Block, ...]]) -> Runner:
    def run(request: Any) -> tuple[Any, tuple[Block, ...]]:
        result = compute(request)
        return result, present(result)

    return run


def _load_runner(kind: str) -> Runner:
    if kind == "trades":
        from bot.core.trades import compute_trades
        from bot.format.trades import format_trade_result

        return _chain(compute_trades, format_trade_result)
    if kind == "risk":
        from bot.core.risk import compute_account_risk
        from bot.format.risk import format_account_risk_result

        return _chain(compute_account_risk, format_account_risk_result)
    if kind == "breakeven":
        from bot.core.breakeven import compute_breakeven
        from bot.format.breakeven import format_breakeven_result

        return _chain(compute_breakeven, format_breakeven_result)
    if kind == "maintenance":
        from bot.core.maintenance import compute_maintenance
        from bot.format.maintenance import format_maintenance_result

        return _chain(compute_maintenance, format_maintenance_result)
    if kind == "perp":
        from bot.core.crypto import compute_perp
        from bot.format.crypto import format_perp_result

        return _chain(compute_perp, format_perp_result)
    if kind == "settlement":
        from bot.core.settlement import compute_settlement
        from bot.format.settlement import format_settlement_result

        return _chain(compute_settlement, format_settlement_result)
    if kind == "option":
        from bot.core.options import compute_option
        from bot.format.options import format_option_result

        return _chain(compute_option, format_option_result)
    if kind == "stock":
        from bot.core.stocks import compute_stock
        from bot.format.stocks import format_stock_result

        return _chain(compute_stock, format_stock_result)
    if kind == "stock_costs":
        from bot.core.stocks import stock_costs
        from bot.format.stocks import format_stock_costs

        return _chain(lambda request: stock_costs(**request), format_stock_costs)
    if kind == "size":
        from bot.core.sizing import compute_position_size
        from bot.format.sizing import format_position_size_result

        return _chain(compute_position_size, format_position_size_result)
    if kind == "win_rate":
        from bot.core.sizing import breakeven_win_rate
        from bot.format.sizing import format_win_rate_result

        return _chain(lambda request: breakeven_win_rate(**request), format_win_rate_result)
    if kind == "system":
        from bot.core.sizing import system_ratio
        from bot.format.sizing import format_system_ratio_result

        return _chain(lambda request: system_ratio(**request), format_system_ratio_result)
    if kind == "leverage":
        from bot.core.leverage import compute_leverage
        from bot.format.sizing import format_leverage_result

        return _chain(compute_leverage, format_leverage_result)
    if kind == "equity":
        from bot.core.equity import compute_equity
        from bot.format.equity import format_equity_result

        return _chain(compute_equity, format_equity_result)
    if kind == "price_move":
        from bot.core.price_move import compute_price_move
        from bot.format.trades import format_price_move_result

        return _chain(compute_price_move, format_price_move_result)
    if kind == "margin_cap":
        from bot.core.margin_cap import compute_margin_cap
        from bot.format.sizing import format_margin_cap_result

        return _chain(compute_margin_cap, format_margin_cap_result)
    if kind == "liq_move":
        from bot.core.liq_move import compute_liquidation_move
        from bot.format.crypto import format_liquidation_move

        return _chain(compute_liquidation_move, format_liquidation_move)
    if kind == "contract_value":
        from bot.core.value import compute_contract_value
        from bot.format.contracts import format_contract_value

        return _chain(compute_contract_value, format_contract_value)
    if kind == "contract":
        from bot.format.contracts import format_contract, format_unknown_contract

        def contract(info: ContractInfo) -> tuple[Any, tuple[Block, ...]]:
            if info.contract is None:
                from bot.contract_table import get_contract_table

                suggestions = get_contract_table().suggest(info.text)
                return None, format_unknown_contract(info.text, suggestions)
            return info.contract, format_contract(info.contract, info.month)

        return contract
    raise AssertionError(f"unknown plan kind {kind!r}")  # pragma: no cover


def run_plan(plan: Plan) -> Reply:
    """Compute and format one plan (core ``DomainError`` propagates to the pipeline)."""
    result, blocks = _compute(plan)
    all_blocks = [understood_block(plan.understood), *blocks]
    if plan.extra:
        all_blocks.insert(2, Block(style="text", lines=plan.extra))
    if plan.notes:
        notes = tuple(dict.fromkeys(plan.notes))
        all_blocks.append(Block(style="note", lines=notes))
    steps: tuple[str, ...] = getattr(result, "steps", ()) or ()
    ok = not (plan.kind == "contract" and result is None)
    # The result model is dumped only if someone reads reply.result (pingcang ask --json);
    # the bot only renders the blocks.
    return Reply(
        ok=ok,
        kind="answer" if ok else "error",
        blocks=tuple(all_blocks),
        working=tuple(steps),
        mirror_text=plan.mirror,
        result_model=result if isinstance(result, BaseModel) else None,
    )
