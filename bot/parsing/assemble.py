"""Assemble clause items into a ``MessageSpec``.

The transformer turns each clause into a small tuple (``("dir", "open_long", "开多")``,
``("qty", Decimal, "lots")``, ``("price", "bare", Decimal)``, ``("attr", name, value)`` …).
Here a direction word starts a leg; quantities and prices that follow attach to it (``做多1
60000`` = 1 lot at 60000, the first unit-less number becomes the quantity once a second one
arrives); ``1020出`` / ``平仓价1020`` / ``→1020`` add a close leg unless the current leg is a
close still without price; ``1000进`` / ``入场1000`` set the open price; modifiers (昨持, 今开)
qualify the next leg. An attribute typed twice is refused rather than silently overwritten.
``long 2 @3000`` is 2 at 3000 like ``做多1 60000``; ``平一半`` marks the close as half of what
is held. ``现在3480`` waits like a price typed before its direction word: it becomes that
leg's price (``现在1020平了``) or, left over, ``now_price`` (the resolver decides). A quantity
with no direction word at all is kept as ``loose_lots`` (a margin-only question needs none).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from bot.core.numbers import plain
from bot.errors import UserFacingError
from bot.parsing.normalize import EXAMPLE, MAX_LEGS
from bot.parsing.spec import LegSpec, MessageSpec

Item = tuple[Any, ...]
"""One clause: its kind first (dir, mod, qty, price, contract, attr, q, market, ratio, how)."""

ATTRIBUTE_LABELS = {
    "multiplier": "乘数",
    "x_factor": "x倍数",
    "risk_now": "风险度",
    "remaining": "剩余手数",
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
    "stop_distance": "止损点数",
    "price_move": "涨跌幅度",
    "expiry_price": "到期价",
    "loose_rate": "没写名称的百分比",
    "target_price": "目标价",
    "exchange": "交易所",
    "prev_balance": "上日结存",
    "cash_in": "入金",
    "cash_out": "出金",
    "daily_pnl": "当日盈亏",
    "close_pnl": "平仓盈亏",
    "hold_pnl": "持仓盈亏",
}


_OPENING = frozenset({"open_long", "open_short", "open_any", "buy", "sell", "add"})


_BARE_ROLES = frozenset({"bare", "at", "done"})
"""Prices that may follow a unit-less number read as a price (做多1 60000), making it the lots."""
_LOTS_BELOW_PRICE = 5
"""Of two unit-less numbers on one leg, the smaller is read as the quantity when the other is at
least this many times it (做多1 60000, long 60000 1); closer numbers are two prices: asked."""
_SIDED_OPENING = frozenset({"open_long", "open_short", "buy", "sell"})
_CLOSING = frozenset({"close_any", "close_long", "close_short", "close_today", "close_yesterday"})


def _duplicate(name: str) -> UserFacingError:
    label = ATTRIBUTE_LABELS.get(name, name)
    return UserFacingError(f"“{label}”写了两次，请只写一个", example=EXAMPLE)


_MONTH = re.compile(r"(?:2[0-9]|[0-9])(?:0[1-9]|1[0-2])")
"""A delivery month as the grammar's SYMBOL reads one: YYMM in 2020–2029, or CZCE's YMM."""


def _month_text(value: Decimal) -> str | None:
    text = str(value)
    return text if _MONTH.fullmatch(text) else None


def assemble(items: Sequence[Item]) -> MessageSpec:
    """Group the clause items into legs and attributes (see the module docstring).

    A number typed after a contract name with a space (``螺纹 2505 3500``) may be its delivery
    month or a price: it is read as the month when, read as a price, it would leave some
    number without a place (``开多2手 螺纹 2505 3500 平3550``); otherwise it stays a price
    (``MA 2410 开多2手 平2480``: 2410 is the open price).
    """
    spec = _assemble(items)
    if spec.loose_prices:
        with_month = _month_after_contract(items)
        if with_month is not None:
            other = _assemble(with_month)
            if len(other.loose_prices) < len(spec.loose_prices):
                return other
    return spec


def _month_after_contract(items: Sequence[Item]) -> list[Item] | None:
    """The items with the first month-shaped number after a month-less contract name joined
    to it (螺纹 2505 → 螺纹2505), or None when there is no such number."""
    for index in range(1, len(items)):
        before, item = items[index - 1], items[index]
        if before[0] != "contract" or before[1][-1:].isdigit():
            continue
        if item[0] == "price" and item[1] == "bare":
            month = _month_text(item[2])
            if month is not None:
                joined = ("contract", before[1] + month, None)
                return [*items[: index - 1], joined, *items[index + 1 :]]
    return None


def _assemble(items: Sequence[Item]) -> MessageSpec:
    legs: list[dict[str, Any]] = []
    current: dict[str, Any] | None = None
    carried = today_open = False
    pending_qty: Item | None = None
    pending_prices: list[Decimal] = []
    now_pending: list[bool] = []
    """Parallel to pending_prices: True for a price typed as 现在3480 (maybe the current price)."""
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
            "half": False,
        }
        carried = today_open = False
        if pending_qty is not None:
            leg["lots"], leg["unit"] = pending_qty[1], pending_qty[2]
            pending_qty = None
        if pending_prices:  # 在3500买了… / …3550卖了: a price typed before its direction word
            leg["price"] = pending_prices.pop(0)
            now_pending.pop(0)
        legs.append(leg)
        if len(legs) > MAX_LEGS:
            raise UserFacingError(f"一条消息最多 {MAX_LEGS} 笔成交，请分开计算", example=EXAMPLE)
        return leg

    def set_attr(name: str, value: Any) -> None:
        if name in attrs:
            raise _duplicate(name)
        attrs[name] = value

    glued_at: int | None = None
    """Where a number glued to the contract name just read would start (螺纹2505)."""
    in_zhang = False
    """Some quantity was typed in 张 (contracts)."""
    kind = ""
    for item in items:
        previous, kind = kind, item[0]  # a modifier right after a direction word qualifies it
        glue, glued_at = glued_at, None
        if kind == "price" and glue is not None and item[3:4] == (glue,):
            month = _month_text(item[2])
            if month is not None:  # 螺纹2505: the delivery month, as rb2505 is
                contracts[-1] += month
                continue
        if kind == "dir":
            word = item[1]
            if item[3:4] == (True,):  # 昨多 / 持空: held from before
                carried = True
            if (
                current is not None
                and current["word"] == "open_any"
                and (current["price"] is None or current["lots"] is None)
                and word in _SIDED_OPENING
            ):
                # 开了2手多单 / 3500开的多单2手: 开(仓) … 多单 is one leg
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
            if (
                role == "done"
                and current is not None
                and current["price"] is not None
                and not (current["lots"] is None and current["price_bare"])
            ):
                # 做多10手 3500买的 3550卖的: a fill after a priced open is its close
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
            if current is None or role == "now":
                # 现在3480: the price of a close typed next (现在3480平了), else the current price
                pending_prices.append(value)
                now_pending.append(role == "now")
            elif current["price"] is None:
                current["price"] = value
                current["price_bare"] = role == "bare"
            elif (
                current["lots"] is None
                and current["price_bare"]
                and role in _BARE_ROLES
                and current["price"] * _LOTS_BELOW_PRICE <= value
            ):
                # 做多1 60000 / long 2 @3000: the first unit-less number was the quantity
                # (not in 开多 3500 3550: two prices, and which one is the open is asked)
                current["lots"], current["lots_from_bare"] = current["price"], True
                current["price"], current["price_bare"] = value, False
            elif (
                current["lots"] is None
                and current["price_bare"]
                and role == "bare"
                and value * _LOTS_BELOW_PRICE <= current["price"]
            ):  # long 60000 1 btc / 开多 3500 10: the quantity typed after the price
                current["lots"], current["lots_from_bare"] = value, True
                current["price_bare"] = False
            else:  # the leg is complete: the price belongs to the next direction word, if any
                pending_prices.append(value)
                now_pending.append(False)
        elif kind == "qty":
            numbers += 1
            if item[3:4] == (True,):
                in_zhang = True
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
        elif kind == "half":  # 平一半 / 平了一半: half of what is held, once legs are resolved
            if current is None or current["word"] not in _CLOSING or current["lots"] is not None:
                raise UserFacingError(
                    f"“{item[1]}”要写在平仓后面，例如“平一半 3550”",
                    example="开多4手 rb 3500 平一半 3550",
                )
            current["half"] = True
        elif kind == "attr":
            name = item[1]
            if name != "exchange":
                numbers += 1
            set_attr(name, item[2])
        elif kind == "contract":
            contracts.append(item[1])
            glued_at = item[2]
        elif kind == "q":
            if item[1] not in questions:
                questions.append(item[1])
        elif kind == "market":
            if item[1] not in markets:
                markets.append(item[1])
        elif kind == "mod":
            bare_leg = current is not None and current["lots"] is None and current["price"] is None
            if bare_leg and previous == "dir":  # 多头持仓5手 / 空单今开: qualifies that leg
                assert current is not None
                current["carried" if item[1] == "CARRIED" else "today_open"] = True
            elif item[1] == "CARRIED":
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
    now_price = None
    if len(pending_prices) == 1 and now_pending[0]:
        now_price = pending_prices.pop()
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
            half=leg["half"],
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
        "now_price": now_price,
    }
    if in_zhang:
        fields["in_zhang"] = True
    if pending_qty is not None:  # a quantity and no direction word: "rb 3500 10手 保证金"
        fields["loose_lots"], fields["loose_unit"] = pending_qty[1], pending_qty[2]
    fields.update(attrs)
    fields["typed"] = frozenset(attrs)
    return MessageSpec.of(fields)
