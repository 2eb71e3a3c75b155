"""Two administrators changing settings at once: different keys both persist, a lost race
on the same key is reported (never 已更新)."""

from __future__ import annotations

import asyncio
from decimal import Decimal
from pathlib import Path

import pytest

from bot.defaults import ChatDefaults
from bot.telegram import texts
from bot.telegram.store import ChatSettingsStore
from tests.bot.fake_bot_api import FakeBotAPI
from tests.bot.harness import GROUP, start_bot


async def test_changes_to_different_keys_made_at_once_both_persist(tmp_path: Path) -> None:
    store = ChatSettingsStore(f"sqlite:///{tmp_path / 's.db'}")
    before = await store.get(-7)
    fee = before.model_copy(update={"fee_per_lot": Decimal("3")})
    margin = before.model_copy(update={"margin_rate": Decimal("0.12")})
    results = await asyncio.gather(
        store.change(-7, before, fee, user_id=1), store.change(-7, before, margin, user_id=2)
    )
    assert results == [True, True]
    fresh = ChatSettingsStore(store.engine)
    assert await fresh.get(-7) == ChatDefaults(
        fee_per_lot=Decimal("3"), margin_rate=Decimal("0.12")
    )


async def test_a_change_based_on_a_stale_value_of_the_same_key_is_refused(tmp_path: Path) -> None:
    store = ChatSettingsStore(f"sqlite:///{tmp_path / 's.db'}")
    before = await store.get(-8)
    first = before.model_copy(update={"warning_line": Decimal("0.7")})
    second = before.model_copy(update={"warning_line": Decimal("0.6")})
    assert await store.change(-8, before, first, user_id=1) is True
    assert await store.change(-8, before, second, user_id=2) is False
    assert (await store.get(-8)).warning_line == Decimal("0.7")


@pytest.mark.e2e
async def test_the_admin_who_lost_the_race_is_told_so(api: FakeBotAPI, tmp_path: Path) -> None:
    database = tmp_path / "bot.db"
    api.set_member_status(GROUP, 45, "administrator")
    async with start_bot(api, database) as bot:
        [view] = await bot.say("/settings", user_id=45, chat_id=GROUP)  # cached here
        other_process = ChatSettingsStore(f"sqlite:///{database}")
        theirs = ChatDefaults(warning_line=Decimal("0.6"))
        assert await other_process.change(GROUP, ChatDefaults(), theirs, user_id=46)
        [lost] = await bot.say("/settings 预警线 70%", user_id=45, chat_id=GROUP)
        assert lost.text == texts.SETTINGS_RACE_HTML
        [retry] = await bot.say("/settings 预警线 70%", user_id=45, chat_id=GROUP)
        assert retry.text.startswith("<b>已更新设置</b>")
    fresh = ChatSettingsStore(f"sqlite:///{database}")
    assert (await fresh.get(GROUP)).warning_line == Decimal("0.7")
    del view
