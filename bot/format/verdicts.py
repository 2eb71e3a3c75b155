"""Format a ``Verdict``: 会/不会, 要/不用 first with the deciding figure, then the working."""

from __future__ import annotations

from bot.core.verdicts import Verdict
from bot.format.numbers import note_block
from bot.reply import Block


def format_verdict(result: Verdict) -> tuple[Block, ...]:
    """``会：跌到 3,400 时风险度 105.26%（强平线 100%）``, then the steps and assumptions."""
    return (
        Block(lines=(result.headline,)),
        note_block((*result.steps, *result.assumptions)),
    )
