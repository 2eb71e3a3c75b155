"""Taking updates in by long polling, storing before confirming (webhook: ``webhook.py``).

Each ``getUpdates`` batch (at most 100) is written to the inbox before the next call confirms
it with a higher offset.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable, Sequence

from telegram import Bot, Update
from telegram.error import Conflict, InvalidToken, TelegramError

from bot.storage.inbox import Inbox, Incoming

logger = logging.getLogger(__name__)

POLL_BATCH = 100


def chat_key(data: dict[str, object]) -> int:
    """Whose queue an update joins: its chat, or the user for inline queries (0 if neither)."""
    for key in ("message", "edited_message", "channel_post", "edited_channel_post"):
        message = data.get(key)
        if isinstance(message, dict):
            return int(message.get("chat", {}).get("id", 0))
    query = data.get("callback_query")
    if isinstance(query, dict):
        message = query.get("message")
        if isinstance(message, dict) and "chat" in message:
            return int(message["chat"].get("id", 0))
        return int(query.get("from", {}).get("id", 0))
    for key in ("inline_query", "chosen_inline_result"):
        value = data.get(key)
        if isinstance(value, dict):
            return int(value.get("from", {}).get("id", 0))
    return 0


def incoming(data: dict[str, object]) -> Incoming:
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    update_id = data["update_id"]
    if not isinstance(update_id, int):
        raise ValueError("update_id must be an integer")
    return Incoming(update_id, chat_key(data), payload)


class Poller:
    """Long polling that stores each batch before confirming it."""

    def __init__(
        self,
        bot: Bot,
        inbox: Inbox,
        stored: Callable[[], Awaitable[None]],
        *,
        allowed_updates: Sequence[str],
        timeout: int = 10,
        max_backoff: float = 30.0,
    ) -> None:
        self.bot = bot
        self.inbox = inbox
        self.stored = stored
        self.allowed_updates = list(allowed_updates)
        self.timeout = timeout
        self.max_backoff = max_backoff
        self.offset = 0

    async def run(self) -> None:
        """Poll until cancelled; network trouble is retried with backoff, never fatal."""
        failures = 0
        while True:
            try:
                updates = await self.bot.get_updates(
                    offset=self.offset,
                    limit=POLL_BATCH,
                    timeout=self.timeout,
                    allowed_updates=self.allowed_updates,
                    read_timeout=self.timeout + 10,
                )
            except TelegramError as error:  # network trouble, 5xx, 409 (another poller) …
                failures += 1
                wait = min(self.max_backoff, 0.5 * 2 ** min(failures, 8))
                level = (
                    logging.ERROR if isinstance(error, InvalidToken | Conflict) else logging.WARNING
                )
                logger.log(level, "getUpdates failed (%s); retrying in %.1f s", error, wait)
                await asyncio.sleep(wait)
                continue
            failures = 0
            if updates:
                await self.store(updates)

    async def store(self, updates: Sequence[Update]) -> None:
        items = [incoming(update.to_dict()) for update in updates]
        while True:
            try:
                await asyncio.to_thread(self.inbox.add, items)
                break
            except Exception:
                logger.exception("could not store %d updates; retrying", len(items))
                await asyncio.sleep(1.0)
        self.offset = max(update.update_id for update in updates) + 1
        await self.stored()
