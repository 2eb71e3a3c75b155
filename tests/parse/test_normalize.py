"""Normalisation: NFKC, numbers (万/千/w/k, grouping, exponents, Chinese numerals), limits."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bot.errors import UserFacingError
from bot.parse.normalize import (
    MAX_MESSAGE_CHARS,
    arabic_number,
    chinese_number,
    normalize_text,
    split_command,
)


def test_nfkc_turns_full_width_into_ascii() -> None:
    assert (
        normalize_text("开多２手　１０００　保证金１０％　盈亏比３：１")
        == "开多2手 1000 保证金10% 盈亏比3:1"
    )


def test_minus_sign_variants_become_ascii() -> None:
    assert normalize_text("其他未实现盈亏−200") == "其他未实现盈亏-200"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("3500", "3500"),
        ("3,500", "3500"),
        ("57,236.18", "57236.18"),
        ("10万", "100000"),
        ("1.5w", "15000"),
        ("1.5W", "15000"),
        ("10k", "10000"),
        ("2千", "2000"),
        ("0.05", "0.05"),
        (".5", "0.5"),
        ("-200", "-200"),
        ("1e5", "100000"),
        # digits after 万/千, as traders say amounts
        ("3千6", "3600"),
        ("1千2", "1200"),
        ("1万5", "15000"),
        ("8万5", "85000"),
        ("1万5千", "15000"),
        ("1万5000", "15000"),
        ("3千500", "3500"),
        ("-1万5", "-15000"),
    ],
)
def test_arabic_numbers(text: str, value: str) -> None:
    assert arabic_number(text) == Decimal(value)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("两", "2"),
        ("十", "10"),
        ("二十五", "25"),
        ("一千零二十", "1020"),
        ("两千五", "2500"),
        ("十万", "100000"),
        ("一点五万", "15000"),
        ("零点五", "0.5"),
    ],
)
def test_chinese_numbers(text: str, value: str) -> None:
    assert chinese_number(text) == Decimal(value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1e999999", "指数太大"),
        ("9" * 40, "位数太多"),
        ("99999999999999999", "超出合理范围"),
        ("1e-15", "太小"),
        ("1万25", "看不懂"),
        ("1.5万5", "看不懂"),
        ("3千6千", "看不懂"),
    ],
)
def test_absurd_numbers_are_refused(text: str, message: str) -> None:
    with pytest.raises(UserFacingError, match=message):
        arabic_number(text)


def test_long_messages_are_refused_before_any_work() -> None:
    normalize_text("开" * MAX_MESSAGE_CHARS)
    with pytest.raises(UserFacingError, match="消息太长"):
        normalize_text("开" * (MAX_MESSAGE_CHARS + 1))


@pytest.mark.parametrize(
    ("text", "command", "rest"),
    [
        ("/calc 开多2手", "calc", "开多2手"),
        ("/explain@PingcangBot 逐日盯市", "explain", "逐日盯市"),
        ("/help", "help", ""),
        ("开多2手 /calc", None, "开多2手 /calc"),
    ],
)
def test_split_command(text: str, command: str | None, rest: str) -> None:
    assert split_command(text) == (command, rest)
