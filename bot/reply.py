"""What every answer is: a structured reply rendered to plain text (CLI) or Telegram HTML.

The formatter builds blocks; the renderers decide how they look. User text only ever reaches
HTML through ``html.escape``.
"""

from __future__ import annotations

import html
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

ReplyKind = Literal["answer", "term", "help", "error"]


class Block(BaseModel):
    """A piece of a reply: prose lines, an aligned table (``<pre>`` in HTML) or a formula."""

    model_config = ConfigDict(frozen=True)

    style: Literal["text", "table", "note"] = "text"
    lines: tuple[str, ...]


class Reply(BaseModel):
    """The answer to one message, whatever the question was."""

    model_config = ConfigDict(frozen=True, populate_by_name=True)

    ok: bool
    """False when the text was not understood or a value was invalid."""
    kind: ReplyKind
    blocks: tuple[Block, ...]
    working: tuple[str, ...] = ()
    """Step-by-step working with the user's numbers substituted (the 显示公式 button)."""
    mirror_text: str | None = None
    """The same request with long and short swapped (the 反向 button), when it applies."""
    result_data: dict[str, Any] | None = Field(default=None, alias="result", repr=False)
    """What ``result`` returns when given directly: ``Reply(result={...})``."""
    result_model: Any = Field(default=None, exclude=True, repr=False)
    """The core's result model, dumped into ``result`` only when that is first read: the
    bot only renders the blocks, so most replies never pay for ``model_dump``."""

    @property
    def result(self) -> dict[str, Any] | None:
        """The result model dumped to JSON-able data (``pingcang ask --json``)."""
        data = self.result_data
        if data is None and self.result_model is not None:
            data = self.result_model.model_dump(mode="json")
            self.__dict__["result_data"] = data  # cache the dump (the model is frozen)
        return data

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
