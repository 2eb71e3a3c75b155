"""Run the real bot against the fake Bot API: settings, a running harness, shortcuts.

Shared by the e2e tests (through ``conftest.py``) and the benchmark::

    async with FakeBotAPI() as api, start_bot(api, tmp / "bot.db") as harness:
        [call] = await harness.say("开多2手 1000 平仓 1020 乘数100")
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.defaults import ChatDefaults
from bot.pipeline import answer
from bot.telegram.app import BotApplication, build_application, running
from bot.telegram.config import BotSettings
from bot.telegram.format import compact_html
from tests.bot.fake_bot_api import FakeBotAPI, RecordedCall

GROUP = -1001234567890


def sent_html(question: str, chat_id: object = GROUP, defaults: ChatDefaults | None = None) -> str:
    """The HTML the bot sends for ``question`` in ``chat_id``: in a group (negative id) the
    compact form when the answer is longer than that, else the whole answer."""
    reply = answer(question, defaults)
    short = compact_html(reply) if isinstance(chat_id, int) and chat_id < 0 else None
    return short if short is not None else reply.html


def make_settings(api: FakeBotAPI, database: Path, **overrides: Any) -> BotSettings:
    """Settings for a bot talking to ``api``; rate limiter and flood guards off by default,
    fast retries (so fault tests take seconds, not minutes)."""
    values: dict[str, Any] = {
        "telegram_bot_token": api.token,
        "telegram_base_url": api.base_url,
        "database_url": f"sqlite:///{database}",
        "rate_limiter": False,
        "flood_limit": 0,
        "flood_private_limit": 0,
        "bot_mode": "polling",
        "send_retry_base_delay": 0.02,
        "shutdown_grace_seconds": 2.0,
    }
    values.update(overrides)
    return BotSettings(_env_file=None, **values)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class BotHarness:
    """The fake server and the running bot, with shortcuts for the common exchanges."""

    api: FakeBotAPI
    app: BotApplication
    settings: BotSettings

    async def say(
        self,
        text: str,
        *,
        user_id: int = 1001,
        chat_id: int | None = None,
        reply_to: dict[str, Any] | None = None,
        answers: int = 1,
    ) -> list[RecordedCall]:
        """Push a message and wait for ``answers`` more sendMessage calls; return those."""
        before = self.api.count("sendMessage")
        self.api.push_update(
            self.api.text_update(text, user_id=user_id, chat_id=chat_id, reply_to=reply_to)
        )
        calls = await self.api.wait_for_calls("sendMessage", before + answers)
        return calls[before:]

    async def settle(self, last_update_id: int) -> None:
        """Wait until the bot fetched everything up to ``last_update_id``, then a moment more
        so that handlers started for those updates have finished."""
        await self.api.wait_until_confirmed(last_update_id)
        await asyncio.sleep(0.2)


@asynccontextmanager
async def start_bot(api: FakeBotAPI, database: Path, **overrides: Any) -> AsyncIterator[BotHarness]:
    """Run a bot (settings from ``make_settings`` plus ``overrides``) until the block ends."""
    settings = make_settings(api, database, **overrides)
    application = build_application(settings)
    async with running(application, settings):
        yield BotHarness(api, application, settings)
