"""Values a message typed that its calculation does not use: named in a note, never dropped
silently (``权益10万 开多10手 rb 3500 保证金10% 强平价 止损3400``: the stop plays no part in
the account's liquidation price, and the trader should know it was not forgotten).

``USED_BY_KIND`` lists, per plan kind, the attributes its plan reads (``spec.typed`` names the
attributes typed). It errs on the side of silence: an attribute a plan reads only in some
cases counts as used. The contract card has a note of its own for any number it does not use.
"""

from __future__ import annotations

from bot.parse.assemble import ATTRIBUTE_LABELS

ALWAYS_USED = frozenset(
    {"x_factor", "loose_rate", "risk_now", "remaining", "settle", "exchange", "margin_per_lot"}
)
"""Consumed before any plan, whatever the question (x100 → 乘数 or 杠杆, 风险度90% → 保证金占用,
剩下2手 checked against the legs, 今结 → 现价 …), or only naming how a figure is computed."""

_LEGS = frozenset({"entry_price", "exit_price", "multiplier"})
"""What every plan built on typed legs reads (the legs' prices, the contract size)."""
_FEES = frozenset({"fee", "fee_today", "commission"})
_STOCK_FEES = frozenset({"commission", "min_commission", "stamp_duty", "transfer_fee", "fee"})

USED_BY_KIND: dict[str, frozenset[str]] = {
    "trades": _LEGS | _FEES | {"margin", "mark_price", "stop_price", "target_price"},
    "settlement": _LEGS | _FEES | {"prev_settle"},
    "breakeven": _LEGS
    | _FEES
    | {"max_loss", "stop_price", "target_price", "target_profit", "tick"},
    "risk": _LEGS
    | {"equity", "forced_line", "warning_line", "target_ratio", "margin", "margin_used"}
    | {"mark_price", "risk_at", "leverage"},
    "maintenance": _LEGS | {"equity", "maintenance", "margin", "leverage", "mark_price"},
    "perp": _LEGS
    | {"fee", "equity", "funding_periods", "funding_days", "funding_rate", "leverage"}
    | {"maint_amount"}
    | {"maintenance", "margin", "mark_price", "other_maint", "other_upnl", "taker_fee", "wallet"}
    | {"margin_used", "maker_fee"},
    "option": _LEGS | {"fee", "expiry_price", "premium", "strike"},
    "stock": _LEGS | _STOCK_FEES | {"mark_price"},
    "stock_costs": _LEGS | _STOCK_FEES,
    "size": _LEGS
    | {"fee", "equity", "margin", "max_loss", "risk_fraction", "stop_distance", "stop_price"}
    | {"leverage"},
    "win_rate": frozenset({"reward", "risk"}),
    "system": frozenset({"reward", "risk", "win_rate"}),
    "contract_value": frozenset({"entry_price", "mark_price"}),
    "liq_move": frozenset({"leverage", "maintenance"}),
    "margin_cap": _LEGS | {"equity", "margin", "risk_cap"},
    "price_move": _LEGS | {"equity", "mark_price", "price_move", "risk_fraction", "stop_distance"},
    "leverage": frozenset({"leverage", "margin"}),
    "equity": frozenset(
        {"prev_balance", "cash_in", "cash_out", "daily_pnl", "close_pnl", "hold_pnl", "fee"}
    )
    | {"margin_used", "loss", "profit", "equity"},
    "averaging": _LEGS | _FEES | {"mark_price", "tick"},
    "ladder": _LEGS
    | {"ladder_pcts", "ladder_points", "mark_price", "equity", "margin", "forced_line"},
    "target": _LEGS
    | _FEES
    | {"target_return", "stop_return", "equity_return", "leverage", "margin", "equity"},
    "expectancy": frozenset({"win_rate", "avg_win", "avg_loss", "profit", "loss"}),
    "verdict": _LEGS
    | {"equity", "forced_line", "warning_line", "target_ratio", "margin", "margin_used"}
    | {"mark_price", "maintenance", "risk_at"},
    "margin_budget": frozenset({"equity", "risk_cap", "margin", "margin_used"}),
    "account_lines": _LEGS | {"equity", "forced_line", "warning_line", "margin"},
}
"""Plan kind → the attributes its plan may read (``contract`` is left out: it has its own)."""

_USED_OR_CONSUMED = {kind: used | ALWAYS_USED for kind, used in USED_BY_KIND.items()}

WHAT_IS_COMPUTED = {
    "trades": "盈亏",
    "settlement": "逐日盯市",
    "breakeven": "保本价",
    "risk": "风险度",
    "maintenance": "强平价",
    "perp": "合约强平价和收益",
    "option": "期权盈亏",
    "stock": "股票盈亏",
    "stock_costs": "股票费用",
    "size": "开仓手数",
    "win_rate": "保本胜率",
    "system": "胜率和期望",
    "contract_value": "合约价值",
    "liq_move": "爆仓距离",
    "margin_cap": "保证金可开手数",
    "price_move": "涨跌盈亏",
    "leverage": "杠杆",
    "equity": "客户权益",
    "averaging": "加仓均价",
    "ladder": "涨跌盈亏表",
    "target": "目标价",
    "expectancy": "期望值",
    "verdict": "会不会爆仓/追保",
    "margin_budget": "保证金上限",
    "account_lines": "多品种风险度",
}

LABELS = {
    **ATTRIBUTE_LABELS,
    "risk_fraction": "单笔风险",
    "loss": "亏损金额",
    "profit": "盈利金额",
    "taker_fee": "吃单费率",
    "reward": "盈亏比",
    "risk": "盈亏比",
}


def unused_note(kind: str, typed: frozenset[str]) -> str | None:
    """``没有用到：止损价（算风险度用不上；要算别的请分开问）`` or None when all were used."""
    used = _USED_OR_CONSUMED.get(kind)
    if used is None or typed <= used:  # the usual case: a subset test, no new set
        return None
    unused = typed - used
    labels = dict.fromkeys(LABELS.get(name, name) for name in sorted(unused, key=_typed_order))
    what = WHAT_IS_COMPUTED[kind]
    return f"没有用到：{'、'.join(labels)}（算{what}用不上；要算别的请分开问）"


_ORDER = {name: index for index, name in enumerate(ATTRIBUTE_LABELS)}


def _typed_order(name: str) -> int:
    return _ORDER.get(name, len(_ORDER))
