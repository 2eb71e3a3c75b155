"""Assemble clause items into a ``MessageSpec``.

The transformer turns each clause into a small tuple (``("dir", "open_long", "开多")``,
``("qty", Decimal, "lots")``, ``("price", "bare", Decimal)``, ``("attr", name, value)`` …).
Here a direction word starts a leg; quantities and prices that follow attach to it (``做多1
60000`` = 1 lot at 60000, the first unit-less number becomes the quantity once a second one
arrives); ``1020出`` / ``平仓价1020`` / ``→1020`` add a close leg unless the current leg is a
close still without price; ``1000进`` / ``入场1000`` set the open price; modifiers (昨持, 今开)
qualify the next leg. An attribute typed twice is refused rather than silently overwritten.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from bot.core.numbers import plain
from bot.errors import UserFacingError
from bot.parsing.normalize import EXAMPLE, MAX_LEGS
from bot.parsing.spec import LegSpec, MessageSpec

Item = tuple[Any, ...]
"""One clause: its kind first (dir, mod, qty, price, contract, attr, q, market, ratio, how)."""

_ATTRIBUTE_LABELS = {
    "multiplier": "乘数",
    "fee": "手续费",
    "fee_today": "平今手续费",
    "commission": "佣金",
    "margin": "保证金率",
    "margin_used": "保证金占用",
    "maintenance": "维持保证金率",
    "maint_amount": "维持保证金速算额",
    "equity": "权益",
    "wallet": "钱包余额",
    "funding_rate": "资金费率",
    "funding_periods": "资金费次数",
    "taker_fee": "费率",
    "forced_line": "强平线",
    "warning_line": "预警线",
    "target_ratio": "目标风险度",
    "risk_fraction": "风险比例",
    "win_rate": "胜率",
    "reward": "盈亏比",
    "target_profit": "目标盈利",
    "max_loss": "最大亏损",
    "loss": "亏损",
    "profit": "盈利",
    "premium": "权利金",
    "min_commission": "最低佣金",
    "stamp_duty": "印花税",
    "transfer_fee": "过户费",
    "other_maint": "其他维持保证金",
    "other_upnl": "其他未实现盈亏",
    "tick": "最小变动价位",
    "strike": "行权价",
    "leverage": "杠杆",
    "entry_price": "开仓价",
    "exit_price": "平仓价",
    "mark_price": "现价",
    "prev_settle": "昨结算价",
    "settle": "今结算价",
    "stop_price": "止损价",
    "target_price": "目标价",
    "exchange": "交易所",
}


_OPENING = frozenset({"open_long", "open_short", "open_any", "buy", "sell", "add"})


_SIDED_OPENING = frozenset({"open_long", "open_short", "buy", "sell"})
_CLOSING = frozenset({"close_any", "close_long", "close_short", "close_today", "close_yesterday"})


def _duplicate(name: str) -> UserFacingError:
    label = _ATTRIBUTE_LABELS.get(name, name)
    return UserFacingError(f"“{label}”写了两次，请只写一个", example=EXAMPLE)


def assemble(items: Sequence[Item]) -> MessageSpec:
    """Group the clause items into legs and attributes (see the module docstring)."""
    legs: list[dict[str, Any]] = []
    current: dict[str, Any] | None = None
    carried = today_open = False
    pending_qty: Item | None = None
    pending_prices: list[Decimal] = []
    attrs: dict[str, Any] = {}
    contracts: list[str] = []
    questions: list[str] = []
    markets: list[str] = []
    how = False
    numbers = 0

    def new_leg(word: str, text: str) -> dict[str, Any]:
        nonlocal carried, today_open, pending_qty
        leg: dict[str, Any] = {
            "word": word,
            "text": text,
            "lots": None,
            "unit": None,
            "lots_from_bare": False,
            "price": None,
            "price_bare": False,
            "carried": carried,
            "today_open": today_open,
        }
        carried = today_open = False
        if pending_qty is not None:
            leg["lots"], leg["unit"] = pending_qty[1], pending_qty[2]
            pending_qty = None
        if pending_prices:  # 在3500买了… / …3550卖了: a price typed before its direction word
            leg["price"] = pending_prices.pop(0)
        legs.append(leg)
        if len(legs) > MAX_LEGS:
            raise UserFacingError(f"一条消息最多 {MAX_LEGS} 笔成交，请分开计算", example=EXAMPLE)
        return leg

    def set_attr(name: str, value: Any) -> None:
        if name in attrs:
            raise _duplicate(name)
        attrs[name] = value

    for item in items:
        kind = item[0]
        if kind == "dir":
            word = item[1]
            if (
                current is not None
                and current["word"] == "open_any"
                and current["price"] is None
                and word in _SIDED_OPENING
            ):
                # 开了2手多单: 开(仓) … 多单 is one leg
                current["word"], current["text"] = word, item[2]
            else:
                current = new_leg(word, item[2])
        elif kind == "price":
            numbers += 1
            role, value = item[1], item[2]
            if role == "exit":
                if current is not None and current["word"] in _CLOSING and current["price"] is None:
                    current["price"] = value
                else:
                    current = new_leg("close_any", "平仓")
                    current["price"] = value
                continue
            if role == "entry":
                if "entry_price" not in attrs:
                    attrs["entry_price"] = value
                target = current
                if target is not None and target["word"] in _CLOSING:
                    target = next((leg for leg in reversed(legs) if leg["word"] in _OPENING), None)
                if target is None:
                    continue
                if target["price"] is not None and target["price"] != value:
                    raise UserFacingError(
                        f"开仓价写了两次：{plain(target['price'])} 和 {plain(value)}",
                        example=EXAMPLE,
                    )
                target["price"] = value
                continue
            if current is None:
                pending_prices.append(value)
            elif current["price"] is None:
                current["price"] = value
                current["price_bare"] = role == "bare"
            elif current["lots"] is None and current["price_bare"] and role == "bare":
                # 做多1 60000: the first unit-less number was the quantity
                current["lots"], current["lots_from_bare"] = current["price"], True
                current["price"], current["price_bare"] = value, False
            else:  # the leg is complete: the price belongs to the next direction word, if any
                pending_prices.append(value)
        elif kind == "qty":
            numbers += 1
            if current is None:
                if pending_qty is not None:
                    raise UserFacingError("手数写了两次，请只写一个", example=EXAMPLE)
                pending_qty = item
            elif current["lots"] is None:
                current["lots"], current["unit"] = item[1], item[2]
            else:
                raise UserFacingError(
                    f"“{current['text']}”写了两个手数（{plain(current['lots'])}、{plain(item[1])}）",
                    example=EXAMPLE,
                )
        elif kind == "attr":
            name = item[1]
            if name != "exchange":
                numbers += 1
            set_attr(name, item[2])
        elif kind == "contract":
            contracts.append(item[1])
        elif kind == "q":
            if item[1] not in questions:
                questions.append(item[1])
        elif kind == "market":
            if item[1] not in markets:
                markets.append(item[1])
        elif kind == "mod":
            if item[1] == "CARRIED":
                carried = True
            else:
                today_open = True
        elif kind == "ratio":
            numbers += 1
            if "reward" in attrs:
                raise _duplicate("reward")
            attrs["reward"], attrs["risk"] = item[1], item[2]
        elif kind == "how":
            how = True
    if pending_qty is not None:  # a quantity and no direction word at all: "2手 1000 乘数10"
        raise UserFacingError(
            f"“{plain(pending_qty[1])}手”没有写方向：请写开多/开空（或买入/卖出）", example=EXAMPLE
        )
    leg_specs = tuple(
        LegSpec(
            word=leg["word"],
            text=leg["text"],
            lots=leg["lots"],
            unit=leg["unit"],
            lots_from_bare=leg["lots_from_bare"],
            price=leg["price"],
            carried=leg["carried"],
            today_open=leg["today_open"],
        )
        for leg in legs
    )
    fields: dict[str, Any] = {
        "legs": leg_specs,
        "contracts": tuple(contracts),
        "questions": tuple(questions),
        "markets": tuple(markets),
        "how": how,
        "numbers": numbers,
        "loose_prices": tuple(pending_prices),
    }
    fields.update(attrs)
    return MessageSpec(**fields)
