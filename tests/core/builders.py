"""Small builders for core tests (legs in the trader's own words)."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from bot.core.trades import Leg
from bot.errors import DomainError

CJK = re.compile(r"[\u4e00-\u9fff]")


def d(value: str | int) -> Decimal:
    return Decimal(value)


def buy_open(lots: str | int, price: str | int) -> Leg:
    """买开: open long."""
    return Leg(action="open", side="long", lots=d(lots), price=d(price))


def sell_close(lots: str | int, price: str | int, today: bool | None = None) -> Leg:
    """卖平: close long."""
    return Leg(action="close", side="long", lots=d(lots), price=d(price), today=today)


def sell_open(lots: str | int, price: str | int) -> Leg:
    """卖开: open short."""
    return Leg(action="open", side="short", lots=d(lots), price=d(price))


def buy_close(lots: str | int, price: str | int, today: bool | None = None) -> Leg:
    """买平: close short."""
    return Leg(action="close", side="short", lots=d(lots), price=d(price), today=today)


def assert_chinese_domain_error(excinfo: pytest.ExceptionInfo[DomainError]) -> None:
    """The error is a DomainError with a Chinese message and an example of the right form."""
    err = excinfo.value
    assert isinstance(err, DomainError)
    assert CJK.search(err.message), err.message
    assert err.example
