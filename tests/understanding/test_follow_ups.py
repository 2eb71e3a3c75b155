"""How a reply to an answer rewrites the earlier question (``bot.pipeline.followup``)."""

from __future__ import annotations

import pytest

from bot.pipeline.followup import follow_up

BASE = "开多2手 rb 3500 平仓 3550"


@pytest.mark.parametrize(
    ("question", "said", "expected"),
    [
        (BASE, "改成3手", "开多3手 rb 3500 平仓 3550"),
        (BASE, "3手呢", "开多3手 rb 3500 平仓 3550"),
        (BASE, "加一手", "开多3手 rb 3500 平仓 3550"),
        (BASE, "减1手", "开多1手 rb 3500 平仓 3550"),
        (BASE, "平仓 3600 呢", "开多2手 rb 3500 平仓 3600"),
        (BASE, "换成 i", "开多2手 i 3500 平仓 3550"),
        (BASE, "手续费按万分之一", f"{BASE} 手续费万分之一"),
        (f"{BASE} 手续费3元/手", "手续费按万分之一", f"{BASE} 手续费万分之一"),
        ("rb 开多2手 3500 止损3400", "止损改3450", "rb 开多2手 3500 止损 3450"),
        ("BTC 开多1个 60000 20倍 强平价", "杠杆10倍", "BTC 开多1个 60000 10倍 强平价"),
    ],
)
def test_a_change_rewrites_the_question(question: str, said: str, expected: str) -> None:
    assert follow_up(question, said) == expected


@pytest.mark.parametrize("said", ["好的", "开空1手 rb 3500 平仓 3450", "换成 不存在", "减2手"])
def test_text_that_is_no_change_is_left_alone(said: str) -> None:
    assert follow_up(BASE, said) is None  # 减2手 would leave no lots
