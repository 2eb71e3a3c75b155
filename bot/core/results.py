"""Shared shape of every calculation result: figures plus how they were obtained."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

Side = Literal["long", "short"]
"""Position side: 多头 (long) or 空头 (short)."""


def side_sign(side: Side) -> int:
    """+1 for long, −1 for short: P&L = sign × (exit − entry) × multiplier × lots."""
    return 1 if side == "long" else -1


class CoreModel(BaseModel):
    """Frozen pydantic base for every request and result of the core.

    ``defer_build``: a model's validator is built when it is first used, not when its module
    is imported — a process pays only for the models its questions need (the CLI's cold
    start, and base or nested-only models that are never validated on their own).
    """

    model_config = ConfigDict(frozen=True, defer_build=True)


class CalcResult(CoreModel):
    """Base of every result: the formulas, the substituted working and the assumptions."""

    formula: tuple[str, ...] = ()
    """Symbolic formulas, e.g. "平仓盈亏 = (平仓价 − 开仓价) × 乘数 × 手数"."""
    steps: tuple[str, ...] = ()
    """The same with the user's numbers substituted, so a trader can check by hand."""
    assumptions: tuple[str, ...] = ()
    """Fee basis, margin model, threshold, matching rule … that the figures depend on."""
