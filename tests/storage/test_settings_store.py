"""Settings on SQLite and PostgreSQL: 600 concurrent writes all land; races on one key are
detected."""

from __future__ import annotations

import asyncio
from decimal import Decimal

from bot.defaults import ChatDefaults
from bot.telegram.store import ChatSettingsStore


async def test_600_concurrent_changes_all_persist(database_url: str) -> None:
    store = ChatSettingsStore(database_url)
    base = ChatDefaults()

    def changed(chat: int) -> ChatDefaults:
        return base.model_copy(update={"fee_per_lot": Decimal(chat) / 100})

    results = await asyncio.gather(
        *(store.change(-chat, base, changed(chat), user_id=chat) for chat in range(1, 601))
    )
    assert all(results)
    fresh = ChatSettingsStore(store.engine)
    fees = [(await fresh.get(-chat)).fee_per_lot for chat in range(1, 601)]
    assert fees == [Decimal(chat) / 100 for chat in range(1, 601)]  # e.g. chat 250 → 2.5
    store.close()


async def test_two_admins_changing_different_keys_of_one_chat_both_win(database_url: str) -> None:
    store = ChatSettingsStore(database_url)
    base = await store.get(-1)
    changes = [
        base.model_copy(update={"fee_per_lot": Decimal("3")}),
        base.model_copy(update={"margin_rate": Decimal("0.1")}),
        base.model_copy(update={"forced_line": Decimal("0.9")}),
    ]
    results = await asyncio.gather(*(store.change(-1, base, c, user_id=1) for c in changes))
    assert results == [True, True, True]
    assert await ChatSettingsStore(store.engine).get(-1) == ChatDefaults(
        fee_per_lot=Decimal("3"), margin_rate=Decimal("0.1"), forced_line=Decimal("0.9")
    )
    same_key = [base.model_copy(update={"warning_line": Decimal(v)}) for v in ("0.7", "0.6")]
    raced = await asyncio.gather(*(store.change(-1, base, c, user_id=2) for c in same_key))
    assert sorted(raced) == [False, True]  # exactly one wins, the other is told
    store.close()
