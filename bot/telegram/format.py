"""Pure helpers that turn a ``Reply`` into what Telegram accepts: HTML chunks and keyboards."""

from __future__ import annotations

import html
import re

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.chart import has_chart
from bot.format.numbers import PHONE_COLUMNS, display_width
from bot.reply import Block, Reply

MAX_MESSAGE_LENGTH = 4096
"""Telegram's limit per message (counted here on the HTML itself, which is stricter)."""

SHOW_WORKING = "f"
HIDE_WORKING = "h"
MIRROR = "m"
CHART = "c"
DETAILS = "d"
ASK = "q"
"""A clarification button: answer the question in its data (``bot.telegram.clarify``)."""
CHART_BUTTON = "看图"
DETAILS_BUTTON = "详细"
BUTTON_ACTIONS = (SHOW_WORKING, HIDE_WORKING, MIRROR, CHART, DETAILS, ASK)
COMPACT_LINES = 6
"""A group answer is at most this many lines (the 详细 button expands it)."""
KEY_FIGURES = 4
"""At most this many rows of the first table follow the asked figure in a compact answer."""

_TOKEN = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)[^>]*>|&#?[a-zA-Z0-9]+;|.", re.DOTALL)


def utf16_length(text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units)."""
    if text.isascii():
        return len(text)
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _tokens(text: str) -> list[re.Match[str]]:
    return list(_TOKEN.finditer(text))


def _after(stack: tuple[tuple[str, str], ...], text: str) -> tuple[tuple[str, str], ...]:
    """The open-tag stack after ``text`` (tags are well nested in our own HTML)."""
    if "<" not in text:
        return stack
    items = list(stack)
    for match in _tokens(text):
        name = match.group(2)
        if name is None:
            continue
        if match.group(1):
            if items and items[-1][0] == name.lower():
                items.pop()
        else:
            items.append((name.lower(), match.group(0)))
    return tuple(items)


def _closers(stack: tuple[tuple[str, str], ...]) -> str:
    return "".join(f"</{name}>" for name, _ in reversed(stack))


class _Packer:
    """Greedy packing of lines (and, for over-long lines, of tokens) into chunks."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.chunks: list[str] = []
        self.stack: tuple[tuple[str, str], ...] = ()
        self.parts: list[str] = []
        self.units = 0
        self.has_text = False

    def fits(self, piece: str, stack_after: tuple[tuple[str, str], ...]) -> bool:
        closing = utf16_length(_closers(stack_after))
        return self.units + utf16_length(piece) + closing <= self.limit

    def add(self, piece: str, stack_after: tuple[tuple[str, str], ...]) -> None:
        self.parts.append(piece)
        self.units += utf16_length(piece)
        self.stack = stack_after
        if _TOKEN_TEXT.sub("", piece).strip():
            self.has_text = True

    def flush(self) -> None:
        if self.has_text:
            self.chunks.append("".join(self.parts).rstrip("\n") + _closers(self.stack))
        reopen = "".join(tag for _, tag in self.stack)
        self.parts, self.units, self.has_text = [reopen], utf16_length(reopen), False

    def add_line(self, line: str) -> None:
        stack_after = _after(self.stack, line)
        if not self.has_text and not _TOKEN_TEXT.sub("", line).strip():
            self.add("".join(_TOKEN_TEXT.findall(line)), stack_after)  # keep tags, drop blanks
            return
        piece = ("\n" + line) if self.has_text else line
        if self.fits(piece, stack_after):
            self.add(piece, stack_after)
            return
        if self.has_text:
            self.flush()
            self.add_line(line)
            return
        for match in _tokens(line):  # a single line longer than the limit
            token = match.group(0)
            token_stack = _after(self.stack, token)
            if not self.fits(token, token_stack):
                self.flush()
            self.add(token, token_stack)


_TOKEN_TEXT = re.compile(r"<[^>]*>")


def split_html(text: str, limit: int = MAX_MESSAGE_LENGTH) -> list[str]:
    """Split Telegram HTML into messages of at most ``limit`` units, on line boundaries.

    Tags open at a split (e.g. a ``<pre>`` table) are closed at the end of one chunk and
    reopened at the start of the next, so every chunk is valid HTML on its own. A single
    line longer than the limit is cut between characters (never inside a tag or entity).
    """
    if utf16_length(text) <= limit:
        return [text]
    packer = _Packer(limit)
    for line in text.split("\n"):
        packer.add_line(line)
    packer.flush()
    return packer.chunks


