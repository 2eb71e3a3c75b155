"""Command → question mapping, and every example the bot shows is a question it understands."""

from __future__ import annotations

import pytest

from bot.pipeline import answer
from bot.telegram.texts import (
    HELP_EXAMPLES,
    QUERY_COMMAND_BY_NAME,
    START_EXAMPLES,
    command_menu,
)


@pytest.mark.parametrize(
    ("name", "argument", "question"),
    [
        ("calc", " 开多2手 1000 平仓 1020 ", "开多2手 1000 平仓 1020"),
        ("c", "x", "x"),
        ("pnl", "开空1手 3500 平 3450", "开空1手 3500 平 3450"),
        ("liq", "权益10万 开空10手 rb 3500", "权益10万 开空10手 rb 3500 强平价"),
        ("liq", "开多 rb 3500 平仓线", "开多 rb 3500 平仓线"),
        ("liq", "BTCUSDT 开多 10倍 LIQ", "BTCUSDT 开多 10倍 LIQ"),
        ("risk", "权益10万 保证金占用8万", "权益10万 保证金占用8万 风险度"),
        ("risk", "风险度 权益10万 保证金占用8万", "风险度 权益10万 保证金占用8万"),
        ("size", "权益10万 风险2%", "权益10万 风险2% 开几手"),
        ("size", "权益10万 能开几手", "权益10万 能开几手"),
        ("explain", "逐日盯市", "什么是逐日盯市"),
        ("term", "穿仓是什么意思", "穿仓是什么意思"),
        ("contract", "rb", "rb 合约"),
        ("contract", "螺纹钢合约", "螺纹钢合约"),
    ],
)
def test_commands_map_to_documented_questions(name: str, argument: str, question: str) -> None:
    assert QUERY_COMMAND_BY_NAME[name].to_question(argument) == question


def test_menu_lists_each_command_once_in_both_languages() -> None:
    zh, en = command_menu("zh"), command_menu("en")
    assert [name for name, _ in zh] == [name for name, _ in en]
    assert len({name for name, _ in zh}) == len(zh) == 10
    assert all(1 <= len(text) <= 256 for _, text in zh + en)


@pytest.mark.parametrize(
    "question",
    [
        *START_EXAMPLES,
        *(QUERY_COMMAND_BY_NAME[cmd].to_question(example) for _, cmd, example in HELP_EXAMPLES),
        *(command.to_question(command.example) for command in QUERY_COMMAND_BY_NAME.values()),
    ],
)
def test_every_example_shown_to_users_is_understood(question: str) -> None:
    reply = answer(question)
    assert reply.ok, reply.text
