"""Every Bot API request goes through here: throttled to Telegram's limits, and retried.

- 429: wait ``retry_after``, try again, for as long as it takes (up to ``max_seconds``);
- 5xx, time-outs, connection errors: exponential backoff with jitter, same cap;
- 400 "can't parse entities" on a text message: sent once more as plain text;
- anything else (403 blocked/kicked, other 400s) is raised to the handler's error path.

Start-up requests (getMe, setWebhook …) are not retried here: start-up has its own loop that
logs each attempt. Throttling (optional) keeps under 30 messages/s for the bot and 20 per
minute per group, in this process (``LocalThrottle``) or across every process sharing the
database (``SharedThrottle``).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import html
import logging
import random
import re
import time
from collections.abc import Callable, Coroutine
from typing import Any, Protocol

from aiolimiter import AsyncLimiter
from cachetools import LRUCache
from sqlalchemy.engine import Engine
from telegram.error import BadRequest, NetworkError, RetryAfter
from telegram.ext import BaseRateLimiter

from bot.storage.slots import take_slot

logger = logging.getLogger(__name__)

JSONResult = bool | dict[str, object] | list[dict[str, object]]
NOT_RETRIED = frozenset({"getMe", "getUpdates", "setWebhook", "deleteWebhook", "logOut", "close"})
TEXT_METHODS = frozenset({"sendMessage", "editMessageText"})
UNTHROTTLED = NOT_RETRIED | {"answerCallbackQuery", "answerInlineQuery", "getChatMember"}
BOT_PER_SECOND = 30
GROUP_PER_MINUTE = 20
_TAG = re.compile(r"<[^>]*>")


class Throttle(Protocol):
    async def acquire(self, group: int | None) -> None:
        """Wait until one more message may go out (to ``group``, when it is a group)."""


class LocalThrottle:
    """Telegram's limits within this process (aiolimiter token buckets; at most
    ``max_groups`` per-group buckets are kept, least recently used dropped)."""

    def __init__(self, max_groups: int = 4096) -> None:
        self._bot = AsyncLimiter(BOT_PER_SECOND, 1)
        self._groups: LRUCache[int, AsyncLimiter] = LRUCache(max_groups)

    async def acquire(self, group: int | None) -> None:
        if group is not None:
            limiter = self._groups.get(group)
            if limiter is None:
                limiter = self._groups[group] = AsyncLimiter(GROUP_PER_MINUTE, 60)
            await limiter.acquire()
        await self._bot.acquire()


def _seconds(value: float | dt.timedelta) -> float:
    return value.total_seconds() if isinstance(value, dt.timedelta) else float(value)


def as_plain_text(data: dict[str, object]) -> dict[str, object]:
    """The same request without HTML: tags dropped, entities decoded."""
    plain = {key: value for key, value in data.items() if key != "parse_mode"}
    plain["text"] = html.unescape(_TAG.sub("", str(data.get("text", ""))))
    return plain


def _group_of(data: dict[str, object]) -> int | None:
    chat_id = data.get("chat_id")
    return chat_id if isinstance(chat_id, int) and chat_id < 0 else None


class DeliveryLimiter(BaseRateLimiter[None]):
    """PTB rate limiter that throttles (optionally) and retries (always)."""

    def __init__(
        self,
        throttle: Throttle | None,
        *,
        max_seconds: float = 600.0,
        base_delay: float = 0.5,
        max_delay: float = 30.0,
    ) -> None:
        self.throttle = throttle
        self.max_seconds = max_seconds
        self.base_delay = base_delay
        self.max_delay = max_delay

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    def backoff(self, attempt: int) -> float:
        """Seconds to wait before retry number ``attempt`` (1, 2 …): exponential, jittered."""
        ceiling = min(self.max_delay, self.base_delay * 2 ** (attempt - 1))
        return random.uniform(ceiling / 2, ceiling)

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, JSONResult]],
        args: Any,
        kwargs: dict[str, object],
        endpoint: str,
        data: dict[str, object],
        rate_limit_args: None,
    ) -> JSONResult:
        if endpoint in NOT_RETRIED:
            return await callback(*args, **kwargs)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.max_seconds
        attempt = 0
        plain_sent = False
        while True:
            if self.throttle is not None and endpoint not in UNTHROTTLED:
                await self.throttle.acquire(_group_of(data))
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as error:
                wait = _seconds(error.retry_after) + 0.05
                failure: Exception = error
            except BadRequest as error:
                if plain_sent or endpoint not in TEXT_METHODS:
                    raise
                if "can't parse entities" not in error.message.lower():
                    raise
                logger.warning("%s refused our HTML (%s); sending plain text", endpoint, error)
                plain_sent = True
                args = (endpoint, as_plain_text(data))
                continue
            except NetworkError as error:  # 5xx, time-outs, connection errors
                attempt += 1
                wait = self.backoff(attempt)
                failure = error
            if loop.time() + wait > deadline:
                logger.error(
                    "%s still failing after %.0f s: %s", endpoint, self.max_seconds, failure
                )
                raise failure
            logger.warning("%s failed (%s); retrying in %.1f s", endpoint, failure, wait)
            await asyncio.sleep(wait)


class SharedThrottle:
    """Telegram's limits across every process sharing the database: messages are spaced
    evenly (1/30 s for the bot, 3 s per group) through slots reserved in ``send_slots``."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    async def _wait_for(self, bucket: str, interval: float) -> None:
        slot = await asyncio.to_thread(take_slot, self.engine, bucket, interval)
        delay = slot - time.time()
        if delay > 0:
            await asyncio.sleep(delay)

    async def acquire(self, group: int | None) -> None:
        if group is not None:
            await self._wait_for(f"group:{group}", 60 / GROUP_PER_MINUTE)
        await self._wait_for("bot", 1 / BOT_PER_SECOND)
