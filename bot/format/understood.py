"""The "我理解为：…" line every answer starts with: what the bot understood, in one line.

``我理解为：多头 2 手 @1000 → 平仓 @1020，乘数 100`` — the resolver's parts (``Plan.understood``,
worded by ``bot.resolve.understood``) joined by Chinese commas.
"""

from __future__ import annotations

from collections.abc import Iterable

from bot.reply import Block

PREFIX = "我理解为："


def understood_block(parts: Iterable[str]) -> Block:
    """One text block: ``我理解为：`` + the non-empty parts joined by Chinese commas."""
    # A validated constructor: pydantic-core validates two fields faster than the pure-Python
    # model_construct builds them.
    return Block(style="text", lines=(PREFIX + "，".join(filter(None, parts)),))