def wrap_line(line: str, limit: int = PHONE_COLUMNS) -> list[str]:
    """``line`` cut at spaces into lines of at most ``limit`` display columns, continuation
    lines indented by two (a single word wider than the limit is cut between characters)."""
    if display_width(line) <= limit:
        return [line]
    lines: list[str] = []
    current = ""
    for word in line.split(" "):
        candidate = f"{current} {word}" if current.strip() else f"{current}{word}"
        if display_width(candidate) <= limit:
            current = candidate
            continue
        if current.strip():
            lines.append(current)
        current = ("  " if lines else "") + word
        while display_width(current) > limit:
            cut = _fitting_prefix(current, limit)
            lines.append(current[:cut])
            current = "  " + current[cut:]
    if current.strip():
        lines.append(current)
    return lines


def _fitting_prefix(text: str, limit: int) -> int:
    """How many characters of ``text`` fit in ``limit`` columns (at least one)."""
    width = 0
    for index, char in enumerate(text):
        width += display_width(char)
        if width > limit:
            return max(index, 1)
    return len(text)


def working_html(reply: Reply) -> str:
    """The 显示公式 section: the step-by-step working in a ``<pre>`` block, each line cut to
    fit a phone's width."""
    wrapped = [part for line in reply.working for part in wrap_line(line)]
    lines = "\n".join(html.escape(line, quote=False) for line in wrapped)
    return f"<b>计算过程</b>\n<pre>{lines}</pre>"


def _table_rows(block: Block) -> list[list[str]]:
    """The rows of a table block; an indented line continues the row above (the value of a
    row too wide for one line)."""
    rows: list[list[str]] = []
    for line in block.lines:
        if line.startswith(" ") and rows:
            rows[-1].append(line)
        else:
            rows.append([line])
    return rows


def compact_lines(reply: Reply) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """(headline lines, key-figure table lines) of the group form of ``reply``: the asked
    figure (the first block), then up to ``KEY_FIGURES`` rows of the first table, at most
    ``COMPACT_LINES`` lines in all. None when the whole reply is that short already."""
    if not reply.ok or not reply.blocks:
        return None
    if sum(len(block.lines) for block in reply.blocks) <= COMPACT_LINES:
        return None
    headline = reply.blocks[0].lines[:COMPACT_LINES]
    room = COMPACT_LINES - len(headline)
    if reply.kind != "answer":  # a term answer: its definition (the first block) is enough
        return headline, ()
    table = next((block for block in reply.blocks[1:] if block.style == "table"), None)
    figures: list[str] = []
    for row in _table_rows(table)[:KEY_FIGURES] if table is not None else []:
        if len(figures) + len(row) > room:
            break
        figures.extend(row)
    return headline, tuple(figures)


def compact_html(reply: Reply) -> str | None:
    """The group form of ``reply`` as Telegram HTML (None: send the full form)."""
    parts = compact_lines(reply)
    if parts is None:
        return None
    headline, figures = parts
    text = "\n".join(html.escape(line, quote=False) for line in headline)
    if figures:
        table = "\n".join(html.escape(line, quote=False) for line in figures)
        text += f"\n<pre>{table}</pre>"
    return text


def compact_keyboard(reply: Reply, key: str) -> InlineKeyboardMarkup:
    """Under a compact group answer: 详细 (expand this message), and 看图 when there is a chart."""
    row = [InlineKeyboardButton(DETAILS_BUTTON, callback_data=f"{DETAILS}:{key}")]
    if has_chart(reply):
        row.append(InlineKeyboardButton(CHART_BUTTON, callback_data=f"{CHART}:{key}"))
    return InlineKeyboardMarkup([row])


def answer_keyboard(
    reply: Reply, key: str, *, showing_working: bool = False
) -> InlineKeyboardMarkup | None:
    """Follow-up buttons under an answer: 显示/隐藏公式 and 反向(多↔空), where they apply;
    看图 on a row of its own when the answer has a chart.

    ``key`` is the question itself: the application uses python-telegram-bot's
    ``arbitrary_callback_data``, which sends a short id instead and keeps the data (persisted
    in the database, so buttons survive a restart)."""
    if not reply.ok:
        return None
    row: list[InlineKeyboardButton] = []
    if reply.working:
        if showing_working:
            row.append(InlineKeyboardButton("隐藏公式", callback_data=f"{HIDE_WORKING}:{key}"))
        else:
            row.append(InlineKeyboardButton("显示公式", callback_data=f"{SHOW_WORKING}:{key}"))
    if reply.mirror_text:
        row.append(InlineKeyboardButton("反向(多↔空)", callback_data=f"{MIRROR}:{key}"))
    rows = [row] if row else []
    if has_chart(reply):
        rows.append([InlineKeyboardButton(CHART_BUTTON, callback_data=f"{CHART}:{key}")])
    return InlineKeyboardMarkup(rows) if rows else None
