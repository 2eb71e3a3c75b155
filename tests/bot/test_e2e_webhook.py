"""BOT_MODE=webhook: the bot registers its webhook and answers updates Telegram POSTs to it."""

from __future__ import annotations

from pathlib import Path

import aiohttp
import pytest

from bot.pipeline import answer
from tests.bot.fake_bot_api import FakeBotAPI
from tests.bot.harness import free_port, start_bot

pytestmark = pytest.mark.e2e

SEED = "开多2手 1000 平仓 1020 乘数100"
SECRET = "hook_secret-42"


async def test_webhook_mode_answers_posted_updates_and_checks_the_secret(
    api: FakeBotAPI, database: Path
) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}/tg/hook"
    overrides = {
        "bot_mode": "webhook",
        "webhook_url": url,
        "webhook_secret": SECRET,
        "webhook_listen": "127.0.0.1",
        "webhook_port": port,
    }
    async with start_bot(api, database, **overrides):
        [registered] = api.calls_to("setWebhook")
        assert registered.params["url"] == url
        assert registered.params["secret_token"] == SECRET
        assert api.count("getUpdates") == 0

        api.push_update(api.text_update(SEED, user_id=71))  # POSTed to the webhook
        [call] = await api.wait_for_calls("sendMessage", 1)
        assert call.chat_id == 71 and call.text == answer(SEED).html
        assert api.webhook_deliveries == [200]

        forged = api.text_update(SEED, user_id=72)
        forged["update_id"] = 999
        async with aiohttp.ClientSession() as session:
            for headers in ({"X-Telegram-Bot-Api-Secret-Token": "wrong"}, {}):
                async with session.post(url, json=forged, headers=headers) as response:
                    assert response.status == 403
        assert api.count("sendMessage") == 1
