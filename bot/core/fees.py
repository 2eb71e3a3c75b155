"""Futures fees: per lot (元/手) and/or a rate on turnover (万分之X), charged per side.

A fee is charged on the open leg AND on the close leg ("每边"), whether the close is voluntary
or forced (强平 costs the same fee). A separate close-today (平今) fee may apply to legs closed
the same day they were opened; when one is given it replaces the normal fee for those legs.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal, Protocol

from pydantic import model_validator

from bot.core.numbers import ONE, ZERO, plain
from bot.core.results import CoreModel
from bot.errors import DomainError

TEN_THOUSAND = Decimal(10000)
FEE_EXAMPLE = "手续费3元/手 或 手续费万分之0.23"


class LegLike(Protocol):
    """What a fee needs to know about a trade leg (``bot.core.trades.Leg`` fits)."""

    @property
    def action(self) -> Literal["open", "close"]: ...

    @property
    def lots(self) -> Decimal: ...

    @property
    def price(self) -> Decimal: ...

    @property
    def today(self) -> bool | None: ...


def fmt_rate(rate: Decimal) -> str:
    """A turnover rate the way brokers quote it: 0.000023 → ``万分之0.23``."""
    return f"万分之{plain(rate * TEN_THOUSAND)}"


class FeeSchedule(CoreModel):
    """Fees per side. ``None`` means "not charged"; per-lot and rate parts add up if both given."""

    per_lot: Decimal | None = None
    """元 per lot per side (open and close), e.g. 3 for 交易所2元 + 期货公司1元."""
    rate: Decimal | None = None
    """Fraction of turnover (价格 × 乘数 × 手数) per side, e.g. 0.000023 for 万分之0.23."""
    close_today_per_lot: Decimal | None = None
    """元 per lot for closing a position opened the same day (平今), replacing the normal fee."""
    close_today_rate: Decimal | None = None
    """Turnover rate for 平今, replacing the normal fee."""

    @model_validator(mode="after")
    def _check(self) -> FeeSchedule:
        for label, value in (
            ("每手手续费", self.per_lot),
            ("手续费率", self.rate),
            ("平今手续费", self.close_today_per_lot),
            ("平今手续费率", self.close_today_rate),
        ):
            if value is None:
                continue
            if not value.is_finite() or value < 0:
                raise DomainError(f"{label}不能为负数：{plain(value)}", example=FEE_EXAMPLE)
            if label.endswith("率") and value >= ONE:
                raise DomainError(
                    f"{label}应小于100%（按成交额的比例）：{plain(value)}", example=FEE_EXAMPLE
                )
        return self

    @classmethod
    def combined(cls, exchange_per_lot: Decimal, broker_per_lot: Decimal) -> FeeSchedule:
        """交易所手续费 + 期货公司佣金, both per lot: 2 元 + 1 元 → 3 元/手."""
        return cls(per_lot=exchange_per_lot + broker_per_lot)

    @property
    def has_close_today(self) -> bool:
        return self.close_today_per_lot is not None or self.close_today_rate is not None

    def _parts(self, close_today: bool) -> tuple[Decimal, Decimal]:
        if close_today and self.has_close_today:
            return self.close_today_per_lot or ZERO, self.close_today_rate or ZERO
        return self.per_lot or ZERO, self.rate or ZERO

    def fee(
        self,
        lots: Decimal,
        price: Decimal,
        multiplier: Decimal,
        *,
        close_today: bool = False,
    ) -> Decimal:
        """Exact fee of one side: 每手 × 手数 + 费率 × 价格 × 乘数 × 手数."""
        per_lot, rate = self._parts(close_today)
        return per_lot * lots + rate * price * multiplier * lots

    def leg_fee(self, leg: LegLike, multiplier: Decimal) -> Decimal:
        """Fee of one trade leg (open or close; 平今 rates when ``leg.today`` is True)."""
        return self.fee(leg.lots, leg.price, multiplier, close_today=_is_close_today(leg))

    def leg_working(self, leg: LegLike, multiplier: Decimal, fee: Decimal | None = None) -> str:
        """The leg fee with numbers substituted: ``3 × 2 = 6``, ``1000 × 100 × 2 × 万分之1 = 2``.

        ``fee``: the leg's fee when the caller already computed it (``leg_fee``).
        """
        per_lot, rate = self._parts(_is_close_today(leg))
        terms = []
        if per_lot:
            terms.append(f"{plain(per_lot)} × {plain(leg.lots)}")
        if rate:
            terms.append(
                f"{plain(leg.price)} × {plain(multiplier)} × {plain(leg.lots)} × {fmt_rate(rate)}"
            )
        if not terms:
            return "0"
        total = self.leg_fee(leg, multiplier) if fee is None else fee
        return f"{' + '.join(terms)} = {plain(total, 4)}"

    def describe(self) -> str:
        """The fee basis in Chinese, for the assumptions list."""
        parts = []
        if self.per_lot is not None:
            parts.append(f"{plain(self.per_lot)}元/手")
        if self.rate is not None:
            parts.append(f"成交额×{fmt_rate(self.rate)}")
        basis = " + ".join(parts) if parts else "0"
        text = f"手续费按每边收取（开仓、平仓各一次）：{basis}"
        if self.has_close_today:
            today = []
            if self.close_today_per_lot is not None:
                today.append(f"{plain(self.close_today_per_lot)}元/手")
            if self.close_today_rate is not None:
                today.append(f"成交额×{fmt_rate(self.close_today_rate)}")
            text += f"；平今：{' + '.join(today)}"
        return text + "；强平与主动平仓手续费相同"


def _is_close_today(leg: LegLike) -> bool:
    return leg.action == "close" and leg.today is True
