"""Friendly error replies: what was not understood (or is missing), where, and a correct example.

Every ``UserFacingError`` — a parse error, a question back to the user about an ambiguity, or a
core ``DomainError`` for an invalid value — becomes the same three-part reply.
"""

from __future__ import annotations

from bot.errors import UserFacingError
from bot.reply import Block, Reply

EXAMPLE_PREFIX = "例如："
WHERE_PREFIX = "位置："


def error_lines(error: UserFacingError) -> tuple[str, ...]:
    """The message, then where (if known), then the example (if any)."""
    lines = [error.message]
    if error.where:
        lines.append(WHERE_PREFIX + error.where)
    if error.example:
        lines.append(EXAMPLE_PREFIX + error.example)
    return tuple(lines)


def format_error(error: UserFacingError) -> Reply:
    """A not-understood / invalid-value reply (``ok=False``; ``pingcang ask`` exits 2)."""
    blocks = [Block(lines=(error.message,))]
    if error.where:
        blocks.append(Block(style="note", lines=(WHERE_PREFIX + error.where,)))
    if error.example:
        blocks.append(Block(lines=(EXAMPLE_PREFIX + error.example,)))
    return Reply(ok=False, kind="error", blocks=tuple(blocks))
