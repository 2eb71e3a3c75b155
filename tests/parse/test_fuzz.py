"""Whatever is typed, the pipeline returns a Reply — an answer or a friendly error — and never
raises. Random text, random keyword soups and mutations of the corpus."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.parse.parser import command_grammar
from bot.pipeline import answer
from bot.reply import Reply
from tests.understanding.corpus import CASES

FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_, _KEYWORDS = command_grammar()
VOCABULARY = sorted(_KEYWORDS.by_literal) + sorted(_KEYWORDS.by_english)
PIECES = [
    *VOCABULARY,
    "2",
    "10",
    "0",
    "-5",
    "1000",
    "1,020",
    "3.5",
    "1e5",
    "1e999999",
    "10万",
    "1.5w",
    "10k",
    "两",
    "一千零二十",
    "%",
    ":",
    "：",
    "@",
    "→",
    "rb",
    "IF2506",
    "BTC",
    "xyz",
    "x100",
    "20x",
    "？",
    "?",
    "　",
    " ",
    "，",
    "什么是",
    "是什么意思",
    "的区别",
    "怎么算",
    "/explain",
    "/calc",
    "\n",
    "\t",
    "😀",
    "\u200b",
    "ﾟ",
    "Ⅻ",
    "½",
    "²",
]
TEXTS = [case.text for case in CASES]


def _assert_reply(text: str) -> None:
    reply = answer(text)
    assert isinstance(reply, Reply)
    assert isinstance(reply.text, str) and isinstance(reply.html, str)
    if not reply.ok:
        assert reply.kind in ("error", "term") and reply.text


@FUZZ
@given(st.text(max_size=80))
def test_random_text(text: str) -> None:
    _assert_reply(text)


@FUZZ
@given(st.lists(st.sampled_from(PIECES), max_size=14), st.sampled_from(["", " "]))
def test_keyword_soup(pieces: list[str], separator: str) -> None:
    _assert_reply(separator.join(pieces))


@st.composite
def mutated(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(TEXTS))
    for _ in range(draw(st.integers(1, 4))):
        if not text:
            break
        pos = draw(st.integers(0, len(text) - 1))
        action = draw(st.sampled_from(["delete", "insert", "replace", "duplicate", "swap"]))
        if action == "delete":
            text = text[:pos] + text[pos + 1 :]
        elif action == "insert":
            text = text[:pos] + draw(st.sampled_from(PIECES)) + text[pos:]
        elif action == "replace":
            text = text[:pos] + draw(st.characters()) + text[pos + 1 :]
        elif action == "duplicate":
            text = text[:pos] + text[pos:] + text[pos:]
        else:
            cut = draw(st.integers(0, len(text)))
            text = text[cut:] + " " + text[:cut]
    return text


@FUZZ
@given(mutated())
def test_mutated_corpus(text: str) -> None:
    _assert_reply(text)


@settings(max_examples=50, deadline=None)
@given(st.integers(0, 12), st.sampled_from(["1e", "9" * 20, "0.", "-", "1,000,000,000,000"]))
def test_number_edges(power: int, piece: str) -> None:
    _assert_reply(f"开多2手 {piece}{10**power} 平仓 {piece} 乘数{10**power} 手续费{piece}%")
