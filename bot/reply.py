"""What every answer is: a structured reply rendered to plain text (CLI) or Telegram HTML.

The formatter builds blocks; the renderers decide how they look. User text only ever reaches
HTML through ``html.escape``.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Literal, NamedTuple

if TYPE_CHECKING:
    from pydantic import BaseModel

ReplyKind = Literal["answer", "term", "help", "chatter", "error"]
BlockStyle = Literal["text", "table", "note"]


class Block(NamedTuple):
    """A piece of a reply: prose lines, an aligned table (``<pre>`` in HTML) or a formula.

    A named tuple: a reply holds three or four and every message builds them, so they are the
    cheapest immutable record Python has (a pydantic model here cost ~0.7 µs more each).
    """

    lines: tuple[str, ...]
    style: BlockStyle = "text"


class Reply:
    """The answer to one message, whatever the question was.

    A plain slotted class rather than a pydantic model: it is built by our own code for every
    message (never parsed from outside), so validation would only cost time.
    """

    __slots__ = ("_result", "_result_model", "blocks", "kind", "mirror_text", "ok", "working")

    ok: bool
    """False when the text was not understood or a value was invalid."""
    kind: ReplyKind
    blocks: tuple[Block, ...]
    working: tuple[str, ...]
    """Step-by-step working with the user's numbers substituted (the 显示公式 button)."""
    mirror_text: str | None
    """The same request with long and short swapped (the 反向 button), when it applies."""

    def __init__(
        self,
        *,
        ok: bool,
        kind: ReplyKind,
        blocks: tuple[Block, ...],
        working: tuple[str, ...] = (),
        mirror_text: str | None = None,
        result: dict[str, object] | None = None,
        result_model: BaseModel | None = None,
    ) -> None:
        self.ok, self.kind, self.blocks = ok, kind, blocks
        self.working, self.mirror_text = working, mirror_text
        self._result = result
        """What ``result`` returns when given directly: ``Reply(result={...})``."""
        self._result_model = result_model
        """The core's result model, dumped into ``result`` only when that is first read: the
        bot only renders the blocks, so most replies never pay for ``model_dump``."""

    def __repr__(self) -> str:
        return f"Reply(ok={self.ok!r}, kind={self.kind!r}, blocks={self.blocks!r})"

    @property
    def result_model(self) -> BaseModel | None:
        """The core's result model itself (read-only): charts are drawn from its figures."""
        return self._result_model

    @property
    def result(self) -> dict[str, object] | None:
        """The result model dumped to JSON-able data (``pingcang ask --json``)."""
        if self._result is None and self._result_model is not None:
            self._result = self._result_model.model_dump(mode="json")
        return self._result

    @property
    def text(self) -> str:
        """Plain text, exactly what the CLI prints."""
        return "\n".join(line for block in self.blocks for line in _block_text(block))

    @property
    def html(self) -> str:
        """Telegram HTML (parse mode HTML): tables in <pre>, notes in <i>, all text escaped."""
        return "\n".join(_block_html(block) for block in self.blocks)


def _block_text(block: Block) -> tuple[str, ...]:
    return block.lines


def _block_html(block: Block) -> str:
    escaped = [html.escape(line, quote=False) for line in block.lines]
    if block.style == "table":
        return "<pre>" + "\n".join(escaped) + "</pre>"
    if block.style == "note":
        return "\n".join(f"<i>{line}</i>" for line in escaped)
    return "\n".join(escaped)
