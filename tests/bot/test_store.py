"""Per-chat settings persist in the database, exactly."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from bot.defaults import ChatDefaults
from bot.telegram.store import ChatSettingsStore


async def test_unknown_chat_gets_defaults_and_changes_survive_a_new_store(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 's.db'}"
    first = ChatSettingsStore(url)
    await first.open()
    assert await first.get(-100) == ChatDefaults()
    changed = ChatDefaults(
        fee_rate=Decimal("0.000023"), margin_rate=Decimal("0.12"), crypto_mmr=Decimal("0.004")
    )
    await first.set(-100, changed, user_id=42)
    first.close()

    second = ChatSettingsStore(url)
    loaded = await second.get(-100)
    assert loaded == changed
    assert loaded.fee_rate == Decimal("0.000023") and str(loaded.fee_rate) == "0.000023"
    assert await second.get(-200) == ChatDefaults()
    second.close()
