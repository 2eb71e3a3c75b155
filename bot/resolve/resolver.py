"""Spec + contract table + chat defaults → a ``Plan``: the core request to run and how to say it.

The resolver decides what was asked (realized P&L, risk, liquidation, sizing …), fills in what
the user did not type from the contract table and the chat defaults (and says so), and asks
instead of guessing when something is ambiguous: a close with no open price, a symbol the table
does not know with no multiplier, ``保证金35000`` (amount or rate?), both sides open and a plain
``平仓``. The plans live in one module per family (``futures``, ``crypto``, ``sizing`` …);
shared pieces in ``context`` and ``legs``.
"""

from __future__ import annotations

from bot.defaults import ChatDefaults
from bot.parse.assemble import IMPLIED_QUESTIONS
from bot.parse.spec import MessageSpec
from bot.resolve.account import account_lines_plan
from bot.resolve.averaging import averaging_plan, ladder_plan
from bot.resolve.context import (
    EX_LIQ,
    EX_MAINT,
    EX_TRADE,
    Context,
    Plan,
    ask,
    contract_info,
    margin_amount,
    trade_request_model,
)
from bot.resolve.contracts import contract_plan
from bot.resolve.crypto import (
    check_perp_fee,
    check_return_price,
    coin_size_plan,
    is_crypto,
    perp_plan,
)
from bot.resolve.distances import distance_to_stop_price, move_to_now_price, ticks_to_points
from bot.resolve.equity import asks_day_result, equity_plan
from bot.resolve.futures import (
    breakeven_plan,
    maintenance_plan,
    risk_plan,
    settlement_plan,
    trades_plan,
)
from bot.resolve.leverage import leverage_plan, liq_move_plan, only_leverage_given
from bot.resolve.loose_numbers import (
    apply_risk_now,
    apply_x_factor,
    check_remaining,
    contract_value_plan,
    has_loose_numbers,
    margin_only_plan,
    place_loose_numbers,
    place_loose_rate,
    settle_as_mark,
)
from bot.resolve.options import option_plan
from bot.resolve.per_lot import apply_margin_per_lot
from bot.resolve.plausible import price_warnings
from bot.resolve.price_move import price_move_plan
from bot.resolve.sizing import (
    expectancy_plan,
    margin_budget_plan,
    per_lot_cap_plan,
    size_plan,
    win_rate_plan,
)
from bot.resolve.stocks import stock_plan
from bot.resolve.targets import asks_target_return, target_plan
from bot.resolve.unused import unused_note
from bot.resolve.verdicts import perp_verdict_plan, verdict_plan

__all__ = ["Plan", "resolve"]


RISK_QUESTIONS = frozenset({"risk", "reduce", "deposit"})


BREAKEVEN_QUESTIONS = frozenset({"breakeven", "target", "stop"})


PERP_QUESTIONS = frozenset({"liquidation", "return"})


OPTION_MARKETS = frozenset({"call", "put"})


def _liq_move_at(spec: MessageSpec, defaults: ChatDefaults) -> Plan | None:
    """One price, a leverage, no direction: both sides' liquidation prices at that price."""
    if spec.loose_lots is not None or spec.now_price is not None:
        return None
    ctx = Context(spec, defaults, contract_info(spec))
    if not only_leverage_given(ctx):
        return None
    return liq_move_plan(ctx, None, spec.loose_prices[0])


def resolve(spec: MessageSpec, defaults: ChatDefaults) -> Plan:
    """Decide what was asked and build the core request (raises ``UserFacingError`` to ask);
    values typed that the calculation does not use are named in a note."""
    spec, tick_working = ticks_to_points(spec)
    spec, stop_working = distance_to_stop_price(spec)
    spec, move_working = move_to_now_price(spec)
    plan = _resolve(spec, defaults)
    workings = tuple(filter(None, (tick_working, stop_working, move_working)))
    if workings:
        plan = plan._replace(notes=(*plan.notes, *workings))
    warnings = price_warnings(plan.kind, spec)
    if warnings:
        plan = plan._replace(warnings=warnings)
    if spec.questions and plan.asked is None:  # the specific form first (可用资金 over 风险度)
        specific = [question for question in spec.questions if question in IMPLIED_QUESTIONS]
        plan = plan._replace(asked=(specific or spec.questions)[0])
    if spec.typed:
        typed = spec.typed
        request = plan.request
        rate = request.margin_rate if isinstance(request, trade_request_model()) else None
        if rate is not None and spec.margin is None:  # 开多2手 rb 3500 20倍 保证金多少
            typed = typed - {"leverage"}  # the leverage gave the margin rate
        note = unused_note(plan.kind, typed)
        if note is not None:
            return plan._replace(notes=(*plan.notes, note))
    return plan


