"""Entries → ``Reply``: one term, several, a side-by-side comparison, or suggestions.

Replies are ``kind="term"``. ``ok`` is True when every asked term was found (or the catalogue
was asked for); an unknown or misspelt term gives ``ok=False`` with the closest entries as
suggestions, like any other message the bot did not understand.

Each entry's worked example is a command computed live by the ``calculate`` function the caller
passes (the pipeline passes its own ``answer``: this package never imports the pipeline).
Without one, or while it cannot compute the example, the reply shows the command and says the
calculation is unavailable.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from contextvars import ContextVar
from decimal import Decimal
from functools import lru_cache

from bot.format.numbers import note_block, table_block
from bot.reply import Block, Reply
from bot.terms.loader import term_index
from bot.terms.model import SEED_FILES, Mode, TermEntry
from bot.terms.personal import Personal, personalise
from bot.terms.routing import resolve
from bot.terms.suggest import suggest_terms

logger = logging.getLogger(__name__)

SOURCE_TITLES: dict[str, str] = dict(
    zip(SEED_FILES, ("平仓", "平仓盈亏", "平仓线", "强行平仓"), strict=True)
)
"""Source documents are cited by their titles (《平仓盈亏》), never by file name."""
Calculate = Callable[[str], Reply]
"""Text → the calculator's reply (``bot.pipeline.answer``)."""
MAX_ALIASES_SHOWN = 4
MAX_RELATED_SHOWN = 5

_computing_example: ContextVar[bool] = ContextVar("_computing_example", default=False)


def explain_terms(
    terms: Sequence[str],
    mode: Mode = "what",
    values: Mapping[str, Decimal] | None = None,
    *,
    calculate: Calculate | None = None,
) -> Reply:
    """Explain ``terms`` (titles, aliases, or misspellings of them) as one reply; worked
    examples are computed by ``calculate``."""
    if not terms:
        return _catalogue()
    entries: list[TermEntry] = []
    unknown: list[str] = []
    for term in terms:
        entry = resolve(term)
        if entry is None:
            if term.strip() and term not in unknown:
                unknown.append(term.strip())
        elif entry not in entries:
            entries.append(entry)

    blocks: list[Block] = []
    working: list[str] = []
    if mode == "diff" and len(entries) >= 2:
        blocks += _diff_blocks(entries)
    else:
        for entry in entries:
            entry_blocks, entry_working = _entry_blocks(entry, mode, values or {}, calculate)
            blocks += entry_blocks
            working += entry_working
    suggestions: dict[str, list[str]] = {}
    for term in unknown:
        found = suggest_terms(term)
        suggestions[term] = [entry.id for entry in found]
        blocks += _suggestion_blocks(term, found)
    if not blocks:
        return _catalogue()
    return Reply(
        ok=not unknown,
        kind="term",
        blocks=tuple(blocks),
        working=tuple(working),
        result={
            "mode": mode,
            "entries": [entry.id for entry in entries],
            "unknown": unknown,
            "suggestions": suggestions,
        },
    )


def _title_line(entry: TermEntry) -> str:
    chinese = [alias for alias in entry.aliases if not alias.isascii()]
    english = [alias for alias in entry.aliases if alias.isascii()]
    shown = chinese[: MAX_ALIASES_SHOWN - 1] + english[:1]
    return f"【{entry.title}】" + (f"（又称：{'、'.join(shown)}）" if shown else "")


def _formula_block(entry: TermEntry) -> list[Block]:
    if not entry.formulas:
        return []
    return [note_block(("公式：", *(f"  {formula}" for formula in entry.formulas)))]


def _personal_blocks(
    entry: TermEntry, values: Mapping[str, Decimal]
) -> tuple[list[Block], list[str]]:
    if entry.values_calc is None or not values:
        return [], []
    personal = personalise(entry.values_calc, values)
    if isinstance(personal, str):
        return [note_block((personal,))], []
    return _worked(personal), list(personal.working)


def _worked(personal: Personal) -> list[Block]:
    blocks = [Block(lines=("用你的数字：",))]
    if personal.rows:
        blocks.append(table_block(personal.rows))
    blocks.append(note_block(personal.working))
    return blocks


def _example_blocks(entry: TermEntry, calculate: Calculate | None) -> list[Block]:
    header = [f"算例：{entry.example}"]
    if entry.example_note:
        header.append(entry.example_note)
    reply = example_reply(entry.example, calculate) if calculate is not None else None
    if reply is None or not reply.ok:
        return [
            Block(lines=tuple(header)),
            note_block(("（计算器暂时算不了这条算例，可稍后直接发送上面的命令。）",)),
        ]
    return [Block(lines=tuple(header)), *reply.blocks]


