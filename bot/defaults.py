"""Per-chat defaults the pipeline falls back on when the user does not say a value.

The Telegram layer stores one ``ChatDefaults`` per chat; the CLI uses ``ChatDefaults()``.
Rates are fractions (0.10 means 10 %), fees are 元.
"""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel, ConfigDict


class ChatDefaults(BaseModel):
    model_config = ConfigDict(frozen=True)

    fee_per_lot: Decimal | None = None
    """Fee per lot per side in 元 (e.g. 3); None means fees are not counted unless typed."""
    fee_rate: Decimal | None = None
    """Fee as a fraction of turnover per side (e.g. 0.000023 for 万分之0.23)."""
    margin_rate: Decimal | None = None
    """Futures margin rate when the user gives none (e.g. 0.10)."""
    warning_line: Decimal = Decimal("0.8")
    """风险度 warning line (预警线)."""
    forced_line: Decimal = Decimal("1.0")
    """风险度 forced-close line (强平线 / 平仓线)."""
    crypto_mmr: Decimal = Decimal("0.005")
    """Maintenance margin rate for crypto perpetuals when the user gives none."""