def _resolve(spec: MessageSpec, defaults: ChatDefaults) -> Plan:
    notes: list[str] = []
    if "leverage" in spec.questions and not spec.legs:  # 保证金10% 杠杆多少倍
        return leverage_plan(spec, defaults)
    if spec.loose_rate is not None:
        spec = place_loose_rate(spec, notes)
    if spec.x_factor is not None:
        spec = apply_x_factor(spec, defaults)
    if spec.margin_per_lot is not None:
        plan = per_lot_cap_plan(spec, defaults, notes)  # 每手保证金3500 权益5万 开几手
        if plan is not None:
            return plan
        spec = apply_margin_per_lot(spec, notes)
    plan = account_lines_plan(spec, defaults, notes) if spec.leg_contracts else None
    plan = plan or _quick_plan(spec, defaults, notes)
    if plan is not None:
        return plan
    spec = _placed(spec, notes)
    ctx = Context(spec, defaults, contract_info(spec), notes)
    return _position_question_plan(ctx) or _market_plan(ctx) or _futures_plan(ctx)


def _position_question_plan(ctx: Context) -> Plan | None:
    """Questions named by their own words, whatever the market: 期望值 from average win/loss,
    a what-if ladder (涨跌1% 2% 5%), a target from a return (ROE 50%), the average after adds."""
    spec = ctx.spec
    if spec.avg_win is not None or spec.avg_loss is not None:
        return expectancy_plan(ctx)
    if spec.ladder_pcts is not None or spec.ladder_points is not None:
        return ladder_plan(ctx)
    if asks_target_return(ctx):
        return target_plan(ctx)
    if "average" in spec.questions and spec.legs:
        return averaging_plan(ctx)  # None unless one side opened several times
    return None


def _asks_move_value(spec: MessageSpec) -> bool:
    """``一跳多少钱`` / ``一个点多少钱`` beside numbers and no trade."""
    asked = {"tick_value", "point_value"}
    return not spec.legs and bool(spec.numbers) and not asked.isdisjoint(spec.questions)


def _quick_plan(spec: MessageSpec, defaults: ChatDefaults, notes: list[str]) -> Plan | None:
    """Questions answered without a full position: the day's statement, a margin on its own,
    what a move is worth, a contract's value, how far a leveraged price may move."""
    statement = spec.prev_balance is not None or spec.cash_in is not None
    if statement or spec.cash_out is not None or asks_day_result(spec):
        return equity_plan(Context(spec, defaults, None, notes))  # the day's statement
    if _asks_margin_budget(spec):  # 权益10万 风险度不超过80% 保证金最多多少
        return margin_budget_plan(Context(spec, defaults, None, notes))
    plan: Plan | None = None
    if has_loose_numbers(spec) or "margin" in spec.questions:
        plan = margin_only_plan(spec, defaults)
    if plan is None and (spec.price_move is not None or spec.stop_distance is not None):
        plan = price_move_plan(spec, defaults)  # IF 涨50点 2手赚多少
    if plan is None and "contract" in spec.questions and spec.numbers:
        plan = contract_value_plan(spec, defaults)  # rb 3500 合约价值
    if plan is None and _asks_move_value(spec):
        info = contract_info(spec)  # rb 3500 一跳多少钱: the price does not change a tick's value
        plan = contract_plan(Context(spec, defaults, info, notes)) if info is not None else None
    if plan is None and spec.leverage is not None and len(spec.loose_prices) == 1:
        plan = None if spec.legs else _liq_move_at(spec, defaults)  # BTC 60000 100倍 强平价
    return plan


def _asks_margin_budget(spec: MessageSpec) -> bool:
    """A risk-degree cap with no position and no price: the margin it allows."""
    return (
        spec.risk_cap is not None
        and not spec.legs
        and not spec.loose_prices
        and spec.entry_price is None
        and "size" not in spec.questions
    )


def _placed(spec: MessageSpec, notes: list[str]) -> MessageSpec:
    """Numbers typed without a key put where they belong; 今结 alone as the mark price."""
    if has_loose_numbers(spec):
        spec = place_loose_numbers(spec, notes)
    if spec.settle is not None and spec.prev_settle is None:
        spec = settle_as_mark(spec, notes)
    if spec.risk_now is not None:
        spec = apply_risk_now(spec, notes)
    if spec.remaining is not None:
        check_remaining(spec)
    return spec