def _footer(entries: Sequence[TermEntry]) -> Block:
    index = term_index()
    shown_ids = {entry.id for entry in entries}
    related: list[str] = []
    sources: list[str] = []
    for entry in entries:
        for other in entry.related:
            title = index.by_id[other].title
            if other not in shown_ids and title not in related:
                related.append(title)
        for source in entry.sources:
            label = f"《{SOURCE_TITLES[source]}》" if source in SOURCE_TITLES else "通用知识"
            if label not in sources:
                sources.append(label)
    lines = []
    if related:
        lines.append("相关：" + "、".join(related[:MAX_RELATED_SHOWN]))
    lines.append("出处：" + "；".join(sources))
    return note_block(lines)


def _entry_blocks(
    entry: TermEntry, mode: Mode, values: Mapping[str, Decimal], calculate: Calculate | None
) -> tuple[list[Block], list[str]]:
    header = Block(lines=(_title_line(entry), entry.summary))
    explanation = Block(lines=(entry.explanation,))
    personal, working = _personal_blocks(entry, values)
    body: list[Block]
    if mode == "how":
        example = _example_blocks(entry, calculate)
        body = [*_formula_block(entry), *personal, *example, explanation]
    else:
        example = _example_blocks(entry, calculate)
        body = [explanation, *_formula_block(entry), *personal, *example]
    return [header, *body, _footer([entry])], working


def render_entry(
    entry: TermEntry,
    mode: Mode = "what",
    values: Mapping[str, Decimal] | None = None,
    *,
    calculate: Calculate | None = None,
) -> tuple[Block, ...]:
    """The blocks explaining one entry (what ``explain_terms`` shows for a single term)."""
    blocks, _working = _entry_blocks(entry, mode, values or {}, calculate)
    return tuple(blocks)


def _contrast(first: TermEntry, second: TermEntry) -> str | None:
    return first.contrasts.get(second.id) or second.contrasts.get(first.id)


def _diff_blocks(entries: Sequence[TermEntry]) -> list[Block]:
    titles = "与".join(f"【{entry.title}】" for entry in entries)
    blocks = [Block(lines=(f"{titles}的区别",))]
    contrasts = [
        text
        for position, first in enumerate(entries)
        for second in entries[position + 1 :]
        if (text := _contrast(first, second)) is not None
    ]
    if contrasts:
        blocks.append(Block(lines=("关键区别：", *contrasts)))
    for entry in entries:
        blocks.append(Block(lines=(f"▸ {entry.title}：{entry.summary}", entry.explanation)))
        lines = [f"  {formula}" for formula in entry.formulas]
        lines.append(f"  试算：{entry.example}")
        blocks.append(note_block(lines))
    blocks.append(_footer(entries))
    return blocks


def _suggestion_blocks(term: str, found: Sequence[TermEntry]) -> list[Block]:
    if found:
        names = "、".join(entry.title for entry in found)
        return [
            Block(lines=(f"知识库里没有“{term}”。你是不是想问：{names}？",)),
            note_block((f"例如发送：什么是{found[0].title}",)),
        ]
    return [
        Block(lines=(f"知识库里还没有“{term}”这个词条。",)),
        note_block(("发送 /explain 查看全部词条。",)),
    ]


def _catalogue() -> Reply:
    entries = term_index().book.entries
    titles = "、".join(entry.title for entry in entries)
    return Reply(
        ok=True,
        kind="term",
        blocks=(
            Block(lines=(f"可以查询的词条（共 {len(entries)} 条）：", titles)),
            note_block(("例如：什么是逐日盯市 · 穿仓是什么意思 · 对冲平仓和强制平仓有什么区别",)),
        ),
        result={"mode": "what", "entries": [], "unknown": [], "suggestions": {}},
    )


def example_reply(command: str, calculate: Calculate) -> Reply | None:
    """The calculator's live answer to an entry's example command (None while nested)."""
    if _computing_example.get():
        return None  # an example that routed back into a term question must not recurse
    token = _computing_example.set(True)
    try:
        return _cached_example_reply(command, calculate)
    finally:
        _computing_example.reset(token)


@lru_cache(maxsize=256)
def _cached_example_reply(command: str, calculate: Calculate) -> Reply | None:
    try:
        return calculate(command)
    except Exception:  # the explanation must survive a calculator bug; the log keeps it
        logger.exception("worked example failed: %s", command)
        return None
