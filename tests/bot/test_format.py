"""Splitting long HTML answers and the follow-up keyboard (pure helpers)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.reply import Block, Reply
from bot.telegram.format import answer_keyboard, split_html, utf16_length, working_html
from tests.bot.fake_bot_api import html_to_text


def test_short_text_is_one_message() -> None:
    assert split_html("a\nb") == ["a\nb"]


def test_splits_on_line_boundaries() -> None:
    assert split_html("aaaa\nbbbb\ncccc", limit=9) == ["aaaa\nbbbb", "cccc"]


def test_pre_table_is_closed_and_reopened_at_each_split() -> None:
    text = "head\n<pre>1111\n2222</pre>\n<i>note</i>"
    assert split_html(text, limit=18) == [
        "head",
        "<pre>1111</pre>",
        "<pre>2222</pre>",
        "<i>note</i>",
    ]
    assert split_html("<pre>11111\n22222\n33333</pre>", limit=20) == [
        "<pre>11111</pre>",
        "<pre>22222</pre>",
        "<pre>33333</pre>",
    ]


def test_over_long_line_is_cut_between_characters_never_inside_an_entity() -> None:
    assert split_html("x" * 10, limit=4) == ["xxxx", "xxxx", "xx"]
    assert split_html("ab&amp;cd", limit=6) == ["ab", "&amp;c", "d"]


def test_blank_lines_at_a_split_are_dropped() -> None:
    assert split_html("a\n\nb", limit=2) == ["a", "b"]


def test_length_is_counted_in_utf16_units_as_telegram_does() -> None:
    assert utf16_length("😀a") == 3
    assert split_html("😀😀😀", limit=4) == ["😀😀", "😀"]


def test_real_size_answer_over_4096_characters() -> None:
    reply = Reply(
        ok=True,
        kind="answer",
        blocks=(
            Block(
                lines=tuple(f"第{i}笔 开多2手 1000 平仓 1020 盈亏 4,000.00 元" for i in range(150))
            ),
            Block(
                style="table", lines=tuple(f"合约{i:03d}  乘数 10  保证金 10%" for i in range(150))
            ),
        ),
    )
    chunks = split_html(reply.html)
    assert len(reply.html) > 4096
    assert len(chunks) >= 2
    assert all(utf16_length(chunk) <= 4096 for chunk in chunks)
    assert "\n".join(html_to_text(chunk) for chunk in chunks) == html_to_text(reply.html)


_line = st.text(
    alphabet=st.sampled_from("平仓盈亏元手<>&\"' 0123456789abc😀"), min_size=0, max_size=60
)
_block = st.builds(
    Block,
    style=st.sampled_from(["text", "table", "note"]),
    lines=st.lists(_line, min_size=1, max_size=12).map(tuple),
)


@settings(max_examples=200, deadline=None)
@given(blocks=st.lists(_block, min_size=1, max_size=8), limit=st.integers(80, 400))
def test_every_chunk_is_valid_html_within_the_limit_and_nothing_is_lost(
    blocks: list[Block], limit: int
) -> None:
    reply = Reply(ok=True, kind="answer", blocks=tuple(blocks))
    chunks = split_html(reply.html, limit=limit)
    for chunk in chunks:
        assert utf16_length(chunk) <= limit
        html_to_text(chunk)  # raises on unbalanced tags or bare < and &

    # Chunks end at line breaks, a line longer than the limit is cut between characters, and
    # Telegram trims each message: the text, white space aside, is all there and in order.
    def characters(text: str) -> str:
        return "".join(text.split())

    assert characters("".join(html_to_text(c) for c in chunks)) == characters(
        html_to_text(reply.html)
    )


def _reply(working: tuple[str, ...] = (), mirror: str | None = None, ok: bool = True) -> Reply:
    return Reply(
        ok=ok,
        kind="answer",
        blocks=(Block(lines=("盈亏 4,000.00 元",)),),
        working=working,
        mirror_text=mirror,
    )


def _buttons(reply: Reply, showing: bool = False) -> list[tuple[str, str | None]]:
    keyboard = answer_keyboard(reply, "k1", showing_working=showing)
    if keyboard is None:
        return []
    return [(b.text, str(b.callback_data)) for row in keyboard.inline_keyboard for b in row]


def test_keyboard_offers_only_what_the_reply_supports() -> None:
    both = _reply(working=("(1020 − 1000) × 100 × 2 = 4,000",), mirror="开空2手 1000 平仓 1020")
    assert _buttons(both) == [("显示公式", "f:k1"), ("反向(多↔空)", "m:k1")]
    assert _buttons(both, showing=True) == [("隐藏公式", "h:k1"), ("反向(多↔空)", "m:k1")]
    assert _buttons(_reply(working=("x",))) == [("显示公式", "f:k1")]
    assert _buttons(_reply(mirror="y")) == [("反向(多↔空)", "m:k1")]
    assert _buttons(_reply()) == []
    assert _buttons(_reply(working=("x",), mirror="y", ok=False)) == []


def test_working_is_escaped_in_a_pre_block() -> None:
    reply = _reply(working=("a < b & c", "= 4,000"))
    assert working_html(reply) == "<b>计算过程</b>\n<pre>a &lt; b &amp; c\n= 4,000</pre>"
