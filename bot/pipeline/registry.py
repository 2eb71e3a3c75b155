"""The calculations the bot knows: one row per plan kind → its request, core function and
formatter. ``run_plan`` computes and formats one resolved plan.

Adding a calculation: a grammar rule, a resolver function returning ``Plan(kind, request, …)``,
a core function ``request → result``, a formatter ``result → blocks`` and one row here.

Rows name their functions as ``"module:attribute"`` and are loaded the first time a kind is
asked: a cold start (``pingcang ask``) imports only the core and format modules its one answer
needs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import import_module
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel

from bot.format.headlines import HEADLINES
from bot.format.understood import understood_block
from bot.reply import Block, Reply

if TYPE_CHECKING:
    from bot.resolve.context import Followups, Plan, PlanKind

Compute = Callable[[object], object]
Present = Callable[[object], tuple[Block, ...]]
CallStyle = Literal["model", "keywords", "as_is"]
"""How the core function takes the request: the request model itself, the request mapping as
keyword arguments (functions of a few numbers: ``breakeven_win_rate(reward=…, risk=…)``), or
no core call (the request is already the result: a contract lookup)."""


@dataclass(frozen=True, slots=True)
class Calculation:
    """One row of the registry."""

    request: str
    """The request type (``module:Class``), checked before computing."""
    compute: str
    """The core function (``module:function``); empty for ``as_is``."""
    present: str
    """The formatter (``module:function``): result → reply blocks."""
    call: CallStyle = "model"


CALCULATIONS: Mapping[PlanKind, Calculation] = {
    "trades": Calculation(
        "bot.core.trades:TradeRequest",
        "bot.core.trades:compute_trades",
        "bot.format.trades:format_trade_result",
    ),
    "risk": Calculation(
        "bot.core.risk:AccountRiskRequest",
        "bot.core.risk:compute_account_risk",
        "bot.format.risk:format_account_risk_result",
    ),
    "breakeven": Calculation(
        "bot.core.breakeven:BreakevenRequest",
        "bot.core.breakeven:compute_breakeven",
        "bot.format.breakeven:format_breakeven_result",
    ),
    "maintenance": Calculation(
        "bot.core.maintenance:MaintenanceRequest",
        "bot.core.maintenance:compute_maintenance",
        "bot.format.maintenance:format_maintenance_result",
    ),
    "perp": Calculation(
        "bot.core.crypto:PerpRequest",
        "bot.core.crypto:compute_perp",
        "bot.format.crypto:format_perp_result",
    ),
    "settlement": Calculation(
        "bot.core.settlement:SettlementRequest",
        "bot.core.settlement:compute_settlement",
        "bot.format.settlement:format_settlement_result",
    ),
    "option": Calculation(
        "bot.core.options:OptionTradeRequest",
        "bot.core.options:compute_option",
        "bot.format.options:format_option_result",
    ),
    "stock": Calculation(
        "bot.core.stocks:StockTradeRequest",
        "bot.core.stocks:compute_stock",
        "bot.format.stocks:format_stock_result",
    ),
    "stock_costs": Calculation(
        "builtins:dict",
        "bot.core.stocks:stock_costs",
        "bot.format.stocks:format_stock_costs",
        call="keywords",
    ),
    "size": Calculation(
        "bot.core.sizing:PositionSizeRequest",
        "bot.core.sizing:compute_position_size",
        "bot.format.sizing:format_position_size_result",
    ),
    "win_rate": Calculation(
        "builtins:dict",
        "bot.core.sizing:breakeven_win_rate",
        "bot.format.sizing:format_win_rate_result",
        call="keywords",
    ),
    "system": Calculation(
        "builtins:dict",
        "bot.core.sizing:system_ratio",
        "bot.format.sizing:format_system_ratio_result",
        call="keywords",
    ),
    "leverage": Calculation(
        "bot.core.leverage:LeverageRequest",
        "bot.core.leverage:compute_leverage",
        "bot.format.sizing:format_leverage_result",
    ),
    "equity": Calculation(
        "bot.core.equity:EquityRequest",
        "bot.core.equity:compute_equity",
        "bot.format.equity:format_equity_result",
    ),
    "price_move": Calculation(
        "bot.core.price_move:PriceMoveRequest",
        "bot.core.price_move:compute_price_move",
        "bot.format.trades:format_price_move_result",
    ),
    "margin_cap": Calculation(
        "bot.core.margin_cap:MarginCapRequest",
        "bot.core.margin_cap:compute_margin_cap",
        "bot.format.sizing:format_margin_cap_result",
    ),
    "liq_move": Calculation(
        "bot.core.liq_move:LiquidationMoveRequest",
        "bot.core.liq_move:compute_liquidation_move",
        "bot.format.crypto:format_liquidation_move",
    ),
    "contract_value": Calculation(
        "bot.core.value:ContractValueRequest",
        "bot.core.value:compute_contract_value",
        "bot.format.contracts:format_contract_value",
    ),
    "contract": Calculation(
        "bot.core.contracts:ContractLookup",
        "",
        "bot.format.contracts:format_contract_lookup",
        call="as_is",
    ),
    "averaging": Calculation(
        "bot.core.averaging:AveragingRequest",
        "bot.core.averaging:compute_averaging",
        "bot.format.averaging:format_averaging_result",
    ),
    "ladder": Calculation(
        "bot.core.ladder:LadderRequest",
        "bot.core.ladder:compute_ladder",
        "bot.format.ladder:format_ladder_result",
    ),
    "target": Calculation(
        "bot.core.targets:TargetRequest",
        "bot.core.targets:compute_target",
        "bot.format.targets:format_target_result",
    ),
    "expectancy": Calculation(
        "bot.core.expectancy:ExpectancyRequest",
        "bot.core.expectancy:compute_expectancy",
        "bot.format.expectancy:format_expectancy_report",
    ),
    "verdict": Calculation(
        "bot.core.verdicts:VerdictRequest",
        "bot.core.verdicts:compute_verdict",
        "bot.format.verdicts:format_verdict",
    ),
    "margin_budget": Calculation(
        "bot.core.margin_cap:MarginBudgetRequest",
        "bot.core.margin_cap:compute_margin_budget",
        "bot.format.caps:format_margin_budget_result",
    ),
    "account_lines": Calculation(
        "bot.core.risk:AccountRiskRequest",
        "bot.core.account_lines:compute_account_lines",
        "bot.format.account_lines:format_account_lines_result",
    ),
}


def _attribute(path: str) -> object:
    module, _, name = path.partition(":")
    return getattr(import_module(module), name)


def _identity(request: object) -> object:
    return request


def _with_keywords(function: Callable[..., object]) -> Compute:
    """A core function of a few numbers, called with the request mapping as keywords."""

    def call(request: object) -> object:
        assert isinstance(request, dict)
        return function(**request)

    return call


@dataclass(frozen=True, slots=True)
class Runner:
    """A registry row with its functions imported."""

    request_type: type
    compute: Compute
    present: Present

    def run(self, request: object) -> tuple[object, tuple[Block, ...]]:
        if not isinstance(request, self.request_type):
            raise TypeError(f"expected {self.request_type.__name__}, got {type(request).__name__}")
        result = self.compute(request)
        return result, self.present(result)


@cache
def runner(kind: PlanKind) -> Runner:
    """The row of ``kind`` with its modules imported (once per process)."""
    row = CALCULATIONS[kind]
    request_type, present = _attribute(row.request), _attribute(row.present)
    assert isinstance(request_type, type) and callable(present)
    compute: Compute = _identity
    if row.call != "as_is":
        function = _attribute(row.compute)
        assert callable(function)
        compute = _with_keywords(function) if row.call == "keywords" else function
    return Runner(request_type, compute, present)


def _followup_lines(followups: Followups) -> tuple[tuple[str, ...], str | None]:
    """The exit scenarios and the leverage asked beside a trade, computed by the core; and the
    scenarios' one-line summary, which leads the answer when nothing else was asked."""
    lines: tuple[str, ...] = ()
    summary = None
    if followups.scenarios is not None:
        from bot.core.scenarios import compute_exit_scenarios
        from bot.format.scenarios import format_exit_scenarios, scenario_headline

        scenarios = compute_exit_scenarios(followups.scenarios)
        lines += format_exit_scenarios(scenarios)
        summary = scenario_headline(scenarios)
    if followups.leverage_of is not None:
        from bot.core.leverage import LeverageRequest, compute_leverage

        lines += compute_leverage(LeverageRequest(margin_rate=followups.leverage_of)).steps
    return lines, summary


