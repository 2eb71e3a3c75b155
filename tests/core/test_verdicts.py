"""Yes/no questions: 会不会爆仓 at a price, 要不要追保 now — the answer first, then the figure."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bot.core.maintenance import MaintenanceRequest, MaintenanceResult, compute_maintenance
from bot.core.risk import (
    AccountRiskRequest,
    AccountRiskResult,
    RiskPosition,
    compute_account_risk,
)
from bot.core.verdicts import forced_at_price, maintenance_at_price, margin_call_now
from bot.errors import DomainError
from bot.format.verdicts import format_verdict
from tests.core.builders import d


def rb_10_lots(equity: int = 100000) -> AccountRiskResult:
    return compute_account_risk(
        AccountRiskRequest(
            equity=d(equity),
            positions=(
                RiskPosition(
                    side="long", lots=d(10), price=d(3500), multiplier=d(10), margin_rate=d("0.1")
                ),
            ),
        )
    )


def test_falling_to_3400_does_not_blow_up_a_100k_account() -> None:
    # 多10手 rb 3500, 权益10万: at 3400 equity 100,000 − 100 × 100 = 90,000,
    # margin 100 × 10% × 3400 = 34,000 → 37.78 % < 100 %: 不会.
    # Forced price: (100,000 − 350,000) / (100 × (0.1 − 1)) = 2,777.78.
    verdict = forced_at_price(rb_10_lots(), d(3400))
    assert verdict.yes is False
    assert verdict.answer == "不会"
    assert verdict.risk_ratio == Decimal(34000) / Decimal(90000)
    assert verdict.line_price == Decimal(-250000) / Decimal(-90)
    assert format_verdict(verdict)[0].lines[0] == (
        "不会：跌到 3,400 时风险度 37.78%（强平线 100%，触线价 2,777.78）"
    )


def test_falling_below_the_forced_price_blows_up() -> None:
    # at 2700: equity 100,000 − 80,000 = 20,000, margin 27,000 → 135 %: 会.
    verdict = forced_at_price(rb_10_lots(), d(2700))
    assert verdict.yes is True
    assert verdict.answer == "会"
    assert verdict.risk_ratio == Decimal("1.35")
    assert verdict.margin == Decimal(20000) - Decimal(27000)  # equity − margin / 100 %


def test_002_document_100k_equity_100k_margin_hits_the_line() -> None:
    """《平仓线》: 权益10万, 保证金10万 → 风险度100%, the line is reached: 要追保."""
    account = compute_account_risk(AccountRiskRequest(equity=d(100000), margin_used=d(100000)))
    verdict = margin_call_now(account)
    assert verdict.yes is True
    assert verdict.answer == "要"
    assert verdict.amount == Decimal(25000)  # 100,000 / 80 % − 100,000
    assert format_verdict(verdict)[0].lines[0].startswith("要：风险度 100%")


def test_002_document_80_percent_needs_no_call() -> None:
    """《平仓线》: 8万 / 10万 = 80 %: safe, 不用追保."""
    account = compute_account_risk(AccountRiskRequest(equity=d(100000), margin_used=d(80000)))
    verdict = margin_call_now(account)
    assert (verdict.yes, verdict.answer) == (False, "不用")
    assert verdict.margin == Decimal(20000)  # 100 % × 100,000 − 80,000


def seed_003(current: int | None = None) -> MaintenanceResult:
    return compute_maintenance(
        MaintenanceRequest(
            side="long",
            lots=d(1),
            entry_price=d(5000),
            multiplier=d(10),
            initial_rate=d("0.12"),
            maintenance_rate=d("0.08"),
            equity=d(6000),
            current_price=None if current is None else d(current),
        )
    )


def test_003_document_at_4800_the_forced_price_is_hit() -> None:
    """《强行平仓》: 5000 × 10 吨, 权益6,000, 维持4,000: at 4,800 equity 6,000 − 2,000 = 4,000."""
    verdict = maintenance_at_price(seed_003(), d(4800))
    assert verdict.yes is True
    assert verdict.margin == Decimal(0)
    assert verdict.line_price == Decimal(4800)
    assert format_verdict(verdict)[0].lines[0] == (
        "会：跌到 4,800 时权益 4,000，等于维持保证金（到达强平价）"
    )


def test_003_document_at_4850_not_yet() -> None:
    # equity 6,000 − 150 × 10 = 4,500 > 4,000 by 500
    verdict = maintenance_at_price(seed_003(), d(4850))
    assert (verdict.yes, verdict.margin) == (False, Decimal(500))
    assert verdict.headline == "不会：跌到 4,850 时权益 4,500，高于维持保证金 500（强平价 4,800）"


def test_003_margin_call_at_4700() -> None:
    # equity 6,000 − 3,000 = 3,000 < 4,000: 要, back to the initial 6,000 → 3,000.
    verdict = margin_call_now(seed_003(current=4700))
    assert (verdict.yes, verdict.answer, verdict.amount) == (True, "要", Decimal(3000))


def test_no_position_cannot_say_for_a_price() -> None:
    account = compute_account_risk(AccountRiskRequest(equity=d(100000), margin_used=d(80000)))
    with pytest.raises(DomainError) as excinfo:
        forced_at_price(account, d(3400))
    assert "持仓" in excinfo.value.message


def test_a_zero_price_is_refused() -> None:
    with pytest.raises(DomainError) as excinfo:
        forced_at_price(rb_10_lots(), d(0))
    assert "价格必须大于0" in excinfo.value.message


# ---------------------------------------------------------------- the request the registry runs


def _rb_request(equity: int) -> AccountRiskRequest:
    position = RiskPosition(
        side="long", lots=d(10), price=d(3500), multiplier=d(10), margin_rate=d("0.1")
    )
    return AccountRiskRequest(equity=d(equity), positions=(position,))


def test_verdict_request_runs_the_account_at_a_price() -> None:
    from bot.core.verdicts import VerdictRequest, compute_verdict

    # as above: 34,000 / 90,000 = 37.78 % at 3400 → 不会
    verdict = compute_verdict(
        VerdictRequest(question="forced", account=_rb_request(100000), price=d(3400))
    )
    assert verdict.answer == "不会"
    assert verdict.risk_ratio is not None
    assert verdict.risk_ratio.quantize(d("0.0001")) == d("0.3778")


def test_verdict_request_asks_for_one_position_and_a_price() -> None:
    from bot.core.verdicts import VerdictRequest

    maintenance = MaintenanceRequest(
        side="long",
        lots=d(1),
        entry_price=d(5000),
        multiplier=d(10),
        initial_rate=d("0.12"),
        maintenance_rate=d("0.08"),
    )
    with pytest.raises(DomainError):
        VerdictRequest(question="forced", account=_rb_request(100000), maintenance=maintenance)
    with pytest.raises(DomainError):
        VerdictRequest(question="forced", account=_rb_request(100000))


def test_perpetual_past_its_liquidation_price_is_liquidated() -> None:
    from bot.core.crypto import PerpRequest
    from bot.core.verdicts import VerdictRequest, compute_verdict

    # Binance isolated long 1 BTC at 60000, 20x: wallet 3000,
    # liquidation (3000 − 60000) / (0.5% − 1) = 57286.43 → 57000 is past it: 会
    perp = PerpRequest(side="long", quantity=d(1), entry_price=d(60000), leverage=d(20))
    at_57000 = compute_verdict(VerdictRequest(question="forced", perp=perp, price=d(57000)))
    assert at_57000.answer == "会"
    assert at_57000.line_price is not None
    assert at_57000.line_price.quantize(d("0.01")) == d("57286.43")
    at_58000 = compute_verdict(VerdictRequest(question="forced", perp=perp, price=d(58000)))
    assert at_58000.answer == "不会"
    with pytest.raises(DomainError):
        VerdictRequest(question="margin_call", perp=perp)


def test_maintenance_without_an_initial_rate_needs_the_equity() -> None:
    # equity 6000, maintenance 8 % of 50,000 = 4,000: forced 5000 − 2000 / 10 = 4800
    result = compute_maintenance(
        MaintenanceRequest(
            side="long",
            lots=d(1),
            entry_price=d(5000),
            multiplier=d(10),
            initial_rate=None,
            maintenance_rate=d("0.08"),
            equity=d(6000),
        )
    )
    assert result.forced_price == d(4800)
    assert result.initial_margin is None
    with pytest.raises(DomainError):
        compute_maintenance(
            MaintenanceRequest(
                side="long",
                lots=d(1),
                entry_price=d(5000),
                multiplier=d(10),
                initial_rate=None,
                maintenance_rate=d("0.08"),
            )
        )
