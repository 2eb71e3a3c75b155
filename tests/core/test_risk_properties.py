"""Property tests for 风险度: line prices, lots to close and deposits really do what they say.

Exactness: the core works in Decimal with the default 28 significant digits, so a quotient such
as 25000/9 is stored rounded in its 28th digit. We therefore recompute margin and equity at
the returned price with ``fractions.Fraction`` (exact, no rounding at all) and compare the
exact ratio with the line after quantizing both to 1e-18: that absorbs the ~1e-25 relative
rounding of the stored price (times the leverage, at most a few hundred) while any error in
the formula itself (a wrong sign, a missing term) shows up many orders of magnitude above it.
Comparisons that involve no non-terminating division (lots to close) are exact.
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal, localcontext
from fractions import Fraction

from hypothesis import assume, given
from hypothesis import strategies as st

from bot.core.results import Side, side_sign
from bot.core.risk import AccountRiskRequest, RiskPosition, compute_account_risk

QUANTUM = Decimal("1e-18")


def _q(value: Fraction | Decimal) -> Decimal:
    """Quantize an exact value to 1e-18 (computed with ample precision)."""
    with localcontext() as ctx:
        ctx.prec = 80
        if isinstance(value, Fraction):
            value = Decimal(value.numerator) / Decimal(value.denominator)
        return value.quantize(QUANTUM, rounding=ROUND_HALF_EVEN)


def _dec(cents: int, places: int = 2) -> Decimal:
    return Decimal(cents).scaleb(-places)


sides = st.sampled_from(["long", "short"])
lots = st.integers(min_value=1, max_value=200).map(Decimal)
prices = st.integers(min_value=100, max_value=10_000_000).map(_dec)  # 1.00 … 100,000.00
multipliers = st.sampled_from(["1", "5", "10", "15", "20", "100", "300", "1000"]).map(Decimal)
margin_rates = st.integers(min_value=20, max_value=400).map(lambda n: _dec(n, 3))  # 2 % … 40 %
lines = st.integers(min_value=41, max_value=200).map(lambda n: _dec(n, 2))  # 41 % … 200 %
targets = st.integers(min_value=10, max_value=150).map(lambda n: _dec(n, 2))


@st.composite
def accounts(draw: st.DrawFn) -> tuple[RiskPosition, Decimal]:
    side: Side = draw(sides)
    pos = RiskPosition(
        side=side,
        lots=draw(lots),
        price=draw(prices),
        multiplier=draw(multipliers),
        margin_rate=draw(margin_rates),
    )
    margin = pos.lots * pos.price * pos.multiplier * pos.margin_rate
    # equity between a quarter of the margin (deep in trouble) and 4× the margin (comfortable)
    equity = (margin * draw(st.integers(min_value=25, max_value=400)) / 100).quantize(
        Decimal("0.01")
    )
    assume(equity > 0)
    return pos, equity


@given(accounts(), lines)
def test_line_price_puts_the_ratio_exactly_on_the_line(
    account: tuple[RiskPosition, Decimal], line: Decimal
) -> None:
    pos, equity = account
    result = compute_account_risk(
        AccountRiskRequest(equity=equity, positions=(pos,), warning_lines=(), forced_line=line)
    )
    level = result.lines[-1]
    k = Fraction(pos.lots * pos.multiplier)
    if level.price is None:
        # only an unleveraged long can never get there: equity ≥ contract value
        assert pos.side == "long"
        assert Fraction(equity) >= k * Fraction(pos.price)
        return
    price = Fraction(level.price)
    assert price > 0
    margin_at = k * Fraction(pos.margin_rate) * price
    equity_at = Fraction(equity) + side_sign(pos.side) * k * (price - Fraction(pos.price))
    assert equity_at > 0
    assert _q(margin_at / equity_at) == _q(line)


@given(accounts(), targets)
def test_lots_to_close_is_the_fewest_that_reach_the_target(
    account: tuple[RiskPosition, Decimal], target: Decimal
) -> None:
    pos, equity = account
    result = compute_account_risk(
        AccountRiskRequest(
            equity=equity, positions=(pos,), target_ratio=target, forced_line=Decimal(3)
        )
    )
    assert result.lots_to_close is not None
    closed = result.lots_to_close
    per_lot = Fraction(pos.price * pos.multiplier * pos.margin_rate)
    ratio_after = (Fraction(pos.lots) - Fraction(closed)) * per_lot / Fraction(equity)
    assert ratio_after <= Fraction(target)
    assert result.ratio_after_close is not None
    assert _q(result.ratio_after_close) == _q(ratio_after)
    if closed > 0:
        one_fewer = (Fraction(pos.lots) - Fraction(closed) + 1) * per_lot / Fraction(equity)
        assert one_fewer > Fraction(target)
    else:
        assert Fraction(result.risk_ratio) <= Fraction(target)


@given(accounts(), targets)
def test_deposit_brings_the_ratio_exactly_to_the_target(
    account: tuple[RiskPosition, Decimal], target: Decimal
) -> None:
    pos, equity = account
    result = compute_account_risk(
        AccountRiskRequest(
            equity=equity, positions=(pos,), target_ratio=target, forced_line=Decimal(3)
        )
    )
    margin = Fraction(result.margin_used)
    if result.deposit_needed == 0:
        assert margin / Fraction(equity) <= Fraction(target)
        return
    after = margin / (Fraction(equity) + Fraction(result.deposit_needed))
    assert _q(after) == _q(target)


@given(
    st.integers(min_value=1, max_value=10**9).map(_dec),
    st.integers(min_value=0, max_value=10**9).map(_dec),
)
def test_ratio_and_available_funds(equity: Decimal, margin: Decimal) -> None:
    result = compute_account_risk(AccountRiskRequest(equity=equity, margin_used=margin))
    assert result.available == equity - margin
    assert _q(Fraction(result.risk_ratio)) == _q(Fraction(margin) / Fraction(equity))
    assert (result.status == "强平") == (Fraction(margin) >= Fraction(equity))