def _split_lead(
    plan: Plan, result: object, blocks: tuple[Block, ...]
) -> tuple[tuple[Block, ...], tuple[Block, ...]]:
    """(the asked figure, the formatter's figures without it): the kind's headline, else the
    formatter's own first line. An unknown contract has no figure to lead with."""
    headline = HEADLINES.get(plan.kind)
    if headline is not None:
        lines = headline(result, plan.asked)
        return ((Block(lines=lines),) if lines else ()), blocks
    if not blocks:  # pragma: no cover - every formatter writes at least its figure
        return (), ()
    first, *rest = blocks
    remainder = (first._replace(lines=first.lines[1:]),) if len(first.lines) > 1 else ()
    return (Block(lines=first.lines[:1]),), (*remainder, *rest)


def _only_held(plan: Plan, result: object) -> bool:
    """``多5手 820 止损800 亏多少``: P&L asked of a position with no close or current price —
    the stop's outcome is the answer, not the position."""
    if plan.asked != "pnl" or plan.kind != "trades":
        return False
    from bot.core.trades import TradeResult

    assert isinstance(result, TradeResult)
    return not result.lots_closed and result.floating_pnl is None


def run_plan(plan: Plan) -> Reply:
    """Compute and format one plan: the asked figure, any warnings, the 我理解为 line, the
    formatter's first figures, the follow-up lines, the rest of the formatter's blocks
    (formula and assumptions), the resolver's notes."""
    result, blocks = runner(plan.kind).run(plan.request)
    lead, figures = _split_lead(plan, result, blocks)
    extra: tuple[Block, ...] = ()
    if plan.followups is not None:
        lines, summary = _followup_lines(plan.followups)
        if summary is not None and (plan.asked is None or _only_held(plan, result)):
            lead = (Block(lines=(summary,)),)  # 止损/止盈 typed: their outcome leads
        if lines:
            extra = (Block(style="text", lines=lines),)
    warnings = (Block(style="text", lines=plan.warnings),) if plan.warnings else ()
    notes = (Block(style="note", lines=tuple(dict.fromkeys(plan.notes))),) if plan.notes else ()
    all_blocks = (
        *lead,
        *warnings,
        understood_block(plan.understood),
        *figures[:1],
        *extra,
        *figures[1:],
        *notes,
    )
    steps = result.steps if isinstance(result, BaseModel) and hasattr(result, "steps") else ()
    ok = not (plan.kind == "contract" and getattr(result, "contract", None) is None)
    return Reply(
        ok=ok,
        kind="answer" if ok else "error",
        blocks=all_blocks,
        working=tuple(steps),
        mirror_text=plan.mirror,
        result_model=result if isinstance(result, BaseModel) else None,
    )
