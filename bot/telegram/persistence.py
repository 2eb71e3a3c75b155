"""python-telegram-bot persistence kept in our database: only the callback-data cache.

With ``arbitrary_callback_data`` a button carries a short id; the question behind it lives in
PTB's ``CallbackDataCache``. Persisting that cache in the ``kv`` table lets buttons sent before
a restart keep working. User, chat and bot data are not used by this bot and not stored.
"""

from __future__ import annotations

import asyncio
from collections.abc import MutableMapping
from typing import cast

from sqlalchemy.engine import Engine
from telegram.ext import BasePersistence, PersistenceInput

from bot.storage import kv

# The shapes PTB's BasePersistence uses (spelled out here: PTB keeps them in a private module).
CDCData = tuple[list[tuple[str, float, dict[str, object]]], dict[str, str]]
ConversationKey = tuple[int | str, ...]
ConversationDict = MutableMapping[ConversationKey, object]

CALLBACK_DATA_KEY = "ptb.callback_data"
UPDATE_INTERVAL_SECONDS = 10.0


Data = dict[object, object]
"""What python-telegram-bot keeps per user, per chat and for the bot (we keep none of it)."""


class DatabasePersistence(BasePersistence[Data, Data, Data]):
    """Store PTB's callback-data cache in the ``kv`` table."""

    def __init__(self, engine: Engine, *, update_interval: float = UPDATE_INTERVAL_SECONDS) -> None:
        super().__init__(
            store_data=PersistenceInput(
                bot_data=False, chat_data=False, user_data=False, callback_data=True
            ),
            update_interval=update_interval,
        )
        self.engine = engine

    async def get_callback_data(self) -> CDCData | None:
        found = await asyncio.to_thread(kv.load, self.engine, CALLBACK_DATA_KEY)
        if not isinstance(found, list) or len(found) != 2:
            return None
        keyboards, queries = found
        return cast(
            CDCData,
            ([(str(k[0]), float(k[1]), dict(k[2])) for k in keyboards], dict(queries)),
        )

    async def update_callback_data(self, data: CDCData) -> None:
        keyboards, queries = data
        document = [[list(k) for k in keyboards], queries]
        await asyncio.to_thread(kv.save, self.engine, CALLBACK_DATA_KEY, document)

    # --- not used by this bot -----------------------------------------------------------

    async def get_user_data(self) -> dict[int, Data]:
        return {}

    async def get_chat_data(self) -> dict[int, Data]:
        return {}

    async def get_bot_data(self) -> Data:
        return {}

    async def get_conversations(self, name: str) -> ConversationDict:
        return {}

    async def update_conversation(
        self, name: str, key: ConversationKey, new_state: object | None
    ) -> None:
        return None

    async def update_user_data(self, user_id: int, data: Data) -> None:
        return None

    async def update_chat_data(self, chat_id: int, data: Data) -> None:
        return None

    async def update_bot_data(self, data: Data) -> None:
        return None

    async def drop_chat_data(self, chat_id: int) -> None:
        return None

    async def drop_user_data(self, user_id: int) -> None:
        return None

    async def refresh_user_data(self, user_id: int, user_data: Data) -> None:
        return None

    async def refresh_chat_data(self, chat_id: int, chat_data: Data) -> None:
        return None

    async def refresh_bot_data(self, bot_data: Data) -> None:
        return None

    async def flush(self) -> None:
        return None
