"""The first line of every answer: the figure that was asked, with its unit.

``强平价 2,777.78`` / ``净盈亏 +988.00 元`` / ``可开 4 手`` — then, when the figure calls for
it, one warning line (``已触及强平线 100%``). What was understood, the tables, formulas and
assumptions follow below it (``bot.pipeline.registry.run_plan``).

``asked`` is the question word the trader used (``liquidation``, ``risk``, ``deposit`` …, see
``bot.resolve.context.QUESTION_WORDS``), None when they asked nothing in words: each headline
then shows the figure the calculation is for.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING

from bot.core.numbers import num
from bot.format.numbers import (
    CURRENCY,
    fmt_lots,
    fmt_money,
    fmt_pct,
    fmt_price,
    fmt_quote,
    fmt_signed_money,
)

if TYPE_CHECKING:  # result types for annotations only: a cold start loads one core module
    from bot.core.breakeven import BreakevenResult, PriceLevel
    from bot.core.contracts import Contract, ContractLookup
    from bot.core.crypto import PerpResult
    from bot.core.equity import EquityResult
    from bot.core.leverage import LeverageResult
    from bot.core.liq_move import LiquidationMoveResult
    from bot.core.maintenance import MaintenanceResult
    from bot.core.margin_cap import MarginCapResult
    from bot.core.options import OptionResult
    from bot.core.price_move import PriceMoveResult
    from bot.core.risk import AccountRiskResult
    from bot.core.settlement import SettlementResult
    from bot.core.sizing import PositionSizeResult, SystemRatioResult, WinRateResult
    from bot.core.stocks import StockCosts, StockResult
    from bot.core.trades import TradeResult
    from bot.core.value import ContractValueResult

Headline = tuple[str, ...]
"""The figure asked (one line), then at most one warning line."""

SIDE_CN = {"long": "多", "short": "空"}
STATUS_WARNING = {
    "预警": "注意：风险度已达预警线",
    "强平": "注意：风险度已达强平线，可能被强行平仓",
}


def _yuan(value: Decimal, unit: str = " 元") -> str:
    return fmt_signed_money(value) + unit


def trades_headline(result: TradeResult, asked: str | None) -> Headline:
    money = CURRENCY[result.counted_in]
    if asked == "margin" and result.margin is not None:
        return (f"保证金占用 {fmt_money(result.margin)}{money}",)
    if asked == "return" and result.return_on_margin is not None:
        return (f"收益率 {fmt_pct(result.return_on_margin)}",)
    if result.total_pnl is not None and result.positions and result.lots_closed:
        return (f"总盈亏 {_yuan(result.total_pnl, money)}（平仓 + 浮动）",)
    if result.floating_pnl is not None and result.positions:
        return (f"浮动盈亏 {_yuan(result.floating_pnl, money)}",)
    if not result.lots_closed:
        unit = "个" if result.counted_in == "coins" else "手"
        held = "、".join(
            f"{SIDE_CN[p.side]} {fmt_lots(p.lots)} {unit} @{fmt_price(p.avg_price, 4)}"
            for p in result.positions
        )
        return (f"持仓 {held}（未平仓：写上平仓价或现价可算盈亏）",)
    if result.fees_counted:
        return (f"净盈亏 {_yuan(result.realized_net, money)}（已扣手续费）",)
    return (f"平仓盈亏 {_yuan(result.realized_gross, money)}",)


def risk_headline(result: AccountRiskResult, asked: str | None) -> Headline:
    warning = STATUS_WARNING.get(result.status)
    tail = (warning,) if warning else ()
    forced = next((line for line in result.lines if line.kind == "forced"), None)
    if asked == "loss_to_forced" and forced is not None and forced.equity_at_price is not None:
        room = result.equity - forced.equity_at_price
        price = f"，价格 {fmt_quote(forced.price)}" if forced.price is not None else ""
        return (f"还能亏 {fmt_money(room)} 元到强平线 {fmt_pct(forced.ratio)}{price}", *tail)
    asked_line = next((line for line in result.lines if line.kind == "warning"), None)
    if asked == "risk_at" and asked_line is not None and asked_line.price is not None:
        move = ""
        if asked_line.move is not None and asked_line.move != 0:
            word = "涨" if asked_line.move > 0 else "跌"
            move = f"（{word} {fmt_quote(abs(asked_line.move))}）"
        price = fmt_quote(asked_line.price)
        return (f"风险度到 {fmt_pct(asked_line.ratio)} 的价格 {price}{move}", *tail)
    liquidation = asked in ("liquidation", "loss_to_forced")
    if liquidation and forced is not None and forced.price is not None:
        return (f"强平价 {fmt_quote(forced.price)}（风险度 {fmt_pct(forced.ratio)}）", *tail)
    if asked == "deposit":
        if result.deposit_needed > 0:
            target = fmt_pct(result.target_ratio)
            return (f"需追加保证金 {fmt_money(result.deposit_needed)} 元（回到 {target}）",)
        return ("无需追加保证金",)
    if asked == "reduce" and result.lots_to_close is not None:
        if result.lots_to_close > 0:
            return (f"需平仓 {fmt_lots(result.lots_to_close)} 手", *tail)
        return ("无需减仓", *tail)
    if asked == "margin":
        return (f"保证金占用 {fmt_money(result.margin_used)} 元", *tail)
    if asked == "available":
        return (f"可用资金 {fmt_money(result.available)} 元", *tail)
    return (f"风险度 {fmt_pct(result.risk_ratio)}", *tail)


def _level(label: str, level: PriceLevel) -> str:
    if level.price is not None:
        return f"{label} {fmt_price(level.price)}"
    if level.exact is not None:
        return f"{label} {fmt_quote(level.exact)}"
    return f"{label}：到不了"


def breakeven_headline(result: BreakevenResult, asked: str | None) -> Headline:
    if asked == "target" and result.target is not None:
        return (_level("目标价", result.target),)
    if asked == "stop" and result.stop is not None:
        return (_level("止损价", result.stop),)
    if result.target is not None and result.stop is None and asked != "breakeven":
        return (_level("目标价", result.target),)
    if result.stop is not None and result.target is None and asked != "breakeven":
        return (_level("止损价", result.stop),)
    return (_level("保本价", result.breakeven),)


def maintenance_headline(result: MaintenanceResult, asked: str | None) -> Headline:
    if result.margin_call is not None and result.margin_call > 0 and asked == "deposit":
        return (f"需追加保证金 {fmt_money(result.margin_call)} 元",)
    if result.already_below:
        return ("已低于维持保证金：会被要求追加保证金或强平",)
    if asked == "wipeout" and result.wipeout_price is not None:
        return (f"穿仓价 {fmt_quote(result.wipeout_price)}（权益亏到 0）",)
    if asked == "loss_to_forced" and result.forced_price is not None:
        forced_price = fmt_quote(result.forced_price)
        return (f"还能亏 {fmt_money(result.cushion)} 元到强平（强平价 {forced_price}）",)
    if result.forced_price is not None:
        return (f"强平价 {fmt_quote(result.forced_price)}",)
    return (f"维持保证金 {fmt_money(result.maintenance_margin)} 元",)


def perp_headline(result: PerpResult, asked: str | None) -> Headline:
    if asked == "return" and result.roe is not None:
        return (f"收益率(ROE) {fmt_pct(result.roe)}",)
    if asked == "size":  # 保证金5000U 10倍 60000 能开几个
        return (
            f"可开 {fmt_lots(result.quantity)} 个（名义价值 {fmt_money(result.notional)} USDT）",
        )
    if asked == "funding" and result.funding_fee is not None:
        paid = result.funding_fee >= 0
        word = "付出" if paid else "收到"
        return (f"资金费 {word} {fmt_money(abs(result.funding_fee))} USDT",)
    if result.already_liquidated:
        return ("已到强平价：按这些数字，仓位已被强平",)
    closed_or_marked = result.pnl is not None and asked in (None, "pnl")
    if result.liquidation_price is not None and not closed_or_marked:
        return (f"强平价 {fmt_quote(result.liquidation_price)} USDT",)
    if result.net_pnl is not None:
        return (f"净盈亏 {_yuan(result.net_pnl, ' USDT')}",)
    if result.pnl is not None:
        return (f"盈亏 {_yuan(result.pnl, ' USDT')}",)
    return (f"初始保证金 {fmt_money(result.initial_margin)} USDT",)


def settlement_headline(result: SettlementResult, asked: str | None) -> Headline:
    if result.daily_pnl_net is not None:
        return (f"当日盈亏 {_yuan(result.daily_pnl_net)}（逐日盯市，已扣手续费）",)
    if result.daily_pnl is not None:
        return (f"当日盈亏 {_yuan(result.daily_pnl)}（逐日盯市）",)
    return (f"平仓盈亏 {_yuan(result.close_pnl_mtm)}（逐日盯市）",)


def option_headline(result: OptionResult, asked: str | None) -> Headline:
    if result.net_pnl is not None:
        return (f"净盈亏 {_yuan(result.net_pnl)}",)
    return (f"权利金 {fmt_money(result.premium_amount)} 元",)


def stock_headline(result: StockResult, asked: str | None) -> Headline:
    if result.net_pnl is not None:
        return (f"净盈亏 {_yuan(result.net_pnl)}（已扣佣金、印花税、过户费）",)
    return (f"保本卖出价 {fmt_price(result.breakeven_sell_price_tick)}",)


def stock_costs_headline(result: StockCosts, asked: str | None) -> Headline:
    return (f"交易费用 {fmt_money(result.total)} 元",)


def size_headline(result: PositionSizeResult, asked: str | None) -> Headline:
    unit = "个" if result.counted_in == "coins" else "手"
    return (f"可开 {fmt_lots(result.lots)} {unit}",)


def win_rate_headline(result: WinRateResult, asked: str | None) -> Headline:
    return (f"保本胜率 {fmt_pct(result.breakeven_win_rate)}",)


def system_headline(result: SystemRatioResult, asked: str | None) -> Headline:
    if asked == "expectancy":  # 胜率55% 盈亏比1.5 期望多少: per trade, in units of the stop
        sign = "+" if result.expectancy_r > 0 else ""
        verdict = "长期赚钱" if result.expectancy_r > 0 else "长期亏钱"
        if result.expectancy_r == 0:
            verdict = "不赚不亏"
        return (f"每笔期望 {sign}{fmt_price(result.expectancy_r, 4)} 倍止损（{verdict}）",)
    return (f"系统风报比 {num(result.ratio.quantize(Decimal('0.01')))}:1",)


def leverage_headline(result: LeverageResult, asked: str | None) -> Headline:
    return (f"杠杆 {fmt_price(result.leverage, 2)} 倍",)


def equity_headline(result: EquityResult, asked: str | None) -> Headline:
    if asked == "risk" and result.risk_ratio is not None:
        return (f"风险度 {fmt_pct(result.risk_ratio)}",)
    warning = ("注意：权益为负，账户已穿仓",) if result.equity < 0 else ()
    return (f"当日权益 {fmt_money(result.equity)} 元", *warning)


def price_move_headline(result: PriceMoveResult, asked: str | None) -> Headline:
    lots = fmt_lots(result.lots)
    if result.direction == "against":  # 止损50点: the move goes against the position
        return (f"止损亏损 {_yuan(-result.total)}（{lots} 手）",)
    sides = " / ".join(f"{SIDE_CN[pnl.side]}头 {_yuan(pnl.pnl)}" for pnl in result.by_side)
    return (f"{lots} 手：{sides}",)


def margin_cap_headline(result: MarginCapResult, asked: str | None) -> Headline:
    if asked == "all_in":
        return (f"满仓可开 {fmt_lots(result.lots_all_in)} 手（风险度 100%，任何不利波动都要追保）",)
    cap = fmt_pct(result.max_risk_ratio)
    return (f"最多开 {fmt_lots(result.lots_within_cap)} 手（风险度不超过 {cap}）",)


def liq_move_headline(result: LiquidationMoveResult, asked: str | None) -> Headline:
    parts = [
        f"{SIDE_CN[move.side]} {fmt_quote(move.price)}"
        for move in result.moves
        if move.price is not None
    ]
    if parts:
        return ("强平价 " + "，".join(parts),)
    moves = "，".join(f"{SIDE_CN[move.side]} {fmt_pct(move.ratio)}" for move in result.moves)
    return (f"反向波动 {moves} 即强平",)


def contract_value_headline(result: ContractValueResult, asked: str | None) -> Headline:
    return (f"合约价值 {fmt_money(result.total)} {result.currency}",)


def contract_headline(result: ContractLookup, asked: str | None) -> Headline:
    if result.contract is None:
        return ()  # the card says what was not found
    contract = result.contract
    if asked in ("tick_value", "point_value"):
        return (_move_value(contract, asked),)
    size = f"{fmt_price(contract.multiplier)} {contract.unit}"
    return (f"{contract.symbol}{result.month or ''} {contract.name_cn}：{size}",)


def _move_value(contract: Contract, asked: str) -> str:
    """``一跳多少钱``: tick × multiplier per lot; ``一个点多少钱``: 1 × multiplier per lot (a
    perpetual: per coin, in USDT)."""
    if contract.kind == "crypto":
        if asked == "tick_value":
            return f"每跳 {fmt_price(contract.tick)} USDT/币（最小变动 {fmt_price(contract.tick)}）"
        return "每点 1 USDT/币（价格每变动 1，每币盈亏 1 USDT）"
    mult = fmt_price(contract.multiplier)
    if asked == "tick_value":
        value = fmt_price(contract.tick * contract.multiplier)
        return f"每跳 {value} 元/手（最小变动 {fmt_price(contract.tick)} × 乘数 {mult}）"
    return f"每点 {mult} 元/手（价格变动 1 × 乘数 {mult}）"


HEADLINES: Mapping[str, Callable[..., Headline]] = {
    "trades": trades_headline,
    "risk": risk_headline,
    "breakeven": breakeven_headline,
    "maintenance": maintenance_headline,
    "perp": perp_headline,
    "settlement": settlement_headline,
    "option": option_headline,
    "stock": stock_headline,
    "stock_costs": stock_costs_headline,
    "size": size_headline,
    "win_rate": win_rate_headline,
    "system": system_headline,
    "leverage": leverage_headline,
    "equity": equity_headline,
    "price_move": price_move_headline,
    "margin_cap": margin_cap_headline,
    "liq_move": liq_move_headline,
    "contract_value": contract_value_headline,
    "contract": contract_headline,
}
"""Plan kind → its headline. Kinds not listed lead with their formatter's own first line."""
