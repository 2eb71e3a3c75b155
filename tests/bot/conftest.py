"""Fixtures: a fake Bot API on 127.0.0.1 and the real Application running against it."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from tests.bot.fake_bot_api import FakeBotAPI
from tests.bot.harness import BotHarness, start_bot


@pytest.fixture(autouse=True)
def no_token_in_logs(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    """Every bot test captures all logs at DEBUG (httpx included) and checks the token."""
    caplog.set_level(logging.DEBUG)
    yield
    token = FakeBotAPI().token.lower()  # in any letter case
    leaked = [r.getMessage() for r in caplog.records if token in r.getMessage().lower()]
    leaked += [r.exc_text or "" for r in caplog.records if token in (r.exc_text or "").lower()]
    assert leaked == []
    assert token not in caplog.text.lower()


@pytest.fixture
async def api() -> AsyncIterator[FakeBotAPI]:
    async with FakeBotAPI() as server:
        yield server


@pytest.fixture
def database(tmp_path: Path) -> Path:
    return tmp_path / "bot.db"


@pytest.fixture
async def bot(api: FakeBotAPI, database: Path) -> AsyncIterator[BotHarness]:
    async with start_bot(api, database) as harness:
        yield harness
