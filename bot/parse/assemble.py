"""Assemble clause items into a ``MessageSpec``.

The transformer turns each clause into a typed record (``bot.parse.clauses``: ``Direction``,
``Quantity``, ``Price``, ``Attribute`` …). Here a direction word starts a leg; quantities and
prices that follow attach to it (``做多1 60000`` = 1 lot at 60000, the first unit-less number
becomes the quantity once a second one arrives); ``1020出`` / ``平仓价1020`` / ``→1020`` add a
close leg unless the current leg is a close still without price; ``1000进`` / ``入场1000`` set the
open price; modifiers (昨持, 今开) qualify the next leg. An attribute typed twice is refused rather
than silently overwritten. ``long 2 @3000`` is 2 at 3000 like ``做多1 60000``; ``平一半`` marks the
close as half of what is held. ``现在3480`` waits like a price typed before its direction word:
it becomes that leg's price (``现在1020平了``) or, left over, ``now_price`` (the resolver decides).
A quantity with no direction word at all is kept as ``loose_lots`` (a margin-only question
needs none).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from bot.core.numbers import num, plain
from bot.errors import UserFacingError
from bot.parse.clauses import (
    Attribute,
    AttributeValue,
    Clause,
    ContractName,
    Direction,
    Half,
    How,
    Market,
    Modifier,
    Price,
    Quantity,
    QuantityUnit,
    Question,
    Ratio,
)
from bot.parse.normalize import EXAMPLE, MAX_LEGS
from bot.parse.spec import LegSpec, LegWord, MessageSpec

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
    "margin_per_lot": "每手保证金",
    "maintenance": "维持保证金率",
    "maint_amount": "维持保证金速算额",
    "equity": "权益",
    "wallet": "钱包余额",
    "funding_rate": "资金费率",
    "funding_periods": "资金费次数",
    "funding_days": "持仓天数",
    "taker_fee": "费率",
    "maker_fee": "挂单费率",
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
    "stop_ticks": "止损跳数",
    "move_ticks": "涨跌跳数",
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
    "avg_win": "平均盈利",
    "avg_loss": "平均亏损",
    "target_return": "收益率",
    "stop_return": "亏损占保证金",
    "equity_return": "权益收益率",
    "risk_cap": "风险度上限",
    "risk_at": "问到的风险度",
    "ladder_pcts": "涨跌幅",
    "ladder_points": "涨跌点数",
}


IMPLIED_QUESTIONS = {
    "forced_yn": "liquidation",
    "call_yn": "deposit",
    "available": "risk",
    "all_in": "size",
    "wipeout": "liquidation",
    "loss_to_forced": "liquidation",
    "expectancy": "win_rate",
}
"""A question that is a form of another: plans that do not know the form answer the other."""


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


def _value_text(value: AttributeValue | Decimal) -> str:
    if isinstance(value, Decimal):
        return plain(value)
    if isinstance(value, str):
        return value
    if isinstance(value, tuple):  # a ladder's steps (涨跌1% 2% 5%)
        return "、".join(plain(step) for step in value)
    return value.text


def _conflict(
    name: str, first: AttributeValue | Decimal, second: AttributeValue
) -> UserFacingError:
    """Two different values for one thing (乘数10 … 乘数5): which is meant is asked."""
    label = ATTRIBUTE_LABELS.get(name, name)
    return UserFacingError(
        f"“{label}”写了两个不同的值：{_value_text(first)} 和 {_value_text(second)}，"
        "以哪个为准？请只写一个",
        example=EXAMPLE,
    )


_MONTH = re.compile(r"(?:2[0-9]|[0-9])(?:0[1-9]|1[0-2])")
"""A delivery month as the grammar's SYMBOL reads one: YYMM in 2020–2029, or CZCE's YMM."""


def _month_text(value: Decimal) -> str | None:
    text = str(value)
    return text if _MONTH.fullmatch(text) else None


def assemble(items: Sequence[Clause]) -> MessageSpec:
    """Group the clauses into legs and attributes (see the module docstring).

    A number typed after a contract name with a space (``螺纹 2505 3500``) may be its delivery
    month or a price: it is read as the month when, read as a price, it would leave some
    number without a place (``开多2手 螺纹 2505 3500 平3550``); otherwise it stays a price
    (``MA 2410 开多2手 平2480``: 2410 is the open price).
    """
    spec = _Assembler().read(items)
    if spec.loose_prices:
        with_month = _month_after_contract(items)
        if with_month is not None:
            other = _Assembler().read(with_month)
            if len(other.loose_prices) < len(spec.loose_prices):
                return other
    return spec


def _month_after_contract(items: Sequence[Clause]) -> list[Clause] | None:
    """The clauses with the first month-shaped number after a month-less contract name joined
    to it (螺纹 2505 → 螺纹2505), or None when there is no such number."""
    for index in range(1, len(items)):
        before, item = items[index - 1], items[index]
        if not isinstance(before, ContractName) or before.text[-1:].isdigit():
            continue
        if isinstance(item, Price) and item.role == "bare":
            month = _month_text(item.value)
            if month is not None:
                joined = ContractName(before.text + month, None)
                return [*items[: index - 1], joined, *items[index + 1 :]]
    return None


@dataclass(slots=True)
class _Leg:
    """A leg being read: filled in as its quantity and price arrive."""

    word: str
    text: str
    carried: bool
    today_open: bool
    lots: Decimal | None = None
    unit: QuantityUnit | None = None
    lots_from_bare: bool = False
    price: Decimal | None = None
    price_bare: bool = False
    half: bool = False

    def spec(self) -> LegSpec:
        word: LegWord = self.word  # type: ignore[assignment]  # the grammar's direction names
        return LegSpec(
            word=word,
            text=self.text,
            lots=self.lots,
            unit=self.unit,
            lots_from_bare=self.lots_from_bare,
            price=self.price,
            carried=self.carried,
            today_open=self.today_open,
            half=self.half,
        )


class _Assembler:
    """Reads the clauses in order; one method per kind of clause."""

    def __init__(self) -> None:
        self.legs: list[_Leg] = []
        self.current: _Leg | None = None
        self.carried = self.today_open = False
        """昨持 / 今开 typed before the next direction word."""
        self.pending_qty: Quantity | None = None
        self.pending_prices: list[Decimal] = []
        self.pending_entry: Decimal | None = None
        """开仓价3500 / 3500成本 typed before any direction word: the next open's price."""
        self.now_pending: list[bool] = []
        """Parallel to pending_prices: True for a price typed as 现在3480 (maybe the current
        price)."""
        self.attrs: dict[str, AttributeValue | Decimal] = {}
        self.remaining_after: int | None = None
        self.contracts: list[str] = []
        self.leg_contract: list[int | None] = []
        """Parallel to legs: the index in ``contracts`` of the product each leg is in."""
        self.pending_contract: int | None = None
        """A product named before its leg (rb 多2手 3500 i 空1手 800: i is the second leg's)."""
        self.questions: list[str] = []
        self.markets: list[str] = []
        self.how = self.in_zhang = False
        self.numbers = 0
        self.glued_at: int | None = None
        """Where a number glued to the contract name just read would start (螺纹2505)."""
        self.previous: Clause | None = None

    def read(self, items: Sequence[Clause]) -> MessageSpec:
        for item in items:
            glue, self.glued_at = self.glued_at, None
            if isinstance(item, Price) and glue is not None and item.start == glue:
                month = _month_text(item.value)
                if month is not None:  # 螺纹2505: the delivery month, as rb2505 is
                    self.contracts[-1] += month
                    self.previous = item
                    continue
            self._read(item)
            self.previous = item  # a modifier right after a direction word qualifies it
        return self._spec()

    def _read(self, item: Clause) -> None:
        if isinstance(item, Direction):
            self.on_direction(item)
        elif isinstance(item, Price):
            self.numbers += 1
            self.on_price(item)
        elif isinstance(item, Quantity):
            self.numbers += 1
            self.on_quantity(item)
        elif isinstance(item, Attribute):
            self.numbers += item.name != "exchange"
            self.set_attr(item.name, item.value)
            if item.name == "remaining":  # 剩下一手3600平: what was left before that close
                self.remaining_after = len(self.legs)
        elif isinstance(item, Ratio):
            self.numbers += 1
            if "reward" in self.attrs:
                raise _duplicate("reward")
            self.attrs["reward"], self.attrs["risk"] = item.reward, item.risk
        else:
            self._read_word(item)

    def _read_word(self, item: Clause) -> None:
        """Clauses without a number: 平一半, the contract, questions, markets, modifiers."""
        if isinstance(item, Half):
            self.on_half(item)
        elif isinstance(item, ContractName):
            self.on_contract(item)
        elif isinstance(item, Question):
            _add_once(self.questions, item.name)
            implied = IMPLIED_QUESTIONS.get(item.name)
            if implied is not None:  # 会不会爆仓: a 强平 question answered yes or no
                _add_once(self.questions, implied)
        elif isinstance(item, Market):
            _add_once(self.markets, item.name)
        elif isinstance(item, Modifier):
            self.on_modifier(item)
        elif isinstance(item, How):
            self.how = True

    def on_contract(self, item: ContractName) -> None:
        """The product names the current leg when it has none yet, else the next leg."""
        self.contracts.append(item.text)
        self.glued_at = item.end
        index = len(self.contracts) - 1
        if self.leg_contract and self.leg_contract[-1] is None:
            self.leg_contract[-1] = index
        else:
            self.pending_contract = index

    # ------------------------------------------------------------------ legs
    def new_leg(self, word: str, text: str) -> _Leg:
        leg = _Leg(word, text, self.carried, self.today_open)
        self.carried = self.today_open = False
        if self.pending_qty is not None:
            leg.lots, leg.unit = self.pending_qty.value, self.pending_qty.unit
            self.pending_qty = None
        if self.pending_entry is not None and word in _OPENING:  # 3500成本 多1手
            leg.price, self.pending_entry = self.pending_entry, None
        elif self.pending_prices:  # 在3500买了… / …3550卖了: a price typed before its direction
            leg.price = self.pending_prices.pop(0)
            self.now_pending.pop(0)
        self.legs.append(leg)
        self.leg_contract.append(self.pending_contract)
        self.pending_contract = None
        if len(self.legs) > MAX_LEGS:
            raise UserFacingError(f"一条消息最多 {MAX_LEGS} 笔成交，请分开计算", example=EXAMPLE)
        self.current = leg
        return leg

    def on_direction(self, item: Direction) -> None:
        if item.carried:  # 昨多 / 持空: held from before
            self.carried = True
        current = self.current
        if (
            current is not None
            and current.word == "open_any"
            and (
                current.price is None or current.lots is None or isinstance(self.previous, Quantity)
            )
            and item.word in _SIDED_OPENING
        ):
            # 开了2手多单 / 3500开的多单2手: 开(仓) … 多单 is one leg
            current.word, current.text = item.word, item.text
        elif item.word == "open_any" and self._priced_just_now(current):
            return  # 多1手 520开: 开 marks the price just typed as the open's
        else:
            self.new_leg(item.word, item.text)

    def _priced_just_now(self, current: _Leg | None) -> bool:
        """The current leg is a sided open still without its price (多单 开仓3800), or the last
        clause was its price (多1手 520开): 开/开仓 then adds nothing to it."""
        if current is None or current.word not in _SIDED_OPENING:
            return False
        previous = self.previous
        return current.price is None or (
            isinstance(previous, Price) and current.price == previous.value
        )

    def on_modifier(self, item: Modifier) -> None:
        current = self.current
        bare_leg = current is not None and current.lots is None and current.price is None
        if current is not None and bare_leg and isinstance(self.previous, Direction):
            # 多头持仓5手 / 空单今开: qualifies that leg
            if item.name == "CARRIED":
                current.carried = True
            else:
                current.today_open = True
        elif item.name == "CARRIED":
            self.carried = True
        else:
            self.today_open = True

    def on_half(self, item: Half) -> None:
        """平一半 / 平了一半: half of what is held, once legs are resolved."""
        current = self.current
        if current is None or current.word not in _CLOSING or current.lots is not None:
            raise UserFacingError(
                f"“{item.text}”要写在平仓后面，例如“平一半 3550”",
                example="开多4手 rb 3500 平一半 3550",
            )
        current.half = True

    def on_quantity(self, item: Quantity) -> None:
        if item.in_zhang:
            self.in_zhang = True
        current = self.current
        if current is None:
            if self.pending_qty is not None:
                raise UserFacingError("手数写了两次，请只写一个", example=EXAMPLE)
            self.pending_qty = item
        elif current.lots is None:
            current.lots, current.unit = item.value, item.unit
        else:
            raise UserFacingError(
                f"“{current.text}”写了两个手数（{plain(current.lots)}、{plain(item.value)}）",
                example=EXAMPLE,
            )

    # ------------------------------------------------------------------ prices
    def on_price(self, item: Price) -> None:
        if item.role == "exit":
            self.on_exit(item.value)
        elif item.role == "done" and self._priced_open():
            # 做多10手 3500买的 3550卖的: a fill after a priced open is its close
            self.new_leg("close_any", "平仓").price = item.value
        elif item.role == "entry":
            self.on_entry(item.value)
        elif self.current is None or item.role == "now":
            # 现在3480: the price of a close typed next (现在3480平了), else the current price
            self._wait(item.value, now=item.role == "now")
        else:
            self.on_leg_price(self.current, item)

    def _priced_open(self) -> bool:
        current = self.current
        return (
            current is not None
            and current.price is not None
            and not (current.lots is None and current.price_bare)
        )

    def _wait(self, value: Decimal, *, now: bool) -> None:
        self.pending_prices.append(value)
        self.now_pending.append(now)

    def on_exit(self, value: Decimal) -> None:
        current = self.current
        if current is not None and current.word in _CLOSING and current.price is None:
            current.price = value
        else:
            self.new_leg("close_any", "平仓").price = value

    def on_entry(self, value: Decimal) -> None:
        self.attrs.setdefault("entry_price", value)
        target = self.current
        if target is not None and target.word in _CLOSING:
            target = next((leg for leg in reversed(self.legs) if leg.word in _OPENING), None)
        if target is None:
            if self.current is None:
                self.pending_entry = value
            return
        if target.price is not None and target.price != value:
            raise UserFacingError(
                f"开仓价写了两次：{plain(target.price)} 和 {plain(value)}", example=EXAMPLE
            )
        target.price = value

    def on_leg_price(self, leg: _Leg, item: Price) -> None:
        value = item.value
        if item.money and leg.price is not None:
            # BTC 开多 60000 1000U: an amount of USDT, never the quantity
            raise UserFacingError(
                f"“{num(value)}U”是什么？是保证金请写“保证金{num(value)}U”，"
                "数量请写“个”（如 0.5个）",
                example="BTC 20倍 开多 60000 保证金1000U 强平价",
            )
        unpriced_lots = leg.lots is None and leg.price_bare and leg.price is not None
        if leg.price is None:
            leg.price, leg.price_bare = value, item.role == "bare" and not item.money
        elif unpriced_lots and item.role in _BARE_ROLES and leg.price * _LOTS_BELOW_PRICE <= value:
            # 做多1 60000 / long 2 @3000: the first unit-less number was the quantity
            # (not in 开多 3500 3550: two prices, and which one is the open is asked)
            leg.lots, leg.lots_from_bare = leg.price, True
            leg.price, leg.price_bare = value, False
        elif unpriced_lots and item.role == "bare" and value * _LOTS_BELOW_PRICE <= leg.price:
            # long 60000 1 btc / 开多 3500 10: the quantity typed after the price
            leg.lots, leg.lots_from_bare = value, True
            leg.price_bare = False
        else:  # the leg is complete: the price belongs to the next direction word, if any
            self._wait(value, now=False)

    # ------------------------------------------------------------------ the spec
    def set_attr(self, name: str, value: AttributeValue) -> None:
        if name in self.attrs:
            first = self.attrs[name]
            if first == value:  # 乘数10 … 每手10吨: the same value twice is no conflict
                return
            raise _conflict(name, first, value)
        self.attrs[name] = value

    def _spec(self) -> MessageSpec:
        now_price = None
        if len(self.pending_prices) == 1 and self.now_pending[0]:
            now_price = self.pending_prices.pop()
        fields: dict[str, object] = {
            "legs": tuple(leg.spec() for leg in self.legs),
            "contracts": tuple(self.contracts),
            "questions": tuple(self.questions),
            "markets": tuple(self.markets),
            "how": self.how,
            "numbers": self.numbers,
            "loose_prices": tuple(self.pending_prices),
            "now_price": now_price,
        }
        if self.in_zhang:
            fields["in_zhang"] = True
        if len(set(self.contracts)) > 1:  # rb 多2手 3500 i 空1手 800: each leg's product
            fields["leg_contracts"] = tuple(
                None if index is None else self.contracts[index] for index in self.leg_contract
            )
        if self.pending_qty is not None:  # a quantity, no direction word: "rb 3500 10手 保证金"
            fields["loose_lots"] = self.pending_qty.value
            fields["loose_unit"] = self.pending_qty.unit
        fields.update(self.attrs)
        if self.remaining_after is not None:
            fields["remaining_after"] = self.remaining_after
        fields["typed"] = frozenset(self.attrs)
        return MessageSpec.of(fields)


def _add_once(values: list[str], value: str) -> None:
    if value not in values:
        values.append(value)