def _market_plan(ctx: Context) -> Plan | None:
    """Stocks, options, win rates, sizing, a contract card and crypto: decided by the market
    or the question before any futures position is read."""
    spec = ctx.spec
    questions, markets = spec.questions, spec.markets  # tuples of a word or two: no sets
    if "stock" in markets or spec.has_unit("shares"):
        return stock_plan(ctx)
    if "option" in markets or not OPTION_MARKETS.isdisjoint(markets):
        return option_plan(ctx)
    if spec.premium is not None or spec.expiry_price is not None:
        return option_plan(ctx)
    if "win_rate" in questions or (
        spec.reward is not None and not spec.legs and spec.equity is None
    ):
        return win_rate_plan(ctx)
    if spec.win_rate is not None and not spec.legs:
        raise ask("知道胜率还需要盈亏比，例如“胜率70% 盈亏比3:1”", "胜率70% 盈亏比3:1")
    stop_given = spec.stop_price is not None or spec.stop_distance is not None
    if "size" in questions and not stop_given and is_crypto(ctx):
        return coin_size_plan(ctx)  # BTC 10倍 保证金5000U 60000 能开几个
    if "size" in questions or (spec.risk_fraction is not None and stop_given):
        return size_plan(ctx)
    if ctx.info is not None and not spec.legs and spec.numbers == 0:
        return contract_plan(ctx)
    if is_crypto(ctx):
        return _crypto_plan(ctx)
    return None


def _crypto_plan(ctx: Context) -> Plan:
    """A perpetual (leverage, wallet, funding, liquidation), its break-even, or a plain trade."""
    spec = ctx.spec
    check_perp_fee(spec)
    if spec.in_zhang and spec.multiplier is None and spec.exchange == "okx":
        raise ask(
            "数字货币合约的“张”面值各交易所不同"
            "（如 OKX 的 BTC 一张 0.01 个、ETH 一张 0.1 个）："
            "请写币的数量（如“0.1个”），或加上每张的币数（如“乘数0.1”）",
            "okx ETH 开多10张 3000 平仓 3100 乘数0.1",
        )
    if spec.in_zhang and spec.multiplier is None:
        ctx.notes.append("“张”按 1 个币计算（OKX 等交易所一张不到一个币，可写“乘数0.01”改）")
    check_return_price(spec)
    perp_only = spec.leverage is not None or spec.wallet is not None or spec.equity is not None
    if perp_only or spec.funding_rate is not None or not PERP_QUESTIONS.isdisjoint(spec.questions):
        return perp_verdict_plan(ctx) or perp_plan(ctx)
    if not BREAKEVEN_QUESTIONS.isdisjoint(spec.questions):  # BTC 开多1个 60000 手续费0.05% 保本价
        return breakeven_plan(ctx, coins=True)
    return trades_plan(ctx, coins=True)  # plain P&L: (exit − entry) × coins


def _asks_risk(spec: MessageSpec) -> bool:
    return (
        spec.equity is not None
        or spec.margin_used is not None
        or margin_amount(spec) is not None
        or not RISK_QUESTIONS.isdisjoint(spec.questions)
    )


def _futures_plan(ctx: Context) -> Plan:
    """A futures position: statement, maintenance, risk, break-even or the trade's P&L."""
    spec, questions = ctx.spec, ctx.spec.questions
    if spec.prev_settle is not None or spec.settle is not None:
        return settlement_plan(ctx)
    if ("forced_yn" in questions or "call_yn" in questions) and (
        spec.maintenance is not None or _asks_risk(spec)
    ):
        plan = verdict_plan(ctx)  # 跌到3400会不会爆仓 / 还要追保吗: 会/不会, 要/不用
        if plan is not None:
            return plan
    if spec.maintenance is not None:
        return maintenance_plan(ctx)
    if _asks_risk(spec):
        return risk_plan(ctx)
    if "liquidation" in questions:
        raise ask(
            "算强平价需要账户权益（按风险度）或维持保证金率（按维持保证金）",
            EX_LIQ + " 或 " + EX_MAINT,
        )
    if (
        not BREAKEVEN_QUESTIONS.isdisjoint(questions)
        or spec.target_profit is not None
        or spec.max_loss is not None
    ):
        return breakeven_plan(ctx)
    if spec.legs:
        return trades_plan(ctx)
    if ctx.info is not None:
        return contract_plan(ctx)
    if not {"contract", "tick_value", "point_value"}.isdisjoint(questions):
        raise ask("请写合约代码或名称，例如“rb 合约”“螺纹钢 一跳多少钱”", "rb 合约")
    raise ask("没看出要算什么：请写开平仓、权益或想问的问题", EX_TRADE)
