"""The clauses a command is made of, as the transformer reads them: typed records, one per
kind of thing a trader types (a direction word, a quantity, a price, a keyed value …).

``bot.parse.assemble`` groups them into the legs and attributes of a ``MessageSpec``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal, NamedTuple

from bot.parse.spec import FeeSpec, RateSpec

PriceRole = Literal["bare", "at", "entry", "exit", "done", "now"]
"""How a price was typed: bare (3500), at (@3500), entry (开仓价3500 / 3500开), exit (平仓价
3550 / 3550出 / →3550), done (3500买的), now (现在3480)."""
QuantityUnit = Literal["lots", "coins", "shares"]
AttributeValue = Decimal | RateSpec | FeeSpec | str | tuple[Decimal, ...]


class Direction(NamedTuple):
    """开多 / 平空 / 买入 …: starts a leg."""

    word: str
    text: str
    carried: bool = False
    """昨多 / 持空: a position held from before."""


class Modifier(NamedTuple):
    """昨 / 持仓 (CARRIED) or 今开 (TODAY): qualifies the leg it follows or the next one."""

    name: str


class Quantity(NamedTuple):
    value: Decimal
    unit: QuantityUnit
    in_zhang: bool = False
    """Typed in 张 (contracts) rather than 手."""


class Half(NamedTuple):
    """平一半: half of what is held."""

    text: str


class Price(NamedTuple):
    role: PriceRole
    value: Decimal
    start: int | None = None
    """Where a bare number starts in the text (a month glued to a contract name)."""
    money: bool = False
    """Typed with U / USDT after it (1000U): an amount of money, never a quantity."""


class Attribute(NamedTuple):
    """A keyed value: 乘数10, 手续费3元/手, 权益10万 … (``name`` is a ``MessageSpec`` field)."""

    name: str
    value: AttributeValue


class ContractName(NamedTuple):
    text: str
    end: int | None
    """Where the name ends in the text (None when joined from two clauses)."""


class Question(NamedTuple):
    name: str


class Market(NamedTuple):
    name: str


class How(NamedTuple):
    """怎么算: the working is asked for."""


class Ratio(NamedTuple):
    reward: Decimal
    risk: Decimal


Clause = (
    Direction
    | Modifier
    | Quantity
    | Half
    | Price
    | Attribute
    | ContractName
    | Question
    | Market
    | How
    | Ratio
)
