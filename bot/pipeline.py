"""One pipeline for every front end: ``answer(text) -> Reply``.

normalise → parse (Lark LALR) → resolve (contract table, chat defaults) → calculate (core)
→ format. TEMPORARY SKELETON: the parsing work replaces the body; the signature stays.
"""

from __future__ import annotations

from bot.defaults import ChatDefaults
from bot.reply import Block, Reply


def answer(text: str, defaults: ChatDefaults | None = None) -> Reply:
    """Answer one message. Never raises for bad input: returns ``Reply(ok=False, ...)``."""
    del defaults
    return Reply(
        ok=False,
        kind="error",
        blocks=(Block(lines=(f"暂时无法理解：“{text}”",)),),
    )
